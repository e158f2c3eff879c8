package io.graphsnap.frontend.scip;

import static io.graphsnap.frontend.scip.Proto.definition;
import static io.graphsnap.frontend.scip.Proto.document;
import static io.graphsnap.frontend.scip.Proto.index;
import static io.graphsnap.frontend.scip.Proto.metadata;
import static io.graphsnap.frontend.scip.Proto.occurrence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader on well-formed and hostile indexes: every problem is one report naming the document, the rest
 * is stored, and no length field makes it allocate more than the input holds.
 */
class ScipIndexReaderTest {
  /** The symbol of function f in {@code src/NAME}: {@code scip-typescript npm p 1 src/`NAME`/f().}. */
  static String function(String path, String name) {
    return "scip-typescript npm p 1 src/`" + path.substring(path.lastIndexOf('/') + 1) + "`/" + name + "().";
  }

  /** A document defining f (lines 1-3) that calls itself on line 2. */
  static Proto doc(String path) {
    return document(path, definition(function(path, "f"), new int[] {0, 9, 10}, 0, 0, 2, 1),
        occurrence(function(path, "f"), 0, 1, 2, 3));
  }

  static byte[] threeDocuments() {
    return index(metadata("scip-test", "file:///nowhere"), doc("src/a.ts"), doc("src/b.ts"), doc("src/c.ts")).bytes();
  }

  @Test
  void readsEveryDocumentAndTheMetadata() throws IOException {
    Ingested run = Ingested.of(threeDocuments());
    assertEquals(List.of("src/a.ts", "src/b.ts", "src/c.ts"), run.paths());
    assertEquals(List.of(), run.problems());
    assertTrue(run.report().complete());
    assertEquals("scip-test", run.report().metadata().toolName());
    assertEquals(Set.of("src/a.ts", "src/b.ts", "src/c.ts"), run.report().mentioned());
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() throws IOException {
    Proto d = doc("src/a.ts").intField(99, 7).key(98, 1).raw(new byte[8]).key(97, 5).raw(new byte[4]).string(96, "x");
    byte[] bytes = Proto.message().intField(50, 1).string(51, "ignored").message(2, d).key(52, 5).raw(new byte[4]).bytes();
    Ingested run = Ingested.of(bytes);
    assertEquals(List.of("src/a.ts"), run.paths());
    assertEquals(List.of(), run.problems());
  }

  @Test
  void truncatedIndexKeepsWhatCameBeforeAndSaysWhere() throws IOException {
    byte[] whole = threeDocuments();
    for (boolean sizeKnown : new boolean[] {true, false}) {
      for (int cut = 1; cut < whole.length; cut++) {
        byte[] part = Arrays.copyOf(whole, cut);
        Ingested run = Ingested.of(part, sizeKnown, ScipLimits.DEFAULTS);
        List<String> stored = run.paths();
        assertTrue(stored.size() <= 3);
        if (!run.report().complete()) {
          assertTrue(run.problems().getLast().contains("truncated") || run.problems().getLast().contains("cut off"),
              cut + ": " + run.problems());
          assertFalse(run.report().replaceAllSafe());
        }
        // every stored document is one that lies wholly before the cut
        for (String path : stored) {
          assertTrue(Set.of("src/a.ts", "src/b.ts", "src/c.ts").contains(path));
        }
      }
    }
  }

  @Test
  void hugeLengthFieldsAreRefusedBeforeAnyAllocation() throws IOException {
    // A document that claims 2^62 bytes, and one that claims 1 GiB of a 30-byte input: no allocation, one problem.
    for (long length : new long[] {1L << 62, 1L << 30, Integer.MAX_VALUE, -1L}) {
      byte[] bytes = Proto.message().message(2, doc("src/a.ts")).key(2, 2).varint(length).raw(new byte[20]).bytes();
      for (boolean sizeKnown : new boolean[] {true, false}) {
        long before = allocated();
        Ingested run = Ingested.of(bytes, sizeKnown, ScipLimits.DEFAULTS.withMaxDocumentBytes(1 << 20));
        long used = allocated() - before;
        assertEquals(List.of("src/a.ts"), run.paths());
        assertEquals(1, run.report().problemCount(), run.problems().toString());
        assertTrue(used < 8L << 20, "allocated " + used + " bytes for a length of " + length);
      }
    }
    // A string inside a document that claims more than the document holds.
    Proto bad = Proto.message().string(1, "src/bad.ts").key(2, 2).varint(1_000_000).raw((byte) 1, (byte) 2);
    Ingested run = Ingested.of(index(null, doc("src/a.ts"), bad, doc("src/c.ts")).bytes());
    assertEquals(List.of("src/a.ts", "src/c.ts"), run.paths());
    assertEquals(1, run.problems().size());
    assertTrue(run.problems().getFirst().startsWith("src/bad.ts: length 1000000 at byte"), run.problems().toString());
    assertTrue(run.report().replaceAllSafe());
    assertTrue(run.report().mentioned().contains("src/bad.ts"));
  }

  @Test
  void documentOverTheLimitIsSkippedAsItStreamsPastAndNamed() throws IOException {
    Proto big = doc("src/big.ts").string(5, "x".repeat(5000));
    byte[] bytes = index(null, doc("src/a.ts"), big, doc("src/c.ts")).bytes();
    Ingested run = Ingested.of(bytes, false, ScipLimits.DEFAULTS.withMaxDocumentBytes(1000));
    assertEquals(List.of("src/a.ts", "src/c.ts"), run.paths());
    assertEquals(1, run.problems().size());
    assertTrue(run.problems().getFirst().startsWith("src/big.ts: document of "), run.problems().toString());
    assertTrue(run.problems().getFirst().contains("larger than the limit of 1000 bytes"));
    assertTrue(run.report().mentioned().contains("src/big.ts"));
  }

  @Test
  void duplicateDocumentsKeepTheFirst() throws IOException {
    Proto second = document("src/a.ts", definition(function("src/a.ts", "g"), new int[] {0, 0, 1}));
    Ingested run = Ingested.of(index(null, doc("src/a.ts"), doc("src/b.ts"), second).bytes());
    assertEquals(List.of("src/a.ts", "src/b.ts"), run.paths());
    assertEquals(List.of("src/a.ts: duplicate document (document 0 has the same path and is the one kept); skipped"),
        run.problems());
    assertTrue(run.file("src/a.ts").symbols().stream().anyMatch(s -> s.name().equals("p:src/a.ts/f()")));
  }

  @Test
  void wrongWireTypesAndBadKeysAreOneProblemEach() throws IOException {
    Proto groupInside = Proto.message().string(1, "src/g.ts").key(9, 3);
    Proto fieldZero = Proto.message().string(1, "src/z.ts").key(0, 0).varint(1);
    Proto pathAsVarint = Proto.message().intField(1, 5);
    Proto overlongVarint = Proto.message().string(1, "src/v.ts").key(3, 0).raw(new byte[] {
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, 1});
    Proto badUtf8Path = Proto.message().bytesField(1, new byte[] {'s', (byte) 0xC3, '/', 'x'});
    Proto noPath = Proto.message().string(4, "python");
    Ingested run = Ingested.of(index(null, groupInside, doc("src/a.ts"), fieldZero, pathAsVarint, overlongVarint,
        badUtf8Path, noPath).bytes());
    assertEquals(List.of("src/a.ts"), run.paths());
    List<String> problems = run.problems();
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("src/g.ts: wire type 3"), problems.get(0));
    assertTrue(problems.get(1).startsWith("src/z.ts: field number 0"), problems.get(1));
    assertTrue(problems.get(2).contains("Document.relative_path at byte") && problems.get(2).contains("wire type 0"), problems.get(2));
    assertTrue(problems.get(3).startsWith("src/v.ts: varint at byte"), problems.get(3));
    assertTrue(problems.get(4).contains("not valid UTF-8"), problems.get(4));
    assertTrue(problems.get(5).contains("has no relative_path"), problems.get(5));
    assertFalse(run.report().replaceAllSafe()); // some skipped documents have no readable path
  }

  @Test
  void brokenFramingAtTheTopLevelIsFatal() throws IOException {
    byte[] bytes = Proto.message().message(2, doc("src/a.ts")).key(7, 4).message(2, doc("src/b.ts")).bytes();
    Ingested run = Ingested.of(bytes);
    assertEquals(List.of("src/a.ts"), run.paths());
    assertFalse(run.report().complete());
    assertTrue(run.problems().getFirst().contains("wire type 4") && run.problems().getFirst().contains("not read"),
        run.problems().toString());
  }

  static long allocated() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
