package io.graphsnap.frontend.scip;

import static io.graphsnap.frontend.scip.Proto.definition;
import static io.graphsnap.frontend.scip.Proto.document;
import static io.graphsnap.frontend.scip.Proto.index;
import static io.graphsnap.frontend.scip.Proto.info;
import static io.graphsnap.frontend.scip.Proto.occurrence;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** One SCIP document to one file summary: names, kinds, lines, notes, metadata, every edge rule, every problem. */
class DocumentMapperTest {
  static final String P = "scip-typescript npm shop 1.0.0 ";
  static final String MODULE = P + "src/`auth.ts`/";
  static final String USER = P + "src/`model.ts`/User#";
  static final String LOGIN = MODULE + "login().";
  static final String CHECK = MODULE + "check().";
  static final String SESSION = MODULE + "Session#";
  static final String SESSION_CLOSE = SESSION + "close().";

  static FileSummary only(Proto doc) throws IOException {
    Ingested run = Ingested.of(index(null, doc).bytes());
    assertEquals(1, run.summaries().size(), run.problems().toString());
    return run.summaries().getFirst();
  }

  static Map<String, SymbolSummary> byName(FileSummary f) {
    Map<String, SymbolSummary> m = new java.util.TreeMap<>();
    f.symbols().forEach(s -> m.put(s.name(), s));
    return m;
  }

  static TreeSet<String> edges(FileSummary f) {
    TreeSet<String> out = new TreeSet<>();
    for (EdgeSummary e : f.edges()) {
      out.add(f.symbols().get(e.source()).name() + " " + e.type() + " " + e.target());
    }
    return out;
  }

  /** A small auth module: a module symbol, two functions (one calling the other), a class with a method. */
  static Proto auth(Proto... extra) {
    Proto d = document("src/auth.ts",
        definition(MODULE, new int[] {0, 0, 0}, 0, 0, 20, 0),
        occurrence(USER, 0, 0, 9, 13), // an import at the top: outside every definition but the module's
        definition(LOGIN, new int[] {2, 16, 21}, 1, 0, 6, 1),
        occurrence(USER, 0, 2, 30, 34),
        occurrence(CHECK, 0, 3, 7, 12),
        occurrence("local 1", 0, 4, 2, 3),
        definition(CHECK, new int[] {8, 9, 14}, 8, 0, 10, 1),
        definition(SESSION, new int[] {12, 6, 13}, 12, 0, 16, 1),
        definition(SESSION_CLOSE, new int[] {13, 2, 7}, 13, 2, 15, 3),
        occurrence(LOGIN, 0, 14, 4, 9),
        info(LOGIN, "```ts\nfunction login()\n```", "Checks a password."),
        info(SESSION).message(4, Proto.implementation(P + "src/`api.ts`/Closeable#")),
        info(SESSION_CLOSE).message(4, Proto.implementation(P + "src/`api.ts`/Closeable#close().")));
    for (Proto p : extra) {
      d.message(p.isInfo ? 3 : 2, p);
    }
    return d;
  }

  @Test
  void symbolsKindsLinesNotesAndMetadata() throws IOException {
    FileSummary f = only(auth());
    assertEquals("src/auth.ts", f.path());
    assertEquals("typescript", f.language());
    Map<String, SymbolSummary> s = byName(f);
    assertEquals(List.of("shop:src/", "shop:src/auth.ts/", "shop:src/auth.ts/Session#", "shop:src/auth.ts/Session#close()",
        "shop:src/auth.ts/check()", "shop:src/auth.ts/login()"), List.copyOf(s.keySet()));
    SymbolSummary login = s.get("shop:src/auth.ts/login()");
    assertEquals("method", login.kind());
    assertEquals(2, login.lineStart()); // enclosing_range [1, 0, 6, 1], 0-based
    assertEquals(7, login.lineEnd());
    assertEquals(List.of(new Note("md", "```ts\nfunction login()\n```"), new Note("md", "Checks a password.")), login.notes());
    assertEquals(LOGIN, login.metadata().get("scip.symbol"));
    assertEquals("type", s.get("shop:src/auth.ts/Session#").kind());
    assertEquals("namespace", s.get("shop:src/auth.ts/").kind());
    assertEquals("namespace", s.get("shop:src/").kind()); // declared by the document: it nests the module
    assertEquals(0, s.get("shop:src/").lineStart());
  }

  @Test
  void everyEdgeRule() throws IOException {
    FileSummary f = only(auth());
    assertEquals(new TreeSet<>(List.of(
        "shop:src/ contains shop:src/auth.ts/",
        "shop:src/auth.ts/ contains shop:src/auth.ts/Session#",
        "shop:src/auth.ts/ contains shop:src/auth.ts/check()",
        "shop:src/auth.ts/ contains shop:src/auth.ts/login()",
        "shop:src/auth.ts/Session# contains shop:src/auth.ts/Session#close()",
        "shop:src/auth.ts/ references shop:src/model.ts/User#", // outside every definition: from the module
        "shop:src/auth.ts/login() references shop:src/model.ts/User#",
        "shop:src/auth.ts/login() calls shop:src/auth.ts/check()",
        "shop:src/auth.ts/Session#close() calls shop:src/auth.ts/login()", // innermost, not Session#
        "shop:src/auth.ts/Session# implements shop:src/api.ts/Closeable#",
        "shop:src/auth.ts/Session#close() overrides shop:src/api.ts/Closeable#close()")), edges(f));
  }

  @Test
  void importRoleIsAnImportsEdge() throws IOException {
    FileSummary f = only(document("src/a.ts", definition(MODULE, new int[] {0, 0, 0}, 0, 0, 3, 0),
        occurrence(LOGIN, 2, 1, 9, 14)));
    assertTrue(edges(f).contains("shop:src/auth.ts/ imports shop:src/auth.ts/login()"), edges(f).toString());
  }

  @Test
  void withoutAModuleSymbolTheFileStandsForTopLevelReferences() throws IOException {
    FileSummary f = only(document("lib/x.py", occurrence(LOGIN, 0, 0, 0, 5)));
    SymbolSummary file = byName(f).get("lib/x.py");
    assertEquals(DocumentMapper.FILE_KIND, file.kind());
    assertEquals(new TreeSet<>(List.of("lib/x.py calls shop:src/auth.ts/login()")), edges(f));
  }

  @Test
  void languageFromTheDocumentElseTheExtension() throws IOException {
    assertEquals("typescript", only(document("a.py")).language()); // Proto.document declares TypeScript
    assertEquals("python", only(Proto.message().string(1, "a.py")).language());
    assertEquals("rust", only(Proto.message().string(1, "src/lib.rs")).language());
    assertEquals("", only(Proto.message().string(1, "Makefile")).language());
  }

  @Test
  void textGivesTheHashAndTheLineCountThatRangesAreCheckedAgainst() throws Exception {
    String text = "line 1\nline 2\nline 3\n";
    Proto d = auth().string(5, text);
    Ingested run = Ingested.of(index(null, d).bytes());
    FileSummary f = run.summaries().getFirst();
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), f.sourceSha256());
    // the text has 4 lines (3 newlines): every occurrence past line 4 is out of range, one problem each
    List<String> problems = run.problems();
    assertTrue(problems.contains("src/auth.ts: definition of \"shop:src/auth.ts/login()\": enclosing_range ends on line 7 "
        + "but the document has 4 lines; its range is used instead"), problems.toString());
    assertTrue(problems.contains("src/auth.ts: definition of \"shop:src/auth.ts/check()\": range ends on line 9 but the "
        + "document has 4 lines; occurrence dropped"), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.startsWith("src/auth.ts: ")));
    assertNull(byName(f).get("shop:src/auth.ts/check()"));
  }

  @Test
  void malformedRangesAndSymbolsDropOnlyThemselves() throws IOException {
    Ingested run = Ingested.of(index(null, auth(
        occurrence(USER, 0, 3, 1), // two values
        occurrence(USER, 0, 3, 1, 2, 3, 4), // five
        occurrence(USER, 0, -1, 0, 2), // negative
        occurrence(USER, 0, 5, 9, 4, 0), // ends before it starts
        occurrence("scip-typescript npm shop", 0, 3, 1, 2), // does not parse
        occurrence("scip-typescript npm shop", 0, 4, 1, 2), // the same symbol again: reported once
        definition("s m p v bad/`x", new int[] {1, 1, 2}))).bytes());
    assertEquals(1, run.summaries().size());
    List<String> problems = run.problems();
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.contains("src/auth.ts: reference to \"shop:src/model.ts/User#\": range has 2 values (expected 3 or 4); occurrence dropped"));
    assertTrue(problems.contains("src/auth.ts: reference to \"shop:src/model.ts/User#\": range has 5 values (expected 3 or 4); occurrence dropped"));
    assertTrue(problems.contains("src/auth.ts: reference to \"shop:src/model.ts/User#\": range has a negative value; occurrence dropped"));
    assertTrue(problems.contains("src/auth.ts: reference to \"shop:src/model.ts/User#\": range ends before it starts; occurrence dropped"));
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("src/auth.ts: symbol \"scip-typescript npm shop\" does not parse: column")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("src/auth.ts: symbol \"s m p v bad/`x\" does not parse: column 13: unterminated backtick")), problems.toString());
    assertEquals(edges(only(auth())), edges(run.summaries().getFirst())); // the rest is what a clean document gives
  }

  @Test
  void unsafePathIsNotStored() throws IOException {
    for (String path : List.of("/etc/passwd", "../x.ts", "a/../../b", "c:\\x", "a\u0000b")) {
      Ingested run = Ingested.of(index(null, document(path), document("ok.ts")).bytes());
      assertEquals(List.of("ok.ts"), run.paths(), path);
      assertEquals(1, run.problems().size(), run.problems().toString());
      assertTrue(run.problems().getFirst().contains("not a safe repository path"), run.problems().toString());
      assertTrue(run.report().replaceAllSafe(), path); // no stored file can have that path: replace-all may proceed
    }
  }

  @Test
  void effectsFromTheTargetsModule() throws Exception {
    String py = "scip-python python shop 1 ";
    String save = py + "`shop.db`/save().";
    FileSummary f = only(document("shop/db.py",
        definition(save, new int[] {3, 4, 8}, 3, 0, 6, 0),
        occurrence("scip-python python python-stdlib 3.11 `sqlite3.dbapi2`/connect().", 0, 4, 4, 11),
        occurrence("scip-python python python-stdlib 3.11 builtins/open().", 0, 5, 4, 8),
        occurrence("scip-python python python-stdlib 3.11 builtins/print().", 0, 5, 10, 14)));
    assertEquals(List.of("db", "io"), byName(f).get("shop:shop.db/save()").effects());
    assertEquals(EffectRules.PROCESS, EffectRules.effectOf(ScipSymbol.parse(
        "scip-typescript npm @types/node 20.0.0 `child_process.d.ts`/spawn().")));
    assertEquals("net", EffectRules.effectOf(ScipSymbol.parse(
        "scip-typescript npm typescript 5.9.3 lib/`lib.dom.d.ts`/fetch().")));
    assertNull(EffectRules.effectOf(ScipSymbol.parse("scip-typescript npm typescript 5.9.3 lib/`lib.dom.d.ts`/console.")));
  }

  @Test
  void kindFromSymbolInformationWinsOverTheSuffix() throws IOException {
    Proto withKind = info(SESSION).intField(5, 7).string(6, "Session");
    FileSummary f = only(auth(withKind));
    SymbolSummary session = byName(f).get("shop:src/auth.ts/Session#");
    assertEquals("class", session.kind());
    assertEquals("Class", session.metadata().get("scip.kind"));
    assertEquals("Session", session.metadata().get("scip.display-name"));
    assertEquals("static-method", ScipKinds.ofKind(80));
    assertEquals("fn", ScipKinds.ofKind(17));
    assertNull(ScipKinds.ofKind(0));
    assertNull(ScipKinds.ofKind(47_000));
  }
}
