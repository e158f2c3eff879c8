package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resident watch's ingest of one JSON Lines file after another: only the changed lines are parsed. */
class KnownLinesTest {
  @TempDir Path dir;

  private static String line(int i, String extra) {
    return "{\"path\": \"src/f" + i + ".cov\", \"symbols\": [{\"name\": \"m" + i + ".f" + extra + "\", \"kind\": \"fn\"}],"
        + " \"edges\": [{\"from\": \"m" + i + ".f" + extra + "\", \"type\": \"calls\", \"to\": \"m" + (i + 1) + ".f\"}]}";
  }

  private static List<String> lines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(line(i, ""));
    }
    return lines;
  }

  private IngestReport ingest(Store store, List<String> lines, KnownLines known) throws Exception {
    Path file = dir.resolve("graph.jsonl");
    Files.write(file, lines);
    return new JsonLinesIngester(store).replaceAll(true).knownLines(known).threads(2).ingest(file);
  }

  private static List<FileEntry> files(Store store) {
    return store.currentFiles();
  }

  /** Asserts that {@code store} holds the files and objects a full ingest of {@code lines} into a new store holds. */
  private void assertSameAsAFullIngest(Store store, List<String> lines) throws Exception {
    try (Store fresh = Store.open(dir.resolve("fresh"), true)) {
      ingest(fresh, lines, null);
      assertEquals(files(fresh), files(store), "the same files and objects as a full ingest");
    }
  }

  @Test
  void aSecondIngestParsesOnlyTheChangedLinesAndStoresWhatAFullIngestStores() throws Exception {
    KnownLines known = new KnownLines();
    List<String> lines = lines(200);
    try (Store store = Store.open(dir.resolve("watched"), true)) {
      IngestReport first = ingest(store, lines, known);
      assertEquals(200, first.added());
      assertEquals(0, first.knownUnchanged());
      assertEquals(200, known.size());

      IngestReport same = ingest(store, lines, known);
      assertEquals(200, same.unchanged());
      assertEquals(200, same.knownUnchanged(), "nothing changed: no line parsed");

      lines.set(5, line(5, "changed"));
      lines.remove(7);
      lines.add(line(500, ""));
      IngestReport edited = ingest(store, lines, known);
      assertEquals(1, edited.added(), edited.toString());
      assertEquals(1, edited.changed(), edited.toString());
      assertEquals(1, edited.deleted(), edited.toString());
      assertEquals(198, edited.unchanged(), edited.toString());
      assertEquals(198, edited.knownUnchanged(), "only the new and the changed line were parsed");
      assertEquals(200, known.size());

      assertSameAsAFullIngest(store, lines);
    }
  }

  @Test
  void aLineWhosePathAnotherWriterChangedIsParsedAgain() throws Exception {
    KnownLines known = new KnownLines();
    List<String> lines = lines(50);
    try (Store store = Store.open(dir.resolve("watched"), true)) {
      ingest(store, lines, known);
      FileEntry before = store.index().file("src/f10.cov");
      try (IndexUpdate other = store.beginUpdate()) { // another writer, between two saves
        other.put(new FileSummary("src/f10.cov", null, null,
            List.of(new SymbolSummary("other", "fn", null, 0, 0, null, null, null)), List.of()));
        other.commit();
      }
      assertNotEquals(before.objectId(), store.index().file("src/f10.cov").objectId());
      IngestReport again = ingest(store, lines, known);
      assertEquals(1, again.changed(), again.toString());
      assertEquals(49, again.knownUnchanged());
      assertEquals(before.objectId(), store.index().file("src/f10.cov").objectId(), "the file's line wins again");
    }
  }

  @Test
  void theFilesVersionChangesWithEveryChangeToAFileAndOnlyThen() throws Exception {
    KnownLines known = new KnownLines();
    List<String> lines = lines(20);
    try (Store store = Store.open(dir.resolve("watched"), true)) {
      String empty = store.index().filesVersion();
      assertTrue(empty != null, "an index this version opened has a files version");
      ingest(store, lines, known);
      String first = store.index().filesVersion();
      assertNotEquals(empty, first);
      ingest(store, lines, known);
      assertEquals(first, store.index().filesVersion(), "nothing changed");
      try (IndexUpdate update = store.beginUpdate()) { // puts what is there: no entry changes
        update.put(new FileSummary("src/f3.cov", null, null,
            List.of(new SymbolSummary("m3.f", "fn", null, 0, 0, null, null, null)),
            List.of(new io.graphsnap.format.object.EdgeSummary(0, "calls", "m4.f"))));
        update.commit();
      }
      assertEquals(first, store.index().filesVersion(), "the same object again changes no entry");
      lines.set(3, line(3, "changed"));
      ingest(store, lines, known);
      assertNotEquals(first, store.index().filesVersion());
    }
  }

  @Test
  void aRememberedLineAfterAChangeToItsPathInTheSameIngestIsCheckedAndTheLaterLineWins() throws Exception {
    KnownLines known = new KnownLines();
    List<String> lines = lines(20);
    try (Store store = Store.open(dir.resolve("watched"), true)) {
      ingest(store, lines, known);
      // a new line about src/f9.cov before its remembered line, then one about src/f4.cov after its remembered line
      lines.add(2, line(9, "before"));
      lines.add(line(4, "after"));
      IngestReport edited = ingest(store, lines, known);
      assertEquals(1, edited.changed(), edited.toString()); // f4: the later, new line wins; f9 ends as it was
      assertSameAsAFullIngest(store, lines);
    }
  }

  @Test
  void anInterruptedOrFailedIngestForgetsEveryLine() throws Exception {
    KnownLines known = new KnownLines();
    try (Store store = Store.open(dir.resolve("watched"), true)) {
      ingest(store, lines(30), known);
      assertEquals(30, known.size());
      Path file = dir.resolve("graph.jsonl");
      IngestReport stopped = new JsonLinesIngester(store).replaceAll(true).knownLines(known).stopWhen(() -> true)
          .ingest(file);
      assertTrue(stopped.interrupted());
      assertEquals(0, known.size(), "after an interrupted ingest nothing is trusted");
      IngestReport again = ingest(store, lines(30), known);
      assertEquals(30, again.unchanged());
      assertEquals(0, again.knownUnchanged(), "every line parsed again");
      assertEquals(30, known.size());
    }
  }

  @Test
  void theHashTellsLinesOfTheSameLengthApart() {
    byte[] a = line(1, "x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = line(2, "x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(a.length, b.length);
    assertNotEquals(KnownLines.hash(a), KnownLines.hash(b));
    for (int cut = 0; cut < 20; cut++) { // every tail length
      byte[] x = java.util.Arrays.copyOf(a, a.length - cut);
      byte[] y = x.clone();
      y[y.length - 1] ^= 1;
      assertNotEquals(KnownLines.hash(x), KnownLines.hash(y), "last byte of a " + x.length + "-byte line");
    }
  }

  /** Every single-bit change of lines of every length up to 200 bytes changes the hash; no two of them collide. */
  @Test
  void everySingleBitFlipChangesTheHash() {
    java.util.Random random = new java.util.Random(7);
    java.util.Set<Long> seen = new java.util.HashSet<>();
    int count = 0;
    for (int len = 0; len <= 200; len++) {
      byte[] base = new byte[len];
      random.nextBytes(base);
      assertTrue(seen.add(KnownLines.hash(base)), "length " + len);
      count++;
      for (int bit = 0; bit < len * 8; bit += (len > 64 ? 5 : 1)) {
        byte[] flipped = base.clone();
        flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
        assertTrue(seen.add(KnownLines.hash(flipped)), "bit " + bit + " of a " + len + "-byte line");
        count++;
      }
    }
    assertEquals(count, seen.size());
  }
}
