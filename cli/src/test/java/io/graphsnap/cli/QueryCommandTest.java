package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphsnap query} with the query syntax on the shop example, and the old flags. */
class QueryCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");

  @TempDir Path dir;
  String store;

  @BeforeEach
  void shop() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", EXAMPLE.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  private List<String> names(String... args) {
    CliRunner r = run(args);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    List<String> names = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip().split("\\s+", 2)[1]);
      }
    }
    return names;
  }

  @Test
  void inheritedEffectsOutsideTests() {
    // declared io: audit.record, auth.session.open, http.client.*, http.server.main, notify.render_template
    assertEquals(List.of("audit.record", "auth.session.open", "http.client.get", "http.client.post", "http.server.main",
        "notify.render_template"), names("query", "kind:fn effect:io"));
    // inherited too: every fn that calls one of them, directly or not; tests excluded by file
    List<String> inherited = names("query", "kind:fn effect~:io -file:tests/");
    assertTrue(inherited.contains("auth.login"), inherited::toString);       // calls audit.record
    assertTrue(inherited.contains("orders.checkout"), inherited::toString);  // calls payments.charge → http.client.post
    assertTrue(inherited.contains("http.server.route_checkout"), inherited::toString);
    assertTrue(!inherited.contains("db.query"), inherited::toString);       // db.query reaches no io
    assertEquals(List.of("tests.auth.login_is_audited", "tests.auth.login_rejects_bad_password",
        "tests.orders.cancel_refunds", "tests.orders.checkout_charges_once"), names("query", "kind:test effect~:io"));
  }

  @Test
  void qualifiersRelationsAndDegrees() {
    assertEquals(List.of("tests.auth.hash_is_salted", "tests.auth.login_rejects_bad_password"), names("query", "covers:R-1"));
    assertEquals(List.of("auth.crypto.verify_password", "auth.session.open", "audit.record", "db.users.find_by_email")
        .stream().sorted().toList(), names("query", "calledby:auth.login kind:fn"));
    assertEquals(List.of("orders.checkout", "orders.history"), names("query", "calls:auth.session.current"));
    assertEquals(List.of("auth.login", "db.pool.connect", "orders.checkout"), names("query", "meta:owner"));
    assertEquals(List.of("auth.login"), names("query", "meta:owner=team-identity"));
    assertEquals(List.of("db.query"), names("query", "in.calls>10"));
    assertEquals(List.of("R-1", "R-12", "R-2"), names("query", "lang:requirements"));
    assertEquals(List.of("docs.architecture"), names("query", "rel:describes>*"));
    assertEquals(List.of("db.orders.Row", "db.products.Row", "db.sessions.Row", "db.users.Row"), names("query", "name:db.*.Row"));
    assertEquals(List.of("payments.charge", "payments.refund"),
        names("query", "kind:fn", "(name:*charge", "OR", "name:*refund)"));
    assertEquals(List.of("metrics.unused_gauge"), names("query", "kind:fn in.calls=0 -file:src/http/ -name:http.* unused"));
    assertTrue(names("query", "is:external").contains("std.fs.read_file"));
  }

  @Test
  void countLimitAndJson() throws Exception {
    CliRunner count = run("query", "kind:fn effect:db", "--count");
    assertEquals(ExitCodes.OK, count.exitCode(), count::toString);
    long n = Long.parseLong(count.out().strip());
    assertTrue(n > 20, count::toString);
    CliRunner json = run("query", "kind:fn effect:db", "--count", "--json");
    assertEquals(n, JSON.readTree(json.out()).get("count").asLong());
    CliRunner limited = run("query", "kind:fn effect:db", "--limit", "3", "--json");
    JsonNode rows = JSON.readTree(limited.out());
    assertEquals(3, rows.size());
    assertEquals("fn", rows.get(0).get("kind").asText());
    assertTrue(limited.err().contains("3 of " + n + " shown") || limited.err().isEmpty(), limited::toString);
  }

  @Test
  void oldFlagsStillWorkAndCombineWithTheQuery() {
    assertEquals(List.of("tests.auth.hash_is_salted", "tests.auth.login_rejects_bad_password"),
        names("query", "--kind", "test", "--relation", "covers:R-1"));
    assertEquals(List.of("orders.cancel", "orders.checkout"), names("query", "--kind", "fn", "--effect", "net", "--prefix", "orders."));
    assertEquals(List.of("orders.checkout"), names("query", "calls:payments.charge", "--prefix", "orders."));
  }

  @Test
  void syntaxErrorPointsAtTheColumn() {
    CliRunner r = run("query", "kind:fn (effect:io OR knd:x)");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("graphsnap: query: column 23: unknown qualifier 'knd'"), r::toString);
    assertTrue(r.err().contains("  kind:fn (effect:io OR knd:x)\n" + " ".repeat(24) + "^"), r::toString);
    assertEquals("", r.out());
  }

  /** Issue 14: a kind, effect or edge type the snapshot lacks is a typo, in the query text as in the options. */
  @Test
  void unknownKindsEffectsAndEdgeTypesInTheQueryAreRejected() {
    CliRunner kind = run("query", "kind:fnn OR kind:test");
    assertEquals(ExitCodes.BAD_INPUT, kind.exitCode(), kind::toString);
    assertEquals("", kind.out());
    assertTrue(kind.err().contains("unknown kind 'fnn' (did you mean: fn?); this snapshot has: "), kind::toString);
    CliRunner effect = run("query", "kind:fn -effect~:ioo");
    assertEquals(ExitCodes.BAD_INPUT, effect.exitCode(), effect::toString);
    assertTrue(effect.err().contains("unknown effect 'ioo' (did you mean: io?)"), effect::toString);
    CliRunner relation = run("query", "rel:cals>db.query");
    assertEquals(ExitCodes.BAD_INPUT, relation.exitCode(), relation::toString);
    assertTrue(relation.err().contains("unknown edge type 'cals'"), relation::toString); // the parser's column error
    CliRunner degree = run("query", "in.cals>1", "--json");
    assertEquals(ExitCodes.BAD_INPUT, degree.exitCode(), degree::toString);
    assertTrue(degree.err().contains("unknown edge type 'cals'"), degree::toString);
  }

  @Test
  void unknownLanguagesAndTargetsWarnAndMatchNothing() {
    CliRunner r = run("query", "lang:cobol");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals("", r.out());
    assertTrue(r.err().contains("warning: no file has language 'cobol'"), r::toString);
  }

  /** {@code --no-external} is {@code -is:external}, {@code --exclude-tests} is {@code -is:test}; both count too. */
  @Test
  void noExternalAndExcludeTestsAreQueryTerms() {
    List<String> all = names("query", "name:*login*");
    assertTrue(all.contains("tests.auth.login_is_audited"), all::toString);
    List<String> tests = names("query", "is:test name:*login*");
    assertEquals(List.of("tests.auth.login_is_audited", "tests.auth.login_rejects_bad_password"), tests);
    List<String> withoutTests = names("query", "name:*login*", "--exclude-tests");
    assertEquals(all.stream().filter(n -> !tests.contains(n)).toList(), withoutTests);
    assertEquals(withoutTests, names("query", "name:*login* -is:test"));
    List<String> external = names("query", "is:external");
    assertTrue(external.contains("std.fs.read_file"), external::toString);
    List<String> declared = names("query", "name:std.*", "--no-external");
    assertTrue(declared.stream().noneMatch(external::contains), declared::toString);
    CliRunner count = run("query", "is:external", "--no-external", "--count");
    assertEquals("0", count.out().strip(), count::toString);
  }
}
