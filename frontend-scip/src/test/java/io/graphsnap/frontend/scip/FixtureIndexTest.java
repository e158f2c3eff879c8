package io.graphsnap.frontend.scip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed indexes of {@code examples/scip/} (written by scip-typescript 0.4.0 and scip-python 0.6.6) against an
 * independent decoding of the same files: {@code src/test/resources/scip/*.occurrences.tsv}, dumped by the protobuf
 * bindings that ship with scip-typescript ({@code src/test/scip/dump-occurrences.js}). The decoder must see exactly
 * the same occurrences, and for every reference occurrence and every implementation relationship the mapped summary
 * must hold the edge that the README's rule gives, computed here naively (every definition tried) from the dump.
 */
class FixtureIndexTest {
  static final Path EXAMPLES = Path.of("..", "examples", "scip");

  /** One occurrence row of the dump. */
  record Row(String path, int roles, int[] range, int[] enclosing, String symbol) {}

  /** A relationship row of the dump. */
  record Rel(String path, String symbol, String flags, String target) {}

  static Ingested ingest(String language) throws IOException {
    byte[] bytes = Files.readAllBytes(EXAMPLES.resolve(language).resolve("index.scip"));
    return Ingested.of(bytes);
  }

  static List<String> dump(String language) throws IOException {
    try (InputStream in = FixtureIndexTest.class.getResourceAsStream("/scip/" + language + ".occurrences.tsv")) {
      assertNotNull(in, "dump of " + language);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
    }
  }

  static int[] ints(String csv) {
    return csv.isEmpty() ? new int[0] : java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static List<Row> occurrences(String language) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : dump(language)) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("occ")) {
        rows.add(new Row(f[1], Integer.parseInt(f[2]), ints(f[3]), ints(f[4]), f[5]));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "py"})
  void decoderSeesWhatTheProtobufLibrarySees(String language) throws IOException {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Row r : occurrences(language)) {
      expected.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r.roles() + " " + java.util.Arrays.toString(r.range())
          + " " + java.util.Arrays.toString(r.enclosing()) + " " + r.symbol());
    }
    Map<String, List<String>> actual = new LinkedHashMap<>();
    byte[] bytes = Files.readAllBytes(EXAMPLES.resolve(language).resolve("index.scip"));
    ScipIndexReader reader = new ScipIndexReader(new java.io.ByteArrayInputStream(bytes), bytes.length, ScipLimits.DEFAULTS);
    for (ScipEntry e = reader.next(); e != null; e = reader.next()) {
      ScipDocument d = ((ScipEntry.Document) e).document();
      List<String> rows = actual.computeIfAbsent(d.relativePath(), p -> new ArrayList<>());
      for (int i = 0; i < d.occurrenceCount(); i++) {
        int[] range = new int[d.rangeLength(i)];
        for (int k = 0; k < range.length; k++) {
          range[k] = d.range(i, k);
        }
        int[] enclosing = new int[d.enclosingRangeLength(i)];
        for (int k = 0; k < enclosing.length; k++) {
          enclosing[k] = d.enclosingRange(i, k);
        }
        rows.add(d.occurrenceRoles(i) + " " + java.util.Arrays.toString(range) + " "
            + java.util.Arrays.toString(enclosing) + " " + d.symbol(d.occurrenceSymbol(i)));
      }
    }
    assertEquals(expected, actual);
    assertTrue(expected.values().stream().mapToInt(List::size).sum() > 150, "the fixture is not trivial");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "py"})
  void everyReferenceOccurrenceIsAnEdge(String language) throws Exception {
    Ingested run = ingest(language);
    assertEquals(List.of(), run.problems());
    Map<String, Set<String>> edges = new HashMap<>();
    for (FileSummary f : run.summaries()) {
      Set<String> set = edges.computeIfAbsent(f.path(), p -> new HashSet<>());
      for (EdgeSummary e : f.edges()) {
        set.add(f.symbols().get(e.source()).name() + " " + e.type() + " " + e.target());
      }
    }
    List<Row> rows = occurrences(language);
    int checked = 0;
    for (Row r : rows) {
      if ((r.roles() & 1) != 0 || r.symbol().startsWith("local ")) {
        continue;
      }
      String source = naiveSource(rows, r);
      ScipSymbol target = ScipSymbol.parse(r.symbol());
      String type = (r.roles() & 2) != 0 ? "imports"
          : target.last().suffix() == ScipDescriptor.Suffix.METHOD ? "calls" : "references";
      String edge = source + " " + type + " " + target.readableName();
      assertTrue(edges.get(r.path()).contains(edge), r.path() + " line " + (r.range()[0] + 1) + ": no edge " + edge);
      checked++;
    }
    for (String line : dump(language)) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("rel") && f[3].charAt(1) == '1') {
        ScipSymbol from = ScipSymbol.parse(f[2]);
        String type = from.last().suffix() == ScipDescriptor.Suffix.METHOD ? "overrides" : "implements";
        String edge = from.readableName() + " " + type + " " + ScipSymbol.parse(f[4]).readableName();
        assertTrue(edges.get(f[1]).contains(edge), "no edge " + edge);
        checked++;
      }
    }
    assertTrue(checked > 80, "only " + checked + " occurrences checked");
  }

  /** The innermost global definition whose enclosing range holds the row's start, tried one by one; else the module. */
  static String naiveSource(List<Row> rows, Row ref) throws ScipSymbolException {
    Row best = null;
    String module = null;
    for (Row d : rows) {
      if (!d.path().equals(ref.path()) || (d.roles() & 1) == 0 || d.symbol().startsWith("local ")) {
        continue;
      }
      ScipSymbol s = ScipSymbol.parse(d.symbol());
      if (module == null && (s.last().suffix() == ScipDescriptor.Suffix.NAMESPACE
          || s.last().suffix() == ScipDescriptor.Suffix.META)) {
        module = s.readableName();
      }
      int[] e = d.enclosing();
      if (e.length < 3) {
        continue;
      }
      int endLine = e.length == 4 ? e[2] : e[0];
      int endChar = e.length == 4 ? e[3] : e[2];
      int line = ref.range()[0];
      int character = ref.range()[1];
      boolean afterStart = line > e[0] || (line == e[0] && character >= e[1]);
      boolean beforeEnd = line < endLine || (line == endLine && character <= endChar);
      if (afterStart && beforeEnd && (best == null || startsLater(e, best.enclosing()))) {
        best = d;
      }
    }
    return best != null ? ScipSymbol.parse(best.symbol()).readableName() : module;
  }

  private static boolean startsLater(int[] a, int[] b) {
    if (a[0] != b[0]) {
      return a[0] > b[0];
    }
    if (a[1] != b[1]) {
      return a[1] > b[1];
    }
    long aEnd = ((long) (a.length == 4 ? a[2] : a[0]) << 32) | (a.length == 4 ? a[3] : a[2]);
    long bEnd = ((long) (b.length == 4 ? b[2] : b[0]) << 32) | (b.length == 4 ? b[3] : b[2]);
    return aEnd < bEnd;
  }

  static Map<String, SymbolSummary> symbols(Ingested run) {
    Map<String, SymbolSummary> all = new HashMap<>();
    run.summaries().forEach(f -> f.symbols().forEach(s -> all.put(s.name(), s)));
    return all;
  }

  static boolean hasEdge(Ingested run, String from, String type, String to) {
    for (FileSummary f : run.summaries()) {
      for (EdgeSummary e : f.edges()) {
        if (f.symbols().get(e.source()).name().equals(from) && e.type().equals(type) && e.target().equals(to)) {
          return true;
        }
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts", "py"})
  void crossFileCallsAndImplementationsLandOnTheirDefinitions(String language) throws IOException {
    Ingested run = ingest(language);
    Map<String, SymbolSummary> defined = symbols(run);
    String[][] facts = language.equals("ts") ? new String[][] {
        {"shop-ts:src/orders.ts/placeOrder()", "calls", "shop-ts:src/auth.ts/login()"},
        {"shop-ts:src/auth.ts/login()", "calls", "shop-ts:src/db.ts/findUser()"},
        {"shop-ts:src/db.ts/findUser()", "calls", "shop-ts:src/db.ts/Database#query()"},
        {"shop-ts:src/payments.ts/CardGateway#", "implements", "shop-ts:src/model.ts/PaymentGateway#"},
        {"shop-ts:src/payments.ts/FreeGateway#", "implements", "shop-ts:src/model.ts/PaymentGateway#"},
        {"shop-ts:src/payments.ts/CardGateway#charge()", "overrides", "shop-ts:src/model.ts/PaymentGateway#charge()"},
        {"shop-ts:src/model.ts/AdminUser#displayName()", "overrides", "shop-ts:src/model.ts/User#displayName()"},
    } : new String[][] {
        {"shop-py:shop.orders/place_order()", "calls", "shop-py:shop.auth/login()"},
        {"shop-py:shop.auth/login()", "calls", "shop-py:shop.db/find_user()"},
        {"shop-py:shop.db/find_user()", "calls", "shop-py:shop.db/query()"},
        {"shop-py:shop.payments/CardGateway#", "implements", "shop-py:shop.models/PaymentGateway#"},
        {"shop-py:shop.payments/CardGateway#charge()", "overrides", "shop-py:shop.models/PaymentGateway#charge()"},
        {"shop-py:shop.models/AdminUser#", "implements", "shop-py:shop.models/User#"},
    };
    for (String[] fact : facts) {
      assertTrue(hasEdge(run, fact[0], fact[1], fact[2]), String.join(" ", fact));
      assertNotNull(defined.get(fact[0]), "defined: " + fact[0]);
      assertNotNull(defined.get(fact[2]), "defined (so not external): " + fact[2]);
    }
    SymbolSummary query = defined.get(language.equals("ts") ? "shop-ts:src/db.ts/Database#query()" : "shop-py:shop.db/query()");
    assertEquals(language.equals("ts") ? List.of("net") : List.of("db"), query.effects());
    assertEquals("method", query.kind());
    assertTrue(query.lineEnd() > query.lineStart(), "enclosing range gives the body's lines");
    assertTrue(query.notes().stream().anyMatch(n -> n.text().startsWith("Runs one query")), query.notes().toString());
  }
}
