package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint answers exactly what the command line's --json prints for the same question; errors and security. */
class ApiServerTest {
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");

  @TempDir static Path dir;
  static Path store;
  static ApiServer server;
  static String first;

  @BeforeAll
  static void start() throws IOException {
    store = dir.resolve("store");
    Cli.run("ingest", EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    first = Cli.run("snapshot", "--store", store.toString(), "--ref", "first", "-q").ok().out().strip();
    // a second snapshot without one file, so that diff has something to say
    Path smaller = dir.resolve("smaller.jsonl");
    Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
    Cli.run("ingest", smaller.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "-q").ok();
    server = ApiServer.start(ServerOptions.loopback(store, System.err::println));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Query string → the same question as command-line arguments (before --store and --json). */
  record Case(String endpoint, String query, String... args) {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("lookup", "name=auth.login", "lookup", "auth.login"));
    c.add(new Case("neighbors", "name=db.query&reverse&type=calls", "neighbors", "db.query", "--reverse", "--type", "calls"));
    c.add(new Case("neighbours", "name=auth.login", "neighbors", "auth.login"));
    c.add(new Case("neighbors", "name=db.query&reverse&type=calls&sites=true", "neighbors", "db.query", "--reverse",
        "--type", "calls", "--sites"));
    c.add(new Case("neighbors", "name=auth.login&sites", "neighbors", "auth.login", "--sites"));
    c.add(new Case("query", "kind=fn&effect=net&prefix=orders.", "query", "--kind", "fn", "--effect", "net", "--prefix", "orders."));
    c.add(new Case("query", "q=kind%3Afn+effect~%3Aio+-file%3Asrc%2Fhttp%2F", "query", "kind:fn effect~:io -file:src/http/"));
    c.add(new Case("query", "kind=test&relation=covers%3AR-1&count=true", "query", "--kind", "test", "--relation", "covers:R-1", "--count"));
    c.add(new Case("reach", "name=auth.login&depth=2&type=calls", "reach", "auth.login", "--depth", "2", "--type", "calls"));
    c.add(new Case("reach", "name=auth.login&name=db.query&reverse=true", "reach", "auth.login", "db.query", "--reverse"));
    c.add(new Case("path", "from=auth.login&to=db.query", "path", "auth.login", "db.query"));
    c.add(new Case("effects", "name=auth.login", "effects", "auth.login"));
    c.add(new Case("cycles", "min-size=1", "cycles", "--min-size", "1"));
    c.add(new Case("dead", "kind=fn&entry-kind=test", "dead", "--kind", "fn", "--entry-kind", "test"));
    c.add(new Case("pagerank", "top=5&type=calls", "pagerank", "--top", "5", "--type", "calls"));
    c.add(new Case("info", "", "info"));
    c.add(new Case("symbols", "file=src/auth/login.cov", "symbols", "src/auth/login.cov"));
    c.add(new Case("at", "position=src/auth/login.cov%3A10", "at", "src/auth/login.cov:10"));
    c.add(new Case("refs", "", "refs"));
    c.add(new Case("diff", "from=first&to=HEAD", "diff", "first", "HEAD"));
    return c;
  }

  @Test
  void everyEndpointAnswersWhatTheCommandLinePrints() {
    for (Case c : cases()) {
      HttpResponse<String> r = Http.get(server.port(), "/api/" + c.endpoint() + (c.query().isEmpty() ? "" : "?" + c.query()));
      List<String> args = new ArrayList<>(List.of(c.args()));
      args.addAll(List.of("--store", store.toString(), "--json"));
      Cli cli = Cli.run(args.toArray(String[]::new)).ok();
      assertEquals(200, r.statusCode(), c + ": " + r.body());
      assertEquals(cli.out(), r.body(), c.toString());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), c.toString());
    }
  }

  @Test
  void theSameQuestionAboutOtherNamesAnswersForThoseNames() {
    // a worker thread that parsed these options before only sets the names: each answer must still be its own
    List<String> names = List.of("auth.login", "db.query", "auth.logout", "no.such", "db.users.find", "auth.session.open");
    java.util.Map<String, String> expected = new java.util.HashMap<>();
    for (String n : names) {
      expected.put(n, Cli.run("neighbors", n, "--reverse", "--type", "calls", "--store", store.toString(), "--json").out());
    }
    for (int round = 0; round < 6; round++) {
      for (String n : names) {
        HttpResponse<String> r = Http.get(server.port(), "/api/neighbors?reverse&type=calls&name=" + n);
        if (n.equals("no.such")) {
          assertEquals(404, r.statusCode(), r.body());
        } else {
          assertEquals(expected.get(n), r.body(), n);
        }
      }
      HttpResponse<String> other = Http.get(server.port(), "/api/neighbors?name=db.query");
      assertEquals(Cli.run("neighbors", "db.query", "--store", store.toString(), "--json").out(), other.body());
    }
  }

  @Test
  void snapshotAnswersNameTheirSnapshot() {
    HttpResponse<String> r = Http.get(server.port(), "/api/lookup?name=auth.login");
    String head = Cli.run("refs", "--store", store.toString()).ok().out().lines()
        .filter(l -> l.startsWith("HEAD")).findFirst().orElseThrow().split("\\s+")[1];
    assertEquals(head, r.headers().firstValue("Graphsnap-Snapshot").orElse(null));
  }

  @Test
  void errorsAreJsonWithFittingStatus() {
    assertError(404, "/api/lookup?name=no.such.symbol", "not found: no.such.symbol");
    assertError(404, "/api/path?from=db.query&to=auth.login", "no path");
    assertError(400, "/api/neighbors?name=auth.login&type=nonsense", "unknown edge type");
    assertError(400, "/api/reach?name=auth.login&depth=x", "depth");
    assertError(400, "/api/lookup?name=auth.login&store=/etc", "unknown parameter 'store'");
    assertError(400, "/api/lookup?name=auth.login&snapshot=/etc/passwd", "unknown parameter 'snapshot'");
    assertError(400, "/api/lookup?name=auth.login&bogus=1", "unknown parameter 'bogus'");
    assertError(400, "/api/refs?delete=first", "unknown parameter 'delete'"); // never a write
    assertError(400, "/api/lookup?name=a&name=b", "given twice");
    assertError(400, "/api/query?q=knd%3Ax", "unknown qualifier");
    assertError(400, "/api/neighbors?name=auth.login&reverse=maybe", "flag");
    assertError(400, "/api/diff?from=..%2F..%2Fx.gsnap", "not files");
    assertError(404, "/api/nothing", "no endpoint");
    assertError(414, "/api/lookup?name=" + "x".repeat(ServerOptions.MAX_QUERY + 1), "longer");
    HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/info"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")), null);
    assertEquals(405, post.statusCode());
    // a name that starts with a dash is a name, not an option
    assertError(404, "/api/lookup?name=--help", "not found: --help");
  }

  private static void assertError(int status, String pathAndQuery, String messagePart) {
    HttpResponse<String> r = Http.get(server.port(), pathAndQuery);
    assertEquals(status, r.statusCode(), pathAndQuery + ": " + r.body());
    assertTrue(r.body().startsWith("{\"error\":\""), r.body());
    assertTrue(r.body().contains(messagePart), pathAndQuery + ": " + r.body());
  }

  @Test
  void wholeGraphAnswersAreKeptForTheSnapshotTheyWereComputedOn() throws IOException {
    Path memoStore = dir.resolve("memo");
    Cli.run("ingest", EXAMPLE.toString(), "--store", memoStore.toString(), "-q").ok();
    String before = Cli.run("snapshot", "--store", memoStore.toString(), "-q").ok().out().strip();
    try (ApiServer s = ApiServer.start(ServerOptions.loopback(memoStore, line -> { }))) {
      // (not the explorer's own questions, which AnswerWarmer computes ahead: AnswerWarmerTest)
      for (String q : List.of("/api/pagerank?top=50", "/api/effects?name=auth.login", "/api/cycles?limit=5&members=12")) {
        HttpResponse<String> computed = Http.get(s.port(), q);
        assertEquals(200, computed.statusCode(), q + ": " + computed.body());
        assertTrue(computed.headers().firstValue("Graphsnap-Memo").isEmpty(), q + " is computed the first time");
        HttpResponse<String> kept = Http.get(s.port(), q);
        assertEquals("hit", kept.headers().firstValue("Graphsnap-Memo").orElse(null), q + " is kept");
        assertEquals(computed.body(), kept.body(), q);
        assertEquals(before, kept.headers().firstValue("Graphsnap-Snapshot").orElse(null), q);
      }
      HttpResponse<String> lookup = Http.get(s.port(), "/api/lookup?name=auth.login");
      assertTrue(Http.get(s.port(), "/api/lookup?name=auth.login").headers().firstValue("Graphsnap-Memo").isEmpty(),
          "cheap answers are not kept: " + lookup.headers().map());

      // a new snapshot: the kept answers are not served for it
      Path smaller = dir.resolve("memo-smaller.jsonl");
      Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
      Cli.run("ingest", smaller.toString(), "--store", memoStore.toString(), "-q").ok();
      String after = Cli.run("snapshot", "--store", memoStore.toString(), "-q").ok().out().strip();
      s.checkHead();
      HttpResponse<String> recomputed = Http.get(s.port(), "/api/pagerank?top=50");
      assertEquals(after, recomputed.headers().firstValue("Graphsnap-Snapshot").orElse(null));
      assertTrue(recomputed.headers().firstValue("Graphsnap-Memo").isEmpty(), "computed again on the new snapshot");
      assertEquals(Cli.run("pagerank", "--top", "50", "--store", memoStore.toString(), "--json").ok().out().strip(),
          recomputed.body().strip());
      assertEquals("hit", Http.get(s.port(), "/api/pagerank?top=50").headers().firstValue("Graphsnap-Memo").orElse(null));
    }
  }

  @Test
  void noSnapshotYetIs503() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    try (ApiServer s = ApiServer.start(ServerOptions.loopback(empty, line -> { }))) {
      HttpResponse<String> r = Http.get(s.port(), "/api/lookup?name=auth.login");
      assertEquals(503, r.statusCode(), r.body());
    }
  }

  @Test
  void expensiveRequestsOverTheCapAre429() throws IOException {
    ServerOptions o = ServerOptions.loopback(store, line -> { });
    ServerOptions none = new ServerOptions(o.store(), o.bind(), 0, null, 2, 0, o.pollMillis(), o.log());
    try (ApiServer s = ApiServer.start(none)) {
      HttpResponse<String> r = Http.get(s.port(), "/api/pagerank");
      assertEquals(429, r.statusCode(), r.body());
      assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
      assertEquals(429, Http.get(s.port(), "/api/reach?name=auth.login").statusCode()); // no depth: expensive
      assertEquals(200, Http.get(s.port(), "/api/reach?name=auth.login&depth=3").statusCode());
      assertEquals(200, Http.get(s.port(), "/api/lookup?name=auth.login").statusCode());
    }
  }

  @Test
  void offLoopbackEveryRequestNeedsTheToken() throws IOException {
    Path tokenFile = dir.resolve("token");
    String token = "0123456789abcdef0123456789abcdef";
    Files.writeString(tokenFile, token + "\n");
    ServerOptions o = ServerOptions.loopback(store, line -> { });
    ServerOptions any = new ServerOptions(o.store(), InetAddress.getByName("0.0.0.0"), 0, BearerToken.read(tokenFile),
        2, 1, o.pollMillis(), o.log());
    try (ApiServer s = ApiServer.start(any)) {
      for (String path : List.of("/api/lookup?name=auth.login", "/api/info", "/api/nothing", "/")) {
        HttpResponse<String> r = Http.get(s.port(), path);
        assertEquals(401, r.statusCode(), path);
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, Http.get(s.port(), path, token + "x").statusCode(), path);
        assertEquals(401, Http.get(s.port(), path, token.substring(1)).statusCode(), path);
      }
      assertEquals(200, Http.get(s.port(), "/api/lookup?name=auth.login", token).statusCode());
    }
  }

  @Test
  void serveRefusesAnotherAddressWithoutAToken() throws IOException {
    Cli r = Cli.run("serve", "--store", store.toString(), "--bind", "0.0.0.0", "--port", "0");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--token-file"), r.err());
    Path shortToken = dir.resolve("short-token");
    Files.writeString(shortToken, "abc\n");
    Cli s = Cli.run("serve", "--store", store.toString(), "--bind", "0.0.0.0", "--port", "0", "--token-file", shortToken.toString());
    assertEquals(2, s.exitCode(), s.toString());
    assertTrue(s.err().contains("at least 16"), s.err());
  }
}
