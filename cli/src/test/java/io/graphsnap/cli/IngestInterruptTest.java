package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.fault.ChildJvm;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.Store;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here SIGTERM, the same shutdown path) during {@code ingest} stores the lines read so far whole, says up to
 * which line (issue 14, item 3).
 */
class IngestInterruptTest {
  @TempDir Path dir;

  private Path input(int lines) throws Exception {
    Path file = dir.resolve("big.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write("{\"path\": \"src/f" + i + ".cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": \"m" + i
            + ".f\", \"kind\": \"fn\", \"lines\": [1, 2]}], \"edges\": [{\"from\": \"m" + i + ".f\", \"type\": \"calls\", "
            + "\"to\": \"m" + (i + 1) + ".f\"}]}\n");
      }
    }
    return file;
  }

  private static long filesUnder(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void sigtermStoresTheLinesReadWholeAndSaysUpToWhichLine() throws Exception {
    int lines = 100_000; // objects go into a pack: far more lines than are read before the signal arrives
    Path input = input(lines);
    Path store = dir.resolve("store");
    ChildJvm.Child child = ChildJvm.start(dir.resolve("logs"), List.of("-Xmx256m"), Main.class,
        "ingest", input.toString(), "--store", store.toString());
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!StoreFiles.objectsStaged(store) && child.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    child.process().destroy();
    child.await(60);
    String output = child.output();
    Matcher m = Pattern.compile("graphsnap: interrupted after line ([0-9,]+) of .*: stored lines 1-([0-9,]+) \\(([0-9,]+) added")
        .matcher(output);
    assertTrue(m.find(), output);
    int stored = Integer.parseInt(m.group(2).replace(",", ""));
    assertTrue(stored > 0 && stored < lines, output);
    assertEquals(stored, Integer.parseInt(m.group(3).replace(",", "")), output);
    assertTrue(output.contains("run the same ingest again to store the rest"), output);
    assertEquals(0, filesUnder(store.resolve("tmp")), "nothing half-written left in tmp/");
    // exactly the first `stored` lines are in the index, each whole (JsonLinesIngesterTest covers the rerun)
    try (Store s = Store.open(store, false)) {
      List<FileEntry> files = s.currentFiles();
      assertEquals(stored, files.size());
      for (FileEntry f : files) {
        int i = Integer.parseInt(f.path().substring("src/f".length(), f.path().length() - ".cov".length()));
        assertTrue(i < stored, f.path());
        assertEquals("m" + i + ".f", s.objects().read(f.objectId()).symbols().getFirst().name());
      }
    }
  }
}
