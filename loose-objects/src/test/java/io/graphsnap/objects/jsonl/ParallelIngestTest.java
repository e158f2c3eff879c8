package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest with worker threads gives what ingest on one thread gives: the same report, objects and index answers,
 * batch after batch (changed files, deletes, bad lines, repeated paths, conflicts), and a stopped ingest leaves no
 * temporary of the lines read ahead.
 */
class ParallelIngestTest {
  @TempDir Path dir;

  /** A batch of lines over paths src/f0..f59: puts with symbols and edges, deletes, bad lines, repeats, expects. */
  private static String batch(Random random, int lines) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int file = random.nextInt(60);
      int kind = random.nextInt(20);
      if (kind == 0) {
        out.append("{\"path\": \"src/f").append(file).append(".cov\", \"deleted\": true}\n");
      } else if (kind == 1) {
        out.append("{\"path\": \"src/f").append(file).append(".cov\", \"bogus\": 1}\n"); // bad, path readable
      } else if (kind == 2) {
        out.append("{not json\n");
      } else if (kind == 3) {
        out.append("\n");
      } else {
        String expect = kind == 4 ? ", \"expect\": \"none\"" : "";
        int version = random.nextInt(3);
        out.append("{\"path\": \"src/f").append(file).append(".cov\"").append(expect).append(", \"symbols\": [");
        int symbols = 1 + random.nextInt(6);
        for (int s = 0; s < symbols; s++) {
          out.append(s == 0 ? "" : ", ").append("{\"name\": \"m").append(file % 9).append(".s").append(s)
              .append("\", \"kind\": \"fn\", \"lines\": [").append(s + 1).append(", ").append(s + 1 + version)
              .append("]}");
        }
        out.append("], \"edges\": [{\"from\": \"m").append(file % 9).append(".s0\", \"type\": \"calls\", \"to\": \"x")
            .append(random.nextInt(5)).append("\"}]}\n");
      }
    }
    return out.toString();
  }

  private record Outcome(List<IngestReport> reports, List<ObjectId> objects, TreeMap<String, String> files,
      TreeMap<String, List<ObjectId>> definers, int definitions) {}

  private Outcome ingestBatches(Path store, int threads, List<String> batches) throws IOException {
    List<IngestReport> reports = new ArrayList<>();
    for (String batch : batches) {
      Path input = dir.resolve("batch.jsonl");
      Files.writeString(input, batch);
      try (Store s = Store.open(store, true)) {
        reports.add(new JsonLinesIngester(s).threads(threads).ingest(input));
      }
    }
    try (Store s = Store.open(store, false)) {
      TreeMap<String, String> files = new TreeMap<>();
      s.index().forEachFile(e -> files.put(e.path(), e.objectId().hex()));
      TreeMap<String, List<ObjectId>> definers = new TreeMap<>();
      for (int m = 0; m < 9; m++) {
        for (int sym = 0; sym < 6; sym++) {
          definers.put("m" + m + ".s" + sym, s.index().definers("m" + m + ".s" + sym));
        }
      }
      return new Outcome(reports, s.objects().list(), files, definers, s.index().definitionCount());
    }
  }

  @Test
  void workerThreadsGiveTheSameStoreAsOneThread() throws IOException {
    Random random = new Random(2026);
    List<String> batches = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      batches.add(batch(random, 130 + 60 * b)); // several chunks of 64 lines each
    }
    Outcome one = ingestBatches(dir.resolve("one"), 1, batches);
    Outcome four = ingestBatches(dir.resolve("four"), 4, batches);
    assertEquals(one.reports(), four.reports());
    assertEquals(one.objects(), four.objects());
    assertEquals(one.files(), four.files());
    assertEquals(one.definers(), four.definers());
    assertEquals(one.definitions(), four.definitions());
    assertTrue(one.files().size() > 30 && one.definitions() > 50, "the input exercised the index: " + one.files().size());
    assertTrue(one.reports().stream().mapToLong(IngestReport::errorCount).sum() > 20, "bad lines were met");
  }

  @Test
  void aStoppedIngestLeavesNoTemporaryOfTheLinesReadAhead() throws IOException {
    Path store = dir.resolve("store");
    Files.writeString(dir.resolve("in.jsonl"), batch(new Random(7), 600));
    long[] seen = new long[1];
    IngestReport report;
    try (Store s = Store.open(store, true)) {
      report = new JsonLinesIngester(s).threads(4).stopWhen(() -> ++seen[0] >= 10).ingest(dir.resolve("in.jsonl"));
      try (Stream<Path> tmp = Files.list(s.layout().tmpDir())) {
        assertEquals(List.of(), tmp.toList(), "the objects of lines read ahead of the stop are deleted");
      }
    }
    assertTrue(report.interrupted());
    assertEquals(10, report.linesRead());
  }
}
