package io.graphsnap.bench;

import io.graphsnap.bench.internal.FileDraft;
import io.graphsnap.bench.internal.JsonLineEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link SyntheticGraph} in the JSON Lines interchange of docs/DESIGN.md §4 (one file per line, the fields
 * {@code path}, {@code language}, {@code symbols} with {@code name}, {@code kind}, {@code effects} when present
 * and {@code lines}, and {@code edges} with {@code from}, {@code type}, {@code to}), so that
 * {@code graphsnap ingest} reads it. Stateless; O(graph) time, O(one file) memory.
 *
 * <p>Each file is {@linkplain SyntheticGraph#draft drawn} into a reusable {@link FileDraft} and encoded by a
 * {@link JsonLineEncoder} straight into bytes, with no {@link io.graphsnap.format.object.FileSummary}, string or
 * JSON library in between: the bytes are those Jackson's compact generator wrote for the file's summary (pinned by
 * {@code SyntheticJsonlDigestTest}), at a fraction of the CPU, so that the generator takes little from a measured
 * {@code graphsnap ingest -} it feeds.
 */
public final class SyntheticJsonl {
  private static final int CHUNK_BYTES = 1 << 16;

  private SyntheticJsonl() {}

  /** The sizes {@link #write(SyntheticGraph, Path, Path)} produced. */
  public record Sizes(long jsonlBytes, long gzipBytes) {}

  /**
   * Writes the graph to {@code jsonl} and, in the same pass, its gzip (default level) to {@code gzip}; either
   * may be {@code null} to skip it. Files are replaced.
   */
  public static Sizes write(SyntheticGraph graph, Path jsonl, Path gzip) throws IOException {
    try (OutputStream plain = jsonl == null ? OutputStream.nullOutputStream()
            : new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16);
        OutputStream zipped = gzip == null ? OutputStream.nullOutputStream()
            : new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(gzip), 1 << 16), 1 << 16);
        OutputStream both = new Tee(plain, zipped)) {
      write(graph, both);
    }
    return new Sizes(jsonl == null ? 0 : Files.size(jsonl), gzip == null ? 0 : Files.size(gzip));
  }

  /**
   * Writes a synthetic graph's JSON Lines to a file or to standard output, so that a graph too large to keep as a
   * file can be piped into {@code graphsnap ingest -}:
   *
   * <pre>
   * java -cp bench/target/benchmarks.jar io.graphsnap.bench.SyntheticJsonl (--scale S | --files N) [--seed SEED] OUT.jsonl|-
   * java -cp bench/target/benchmarks.jar io.graphsnap.bench.SyntheticJsonl (--scale S | --files N) --shards K OUTDIR
   * </pre>
   *
   * <p>With {@code --shards K} the lines go to K files {@code OUTDIR/shard-000.jsonl} … in order (file {@code i} of
   * {@code n} into shard {@code i·K/n}), for {@code watch --jsonl OUTDIR}; their concatenation is the single file.
   */
  public static void main(String[] args) throws IOException {
    Scale scale = null;
    int files = 0;
    long seed = SyntheticGraph.DEFAULT_SEED;
    String out = null;
    int shards = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shards" -> shards = Integer.parseInt(args[++i]);
        case "--scale" -> scale = Scale.parse(args[++i]);
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          if (out != null || args[i].startsWith("--")) {
            throw new IllegalArgumentException("usage: SyntheticJsonl (--scale S | --files N) [--seed SEED] "
                + "[--shards K] OUT.jsonl|-|OUTDIR (unexpected " + args[i] + ")");
          }
          out = args[i];
        }
      }
    }
    if (out == null || (scale == null) == (files <= 0)) {
      throw new IllegalArgumentException("usage: SyntheticJsonl (--scale S | --files N) [--seed SEED] OUT.jsonl|-");
    }
    SyntheticGraph graph = scale != null ? SyntheticGraph.of(scale, seed) : SyntheticGraph.ofFiles(files, seed);
    if (shards > 0) {
      if (out.equals("-")) {
        throw new IllegalArgumentException("--shards writes a folder, not standard output");
      }
      writeShards(graph, Path.of(out), shards);
    } else if (out.equals("-")) {
      OutputStream stdout = new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
      write(graph, stdout);
      stdout.flush();
    } else {
      Path target = Path.of(out);
      Path temp = target.resolveSibling(target.getFileName() + ".tmp");
      write(graph, temp, null);
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Writes the graph as {@code shards} JSON Lines files {@code shard-NNN.jsonl} in {@code folder} (created if
   * missing), consecutive files in each; each written to a temporary name and renamed.
   */
  public static void writeShards(SyntheticGraph graph, Path folder, int shards) throws IOException {
    Files.createDirectories(folder);
    int n = graph.fileCount();
    int from = 0;
    for (int k = 0; k < shards; k++) {
      int to = (int) ((long) n * (k + 1) / shards);
      Path target = folder.resolve(String.format(java.util.Locale.ROOT, "shard-%03d.jsonl", k));
      Path temp = folder.resolve("." + target.getFileName() + ".tmp");
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        write(graph, from, to, file);
      }
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      from = to;
    }
  }

  /** Writes the graph as JSON Lines to {@code out}, which stays open. */
  public static void write(SyntheticGraph graph, OutputStream out) throws IOException {
    write(graph, 0, graph.fileCount(), out);
  }

  /**
   * Writes the lines of files {@code [from, to)} to {@code out}, which stays open (and is flushed at the end), in
   * chunks of at least {@value #CHUNK_BYTES} bytes.
   */
  static void write(SyntheticGraph graph, int from, int to, OutputStream out) throws IOException {
    FileDraft draft = new FileDraft();
    JsonLineEncoder encoder = new JsonLineEncoder();
    for (int i = from; i < to; i++) {
      graph.draft(i, draft);
      encoder.encode(draft);
      if (encoder.size() >= CHUNK_BYTES) {
        encoder.drainTo(out);
      }
    }
    encoder.drainTo(out);
    out.flush();
  }

  /** Writes every byte to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
