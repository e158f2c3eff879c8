package io.graphsnap.builder;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Small factories for test inputs. */
final class Fixtures {
  private Fixtures() {}

  static SymbolSummary sym(String name, String kind, int start, int end, String... effects) {
    return new SymbolSummary(name, kind, Arrays.asList(effects), start, end, null, List.of(), null);
  }

  static SymbolSummary rich(String name, String kind, int start, int end, byte[] hash, List<Note> notes,
      Map<String, String> metadata, String... effects) {
    return new SymbolSummary(name, kind, Arrays.asList(effects), start, end, hash, notes, new TreeMap<>(metadata));
  }

  static EdgeSummary edge(int source, String type, String target) {
    return new EdgeSummary(source, type, target);
  }

  /** An edge that occurs on {@code lines} (its sites). */
  static EdgeSummary edge(int source, String type, String target, int... lines) {
    return new EdgeSummary(source, type, target, lines);
  }

  static FileSummary file(String path, String language, List<SymbolSummary> symbols, List<EdgeSummary> edges) {
    return new FileSummary(path, language, null, symbols, edges);
  }

  static byte[] bytes32(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  static List<FileSummary> shuffled(List<FileSummary> files, long seed) {
    List<FileSummary> copy = new ArrayList<>(files);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  /** Builds {@code files} (in list order) into {@code dir/name} and returns the file's bytes. */
  static byte[] buildBytes(List<FileSummary> files, Path dir, String name) throws IOException {
    Path out = dir.resolve(name);
    new SnapshotBuilder().build(ObjectSource.of(files), out);
    return Files.readAllBytes(out);
  }

  /** Builds {@code files} with the adjacency {@code layout} into {@code dir/name} and returns the file's bytes. */
  static byte[] buildBytes(List<FileSummary> files, Path dir, String name,
      io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout) throws IOException {
    Path out = dir.resolve(name);
    new SnapshotBuilder(BuildOptions.defaults().withLayout(layout)).build(ObjectSource.of(files), out);
    return Files.readAllBytes(out);
  }

  static BuildResult build(List<FileSummary> files, Path out) throws IOException {
    return new SnapshotBuilder().build(ObjectSource.of(files), out);
  }

  /** A progress listener that throws an {@link IllegalStateException} at the fifth step of the {@code write} phase. */
  static BuildProgress failInWrite() {
    return new BuildProgress() {
      String phase;

      @Override
      public void phase(String name) {
        phase = name;
      }

      @Override
      public void advance(long done, long total) {
        if (phase.equals("write") && done == 5) {
          throw new IllegalStateException("listener failed mid-write");
        }
      }
    };
  }
}
