package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the explorer adds to the server: the endpoints it needs (degree, degrees, sections, paged neighbours,
 * PageRank without externals, cycles with capped members) answer exactly what the command line's --json prints,
 * and the explorer's files are served from the class path with their types, validators and nothing else.
 */
class ExplorerEndpointsTest {
  @TempDir static Path dir;
  static Path store;
  static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    store = dir.resolve("store");
    server = Cli.ingestSnapshotAndServe(ApiServerTest.EXAMPLE, store);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void newEndpointsAnswerWhatTheCommandLinePrints() {
    List<ApiServerTest.Case> cases = List.of(
        new ApiServerTest.Case("degree", "name=auth.login", "degree", "auth.login"),
        new ApiServerTest.Case("degrees", "", "degrees"),
        new ApiServerTest.Case("sections", "", "sections"),
        new ApiServerTest.Case("neighbors", "name=db.query&reverse&offset=1&limit=2", "neighbors", "db.query", "--reverse", "--offset", "1", "--limit", "2"),
        new ApiServerTest.Case("pagerank", "top=5&no-external", "pagerank", "--top", "5", "--no-external"),
        new ApiServerTest.Case("cycles", "min-size=1&members=1", "cycles", "--min-size", "1", "--members", "1"),
        new ApiServerTest.Case("diff", "from=HEAD&to=HEAD&offset=0&limit=1", "diff", "HEAD", "HEAD", "--offset", "0", "--limit", "1"));
    for (ApiServerTest.Case c : cases) {
      HttpResponse<String> r = Http.get(server.port(), "/api/" + c.endpoint() + (c.query().isEmpty() ? "" : "?" + c.query()));
      List<String> args = new ArrayList<>(List.of(c.args()));
      args.addAll(List.of("--store", store.toString(), "--json"));
      Cli cli = Cli.run(args.toArray(String[]::new)).ok();
      assertEquals(200, r.statusCode(), c + ": " + r.body());
      assertEquals(cli.out(), r.body(), c.toString());
    }
  }

  @Test
  void pagesOfNeighboursAddUpToAllOfThem() {
    String all = Cli.run("neighbors", "db.query", "--reverse", "--store", store.toString(), "--json").ok().out();
    StringBuilder paged = new StringBuilder();
    for (int offset = 0; offset < 40; offset += 3) {
      String page = Cli.run("neighbors", "db.query", "--reverse", "--offset", String.valueOf(offset), "--limit", "3",
          "--store", store.toString(), "--json").ok().out().strip();
      if (page.equals("[]")) {
        break;
      }
      paged.append(paged.isEmpty() ? "" : ",").append(page, 1, page.length() - 1);
    }
    assertEquals(all.strip(), "[" + paged + "]");
    String degree = Cli.run("degree", "db.query", "--store", store.toString(), "--json").ok().out();
    long rows = all.chars().filter(ch -> ch == '{').count();
    assertTrue(degree.contains("\"in\":{\"total\":" + rows + ","), degree + " vs " + rows + " rows");
    String sections = Cli.run("sections", "--store", store.toString(), "--json").ok().out();
    long sum = 0;
    for (String part : sections.split("\"bytes\":")) {
      if (Character.isDigit(part.charAt(0))) {
        sum += Long.parseLong(part.replaceAll("\\D.*", ""));
      }
    }
    String info = Cli.run("info", "--store", store.toString(), "--json").ok().out();
    assertTrue(info.contains("\"bytes\":" + sum + ","), "sections add up to the file's size " + sum + ": " + info);
    String pr = Cli.run("pagerank", "--top", "100", "--no-external", "--store", store.toString(), "--json").ok().out();
    String externals = Cli.run("query", "is:external", "--store", store.toString(), "--json").ok().out();
    for (String name : externals.split("\"name\":\"")) {
      if (!name.startsWith("[")) {
        assertFalse(pr.contains("\"" + name.substring(0, name.indexOf('"')) + "\""), "external " + name + " in " + pr);
      }
    }
  }

  @Test
  void offLoopbackTheFilesNeedTheTokenToo() throws IOException {
    Path tokenFile = dir.resolve("token");
    String token = "0123456789abcdef0123456789abcdef";
    java.nio.file.Files.writeString(tokenFile, token + "\n");
    ServerOptions o = ServerOptions.loopback(store, line -> { });
    ServerOptions any = new ServerOptions(o.store(), java.net.InetAddress.getByName("0.0.0.0"), 0,
        BearerToken.read(tokenFile), 2, 1, o.pollMillis(), o.log());
    try (ApiServer s = ApiServer.start(any)) {
      assertEquals(401, Http.get(s.port(), "/").statusCode());
      assertEquals(401, Http.get(s.port(), "/?token=" + token + "x").statusCode());
      assertEquals(401, Http.get(s.port(), "/static/app.js?token=" + token).statusCode(), "the token in the address only on /");
      HttpResponse<String> login = Http.get(s.port(), "/?token=" + token);
      assertEquals(303, login.statusCode());
      assertEquals("/", login.headers().firstValue("Location").orElse(null));
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(cookie.startsWith(StaticFiles.COOKIE + "=" + token + ";") && cookie.contains("SameSite=Strict"), cookie);
      HttpResponse<String> js = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/static/app.js"))
          .header("Cookie", "other=1; " + StaticFiles.COOKIE + "=" + token).GET(), null);
      assertEquals(200, js.statusCode());
      assertEquals(200, Http.get(s.port(), "/", token).statusCode(), "or the header");
      HttpResponse<String> apiByCookie = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/info"))
          .header("Cookie", StaticFiles.COOKIE + "=" + token).GET(), null);
      assertEquals(401, apiByCookie.statusCode(), "the API takes the header only (the explorer sends it)");
      assertEquals(200, Http.get(s.port(), "/api/info", token).statusCode());
    }
  }

  @Test
  void servesTheExplorerFromTheClassPath() {
    HttpResponse<String> index = Http.get(server.port(), "/");
    assertEquals(200, index.statusCode());
    assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(index.body().contains("/static/app.js"), index.body());
    String csp = index.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'") && csp.contains("connect-src 'self'"), csp);
    HttpResponse<String> js = Http.get(server.port(), "/static/app.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertTrue(js.body().length() > 100_000, "the bundle includes Cytoscape: " + js.body().length());
    assertFalse(js.body().contains("//cdn.") || js.body().contains("unpkg.com"), "no CDN");
    assertEquals("text/css; charset=utf-8", Http.get(server.port(), "/static/app.css").headers().firstValue("Content-Type").orElse(""));
    // validators: the same file again is 304 Not Modified
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertEquals("no-cache", js.headers().firstValue("Cache-Control").orElse(""));
    HttpResponse<String> again = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/static/app.js"))
        .header("If-None-Match", etag).GET(), null);
    assertEquals(304, again.statusCode());
    // nothing but the bundle's folder
    for (String path : List.of("/static/../serve/ApiServer.class", "/static/..%2f..%2fio/graphsnap/cli/Main.class",
        "/static/%2e%2e/x", "/static/", "/static/.hidden", "/static/sub/app.js", "/etc/passwd", "/api",
        "/static/io/graphsnap/cli/Main.class")) {
      HttpResponse<String> r = Http.get(server.port(), path);
      assertEquals(404, r.statusCode(), path + ": " + r.body());
    }
    HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("x")), null);
    assertEquals(405, post.statusCode());
    HttpResponse<String> head = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/static/app.css"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()), null);
    assertEquals(200, head.statusCode());
    // the API is unchanged by the static files
    assertEquals(404, Http.get(server.port(), "/api/nothing").statusCode());
    assertTrue(Http.get(server.port(), "/api/info").body().startsWith("{\"snapshot\""));
  }
}
