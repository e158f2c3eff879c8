package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ExpectedObject;
import io.graphsnap.objects.FileChange;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.WriteConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compare-and-set on the index transaction, and the {@code "expect"} field and baseline of JSON Lines ingest. */
class ConflictCheckTest {
  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() throws Exception {
    store = Store.open(dir.resolve(".graphsnap"), true);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private static FileSummary file(String path, String symbol) {
    return new FileSummary(path, "covenant", null, List.of(SymbolSummary.of(symbol, "fn", 1, 2)), List.of());
  }

  private static String line(String path, String symbol, String expect) {
    return "{\"path\": \"" + path + "\", \"language\": \"covenant\", "
        + (expect == null ? "" : "\"expect\": \"" + expect + "\", ")
        + "\"symbols\": [{\"name\": \"" + symbol + "\", \"kind\": \"fn\", \"lines\": [1, 2]}]}";
  }

  private IngestReport ingest(JsonLinesIngester ingester, String... lines) throws Exception {
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return ingester.ingest(file);
  }

  private ObjectId current(String path) {
    return store.index().file(path) == null ? null : store.index().file(path).objectId();
  }

  @Test
  void compareAndSetOnTheIndexTransaction() throws Exception {
    ObjectId first;
    try (IndexUpdate u = store.beginUpdate()) {
      assertEquals(FileChange.ADDED, u.put(file("a.cov", "a.one"), ExpectedObject.ABSENT));
      u.commit();
    }
    first = current("a.cov");
    try (IndexUpdate u = store.beginUpdate()) {
      WriteConflictException e = assertThrows(WriteConflictException.class, () -> u.put(file("a.cov", "a.two"), ExpectedObject.ABSENT));
      assertEquals("a.cov", e.path());
      assertEquals(Optional.of(first), e.actual());
      assertTrue(e.getMessage().contains("conflict on a.cov: expected absent, but it is object " + first.hex()), e.getMessage());
      assertEquals(first, current("a.cov"), "nothing changed");
      assertEquals(FileChange.CHANGED, u.put(file("a.cov", "a.two"), ExpectedObject.of(first)));
      u.commit();
    }
    ObjectId second = current("a.cov");
    try (IndexUpdate u = store.beginUpdate()) {
      assertThrows(WriteConflictException.class, () -> u.delete("a.cov", ExpectedObject.of(first)));
      assertThrows(WriteConflictException.class, () -> u.expect("./a.cov", ExpectedObject.ABSENT));
      assertEquals(FileChange.DELETED, u.delete("a.cov", ExpectedObject.of(second)));
      u.expect("a.cov", ExpectedObject.ABSENT); // sees its own change
      u.commit();
    }
    assertNull(current("a.cov"));
    assertEquals(ExpectedObject.ABSENT, ExpectedObject.parse("none"));
    assertEquals(second.hex(), ExpectedObject.parse(second.hex()).toString());
    assertThrows(IllegalArgumentException.class, () -> ExpectedObject.parse("abc"));
  }

  @Test
  void aLineWhoseExpectationFailsIsRefusedAndTheOthersAreStored() throws Exception {
    ingest(new JsonLinesIngester(store), line("a.cov", "a.one", null), line("b.cov", "b.one", null));
    ObjectId a = current("a.cov");
    ObjectId b = current("b.cov");
    IngestReport report = ingest(new JsonLinesIngester(store),
        line("a.cov", "a.two", a.hex()),                     // holds: applied
        line("b.cov", "b.two", "none"),                      // b exists: conflict
        line("c.cov", "c.one", "none"),                      // absent: applied
        "{\"path\": \"b.cov\", \"deleted\": true, \"expect\": \"" + "00".repeat(32) + "\"}",  // conflict
        line("d.cov", "d.one", "nonsense"));                 // bad line
    assertEquals(2, report.conflictCount(), report::toString);
    assertEquals(List.of(2L, 4L), report.conflicts().stream().map(LineError::lineNumber).toList());
    assertTrue(report.conflicts().get(0).message().contains("another writer changed it first"), report::toString);
    assertEquals(1, report.errorCount(), report::toString);
    assertTrue(report.errors().get(0).message().contains("expect: expected \"none\" or an object id"), report::toString);
    assertFalse(report.batchRefused());
    assertEquals(1, report.added());
    assertEquals(1, report.changed());
    assertTrue(!current("a.cov").equals(a));
    assertEquals(b, current("b.cov"));
    assertTrue(current("c.cov") != null);
  }

  @Test
  void aBaselineConflictRefusesTheWholeBatch() throws Exception {
    ingest(new JsonLinesIngester(store), line("a.cov", "a.one", null), line("b.cov", "b.one", null));
    Map<String, ObjectId> baseline = Map.of("a.cov", current("a.cov"), "b.cov", current("b.cov"));
    JsonLinesIngester fromBaseline = new JsonLinesIngester(store)
        .expectBaseline(path -> baseline.containsKey(path) ? ExpectedObject.of(baseline.get(path)) : ExpectedObject.ABSENT);
    // another writer changes b
    ingest(new JsonLinesIngester(store), line("b.cov", "b.other", null));
    ObjectId bNow = current("b.cov");
    ObjectId aNow = current("a.cov");
    IngestReport refused = ingest(fromBaseline, line("a.cov", "a.two", null), line("b.cov", "b.two", null),
        line("c.cov", "c.one", null));
    assertTrue(refused.batchRefused(), refused::toString);
    assertEquals(1, refused.conflictCount());
    assertEquals(0, refused.added() + refused.changed());
    assertEquals(aNow, current("a.cov"));
    assertEquals(bNow, current("b.cov"));
    assertNull(current("c.cov"));
    // a batch that touches only paths nobody else changed goes through, each path checked once
    IngestReport ok = ingest(fromBaseline, line("a.cov", "a.two", null), line("a.cov", "a.three", null), line("c.cov", "c.one", null));
    assertFalse(ok.batchRefused(), ok::toString);
    assertEquals(0, ok.conflictCount(), ok::toString);
    assertEquals(1, ok.added());
    // replace-all under a baseline: deleting b (changed by another writer) is a conflict
    IngestReport replace = ingest(fromBaseline.replaceAll(true), line("e.cov", "e.one", null));
    assertTrue(replace.batchRefused(), replace::toString);
    assertTrue(replace.conflicts().stream().anyMatch(c -> c.message().contains("conflict on b.cov")), replace::toString);
    assertEquals(bNow, current("b.cov"));
    assertNull(current("e.cov"));
  }
}
