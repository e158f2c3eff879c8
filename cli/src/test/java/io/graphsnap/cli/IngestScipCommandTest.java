package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.frontend.scip.ScipDescriptor;
import io.graphsnap.frontend.scip.ScipDocument;
import io.graphsnap.frontend.scip.ScipEntry;
import io.graphsnap.frontend.scip.ScipIndexReader;
import io.graphsnap.frontend.scip.ScipLimits;
import io.graphsnap.frontend.scip.ScipSymbol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code graphsnap ingest-scip} on the indexes that scip-typescript and scip-python wrote for {@code examples/scip/}:
 * the queries answer what the index says (every caller it records, calls across files, implementations), re-ingesting
 * a changed index rebuilds incrementally to the bytes of a full build, and bad indexes are reported per document.
 */
class IngestScipCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("..", "examples", "scip");

  @TempDir Path dir;

  static Path index(String language) {
    return EXAMPLES.resolve(language).resolve("index.scip");
  }

  String ingest(Path index, String store, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "ingest-scip";
    args[1] = index.toString();
    args[2] = "--store";
    args[3] = store;
    System.arraycopy(more, 0, args, 4, more.length);
    CliRunner run = CliRunner.run(args);
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    return run.out().strip();
  }

  static Set<String> names(String json) throws Exception {
    Set<String> out = new TreeSet<>();
    JSON.readTree(json).forEach(n -> out.add(n.get("name").asText()));
    return out;
  }

  /**
   * From the index itself, naively: for every method, the definitions that call it (the innermost global definition
   * whose enclosing range holds a reference occurrence of it, else the document's first namespace or meta symbol).
   */
  static Map<String, Set<String>> callersInTheIndex(Path index) throws Exception {
    byte[] bytes = Files.readAllBytes(index);
    ScipIndexReader reader = new ScipIndexReader(new ByteArrayInputStream(bytes), bytes.length, ScipLimits.DEFAULTS);
    Map<String, Set<String>> callers = new HashMap<>();
    for (ScipEntry e = reader.next(); e != null; e = reader.next()) {
      ScipDocument d = ((ScipEntry.Document) e).document();
      for (int i = 0; i < d.occurrenceCount(); i++) {
        String symbol = d.symbol(d.occurrenceSymbol(i));
        if ((d.occurrenceRoles(i) & 1) != 0 || symbol.startsWith("local ")) {
          continue;
        }
        ScipSymbol target = ScipSymbol.parse(symbol);
        if (target.last().suffix() != ScipDescriptor.Suffix.METHOD) {
          continue;
        }
        callers.computeIfAbsent(target.readableName(), k -> new TreeSet<>()).add(enclosing(d, d.range(i, 0), d.range(i, 1)));
      }
    }
    return callers;
  }

  private static String enclosing(ScipDocument d, int line, int character) throws Exception {
    String best = null;
    long bestStart = -1;
    long bestEnd = Long.MAX_VALUE;
    String module = null;
    for (int j = 0; j < d.occurrenceCount(); j++) {
      String symbol = d.symbol(d.occurrenceSymbol(j));
      if ((d.occurrenceRoles(j) & 1) == 0 || symbol.startsWith("local ")) {
        continue;
      }
      ScipSymbol s = ScipSymbol.parse(symbol);
      ScipDescriptor.Suffix suffix = s.last().suffix();
      if (module == null && (suffix == ScipDescriptor.Suffix.NAMESPACE || suffix == ScipDescriptor.Suffix.META)) {
        module = s.readableName();
      }
      int n = d.enclosingRangeLength(j);
      if (n < 3) {
        continue;
      }
      long start = ((long) d.enclosingRange(j, 0) << 32) | d.enclosingRange(j, 1);
      long end = n == 4 ? ((long) d.enclosingRange(j, 2) << 32) | d.enclosingRange(j, 3)
          : ((long) d.enclosingRange(j, 0) << 32) | d.enclosingRange(j, 2);
      long at = ((long) line << 32) | character;
      if (start <= at && at <= end && (start > bestStart || (start == bestStart && end < bestEnd))) {
        best = s.readableName();
        bestStart = start;
        bestEnd = end;
      }
    }
    return best != null ? best : module;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "py"})
  void reverseNeighborsListEveryCallerTheIndexRecords(String language) throws Exception {
    String store = dir.resolve("store").toString();
    ingest(index(language), store, "--quiet");
    Map<String, Set<String>> callers = callersInTheIndex(index(language));
    assertTrue(callers.size() >= 8, callers.toString());
    for (Map.Entry<String, Set<String>> e : callers.entrySet()) {
      CliRunner reverse = CliRunner.run("neighbors", e.getKey(), "--reverse", "--type", "calls", "--store", store, "--json");
      assertEquals(ExitCodes.OK, reverse.exitCode(), reverse::toString);
      assertEquals(e.getValue(), names(reverse.out()), "callers of " + e.getKey());
    }
  }

  @Test
  void typescriptCallsAcrossFilesImplementationsAndReach() throws Exception {
    String store = dir.resolve("ts").toString();
    ingest(index("ts"), store, "--quiet");
    CliRunner lookup = CliRunner.run("lookup", "shop-ts:src/orders.ts/placeOrder()", "--store", store, "--json");
    JsonNode node = JSON.readTree(lookup.out());
    assertEquals("src/orders.ts", node.get("file").asText());
    assertEquals("method", node.get("kind").asText());
    assertEquals("scip-typescript npm shop-ts 1.0.0 src/`orders.ts`/placeOrder().", node.get("metadata").get("scip.symbol").asText());
    CliRunner calls = CliRunner.run("neighbors", "shop-ts:src/orders.ts/placeOrder()", "--type", "calls", "--store", store, "--json");
    assertTrue(names(calls.out()).containsAll(List.of("shop-ts:src/auth.ts/login()", "shop-ts:src/db.ts/saveOrder()",
        "shop-ts:src/model.ts/PaymentGateway#charge()")), calls.out());
    CliRunner impl = CliRunner.run("neighbors", "shop-ts:src/model.ts/PaymentGateway#", "--reverse", "--type", "implements",
        "--store", store, "--json");
    assertEquals(Set.of("shop-ts:src/payments.ts/CardGateway#", "shop-ts:src/payments.ts/FreeGateway#"), names(impl.out()));
    CliRunner reach = CliRunner.run("reach", "shop-ts:src/orders.ts/placeOrder()", "--type", "calls", "--store", store, "--json");
    Map<String, Integer> depth = new HashMap<>();
    JSON.readTree(reach.out()).get("nodes").forEach(n -> depth.put(n.get("name").asText(), n.get("depth").asInt()));
    assertEquals(1, depth.get("shop-ts:src/auth.ts/login()"), reach.out());
    assertEquals(2, depth.get("shop-ts:src/db.ts/findUser()"), reach.out()); // orders.ts -> auth.ts -> db.ts
    assertEquals(2, depth.get("shop-ts:src/db.ts/Database#query()"), reach.out()); // via saveOrder
    assertEquals(3, depth.get("typescript:lib/lib.dom.d.ts/fetch()"), reach.out());
    CliRunner effects = CliRunner.run("effects", "shop-ts:src/orders.ts/placeOrder()", "--store", store, "--json");
    assertTrue(effects.out().contains("\"effect\":\"net\""), effects.out());
    CliRunner external = CliRunner.run("lookup", "typescript:lib/lib.dom.d.ts/fetch()", "--store", store, "--json");
    assertEquals("external", JSON.readTree(external.out()).get("kind").asText());
  }

  @Test
  void pythonCallsAcrossFilesImplementationsAndReach() throws Exception {
    String store = dir.resolve("py").toString();
    ingest(index("py"), store, "--quiet");
    CliRunner impl = CliRunner.run("neighbors", "shop-py:shop.payments/CardGateway#", "--type", "implements", "--store", store, "--json");
    assertEquals(Set.of("shop-py:shop.models/PaymentGateway#"), names(impl.out()));
    CliRunner reach = CliRunner.run("reach", "shop-py:shop.orders/place_order()", "--type", "calls", "--store", store, "--json");
    assertTrue(reach.out().contains("\"name\":\"shop-py:shop.db/find_user()\",\"depth\":2"), reach.out()); // orders -> auth -> db
    assertTrue(reach.out().contains("\"name\":\"python-stdlib:sqlite3.dbapi2/connect()\",\"depth\":3"), reach.out());
    CliRunner symbols = CliRunner.run("symbols", "shop/orders.py", "--store", store, "--json");
    JsonNode doc = JSON.readTree(symbols.out());
    assertEquals("python", doc.get("language").asText());
    CliRunner effects = CliRunner.run("query", "--effect", "process", "--store", store, "--json");
    assertTrue(names(effects.out()).contains("shop-py:shop.orders/print_receipt()"), effects.out());
  }

  @Test
  void reingestingAChangedIndexIsIncrementalAndByteIdenticalToAFullBuild() throws Exception {
    String store = dir.resolve("store").toString();
    String first = ingest(index("ts"), store, "--quiet");
    CliRunner again = CliRunner.run("ingest-scip", index("ts").toString(), "--store", store);
    assertEquals(first, again.out().strip());
    assertTrue(again.err().contains("0 added, 0 changed, 5 unchanged"), again.err());
    assertTrue(again.err().contains("mode      unchanged"), again.err());

    byte[] bytes = Files.readAllBytes(index("ts"));
    Path changed = dir.resolve("changed.scip");
    Files.write(changed, replace(bytes, "A customer of the shop.", "A customer of the SHOP."));
    CliRunner incremental = CliRunner.run("ingest-scip", changed.toString(), "--store", store, "--root", EXAMPLES.resolve("ts").toString());
    assertEquals(ExitCodes.OK, incremental.exitCode(), incremental::toString);
    assertTrue(incremental.err().contains("0 added, 1 changed, 4 unchanged"), incremental.err());
    assertTrue(incremental.err().contains("mode      incremental (1 changed file)"), incremental.err());
    String full = ingest(changed, dir.resolve("fresh").toString(), "--quiet", "--full", "--root", EXAMPLES.resolve("ts").toString());
    assertEquals(full, incremental.out().strip());
    assertNotEquals(first, full);

    Path withoutOrders = dir.resolve("without-orders.scip");
    Files.write(withoutOrders, withoutDocument(bytes, "src/orders.ts"));
    CliRunner replaced = CliRunner.run("ingest-scip", withoutOrders.toString(), "--store", store, "--replace-all",
        "--root", EXAMPLES.resolve("ts").toString());
    assertEquals(ExitCodes.OK, replaced.exitCode(), replaced::toString);
    assertTrue(replaced.err().contains("1 changed, 3 unchanged, 1 deleted"), replaced.err());
    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("lookup", "shop-ts:src/orders.ts/placeOrder()", "--store", store).exitCode());
    String fullWithout = ingest(withoutOrders, dir.resolve("fresh2").toString(), "--quiet", "--full",
        "--root", EXAMPLES.resolve("ts").toString());
    assertEquals(fullWithout, replaced.out().strip());
  }

  @Test
  void badIndexesAreReportedPerDocumentAndTheRestIsStored() throws Exception {
    byte[] bytes = Files.readAllBytes(index("ts"));
    Path truncated = dir.resolve("truncated.scip");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("ingest-scip", truncated.toString(), "--store", store, "--replace-all");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("only") && run.err().contains("bytes remain: the index is truncated"), run.err());
    assertTrue(run.err().contains("warning: --replace-all removed nothing"), run.err());
    assertEquals(ExitCodes.OK, CliRunner.run("symbols", "src/model.ts", "--store", store).exitCode());

    Path twice = dir.resolve("twice.scip");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(bytes);
    both.writeBytes(bytes); // protobuf concatenation: every document appears twice
    Files.write(twice, both.toByteArray());
    CliRunner dup = CliRunner.run("ingest-scip", twice.toString(), "--store", dir.resolve("dup").toString());
    assertEquals(ExitCodes.BAD_INPUT, dup.exitCode(), dup::toString);
    assertEquals(5, dup.err().lines().filter(l -> l.contains(": duplicate document (document ")).count(), dup.err());
    assertTrue(dup.err().contains("twice.scip: src/orders.ts: duplicate document (document 4 has the same path"), dup.err());
    assertEquals(ExitCodes.OK, CliRunner.run("lookup", "shop-ts:src/orders.ts/placeOrder()", "--store", dir.resolve("dup").toString()).exitCode());

    CliRunner missing = CliRunner.run("ingest-scip", dir.resolve("nope.scip").toString(), "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
  }

  static byte[] replace(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertEquals(f.length, t.length);
    byte[] out = bytes.clone();
    int hits = 0;
    for (int i = 0; i + f.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, out, i, t.length);
        hits++;
      }
    }
    assertTrue(hits > 0, "no " + from);
    return out;
  }

  /** The index without the top-level document field whose first field is relative_path {@code path}. */
  static byte[] withoutDocument(byte[] bytes, String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] wanted = path.getBytes(StandardCharsets.UTF_8);
    int[] at = {0};
    while (at[0] < bytes.length) {
      int start = at[0];
      long key = varint(bytes, at);
      long length = varint(bytes, at);
      int valueStart = at[0];
      at[0] += (int) length;
      boolean drop = key == ((2 << 3) | 2) && bytes[valueStart] == 0x0A && bytes[valueStart + 1] == wanted.length
          && Arrays.equals(bytes, valueStart + 2, valueStart + 2 + wanted.length, wanted, 0, wanted.length);
      if (!drop) {
        out.write(bytes, start, at[0] - start);
      }
    }
    assertTrue(out.size() < bytes.length, "no document " + path);
    return out.toByteArray();
  }

  private static long varint(byte[] b, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[at[0]++];
      value |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        return value;
      }
    }
  }
}
