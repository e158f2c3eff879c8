package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.cli.JavaBaseStore;
import io.graphsnap.cli.Json;
import io.graphsnap.cli.SnapshotVersions;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web explorer in a real browser: {@code explorer/src/test/web/explorer.test.mjs} drives the system's headless
 * Chromium through Playwright against {@code graphsnap serve} on four stores: the JSON Lines example (format 4, its
 * edges without lines), the same snapshot rewritten as format 3 (no call sites at all), the JDK's whole {@code
 * java.base} as {@code ./graphsnap build} makes it ({@link JavaBaseStore}: built once per test JVM and shared with
 * {@code BuildCommandTest}; 3,400 files, about 200,000 symbols), and a generated hub store ({@code hub.core} called
 * by 20,000 functions). Each but the format-3 one has an older snapshot and a later HEAD, for the diff view (on
 * java.base HEAD is built from the extracted sources with one method body edited, which re-extracts that file
 * only). Chromium runs with the network disabled (DNS resolves only the loopback address, other connections go to
 * a proxy that does not exist). The script searches by keyboard, opens a symbol, lists its callers and callees with
 * their call sites (compared with {@code neighbors --sites --json}), draws and expands its neighbourhood (by keyboard
 * and by a click on a drawn node), finds a path by keyboard and from a URL, opens the overview and the diff, checks
 * on the hub that every answer the pages ask for stays small, and that nothing is requested off the server.
 * Screenshots go to {@code cli/target/explorer-screenshots} (or {@code -Dexplorer.screenshots=DIR}, which is how
 * the README's pictures are made).
 *
 * <p>Skipped, saying why, when Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM=path}) or the explorer's
 * {@code node_modules} (made by the explorer module's build) is missing, unless {@code GRAPHSNAP_REQUIRE_BROWSER=1}
 * (set by {@code .ci/run}), which makes that a failure.
 */
class ExplorerBrowserTest {
  static final Path EXPLORER = Path.of("..", "explorer").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void explorerWorksInChromium() throws Exception {
    Path chromium = chromium();
    // CI sets GRAPHSNAP_REQUIRE_BROWSER=1 (.ci/run installs Chromium): there a missing browser fails the test
    boolean required = "1".equals(System.getenv("GRAPHSNAP_REQUIRE_BROWSER"));
    String noChromium = "no Chromium (install Debian's chromium, or set CHROMIUM=/path/to/chrome)";
    String noPlaywright = "no " + EXPLORER.resolve("node_modules/playwright-core") + " (the explorer module's build runs npm ci)";
    if (required) {
      assertTrue(chromium != null, noChromium + " and GRAPHSNAP_REQUIRE_BROWSER=1");
      assertTrue(Files.isDirectory(EXPLORER.resolve("node_modules/playwright-core")), noPlaywright + " and GRAPHSNAP_REQUIRE_BROWSER=1");
    }
    Assumptions.assumeTrue(chromium != null, noChromium + ": the explorer's browser test is skipped");
    Assumptions.assumeTrue(Files.isDirectory(EXPLORER.resolve("node_modules/playwright-core")), noPlaywright);
    List<Map<String, Object>> cases = new ArrayList<>();
    List<ApiServer> servers = new ArrayList<>();
    Map<String, Object> config = new LinkedHashMap<>();
    long started = System.nanoTime();
    try {
      ApiServer shop = ApiServer.start(ServerOptions.loopback(shopStore(), line -> { }));
      servers.add(shop);
      cases.add(scenario(shop, "shop", "login", "auth.login", "http.server.route_login", "http.server.route_login",
          "db.query", "v1", "src/notify/email.cov"));
      ApiServer shopV3 = ApiServer.start(ServerOptions.loopback(shopV3Store(), line -> { }));
      servers.add(shopV3);
      config.put("noSites", Map.of("url", "http://127.0.0.1:" + shopV3.port() + "/", "symbol", "auth.login", "format", 3));
      JavaBaseStore javaBase = JavaBaseStore.shared();
      if (javaBase != null) {
        long javaStart = System.nanoTime();
        Path java = javaBaseStore(javaBase);
        System.err.printf("ExplorerBrowserTest: java.base's HEAD (one method body edited) built in %.1f s%n", (System.nanoTime() - javaStart) / 1e9);
        ApiServer server = ApiServer.start(ServerOptions.loopback(java, line -> { }));
        servers.add(server);
        String symbol = "java.util.Optional#map(Function)";
        String caller = "java.lang.Enum#describeConstable()";
        String callee = "java.util.Objects#requireNonNull(Object)";
        Map<String, Object> c = scenario(server, "java", "Optional#ma", symbol, caller, caller, callee,
            javaBase.coldSnapshotId(), "java/util/Optional.java");
        // the sites the page must show, as the command line gives them
        c.put("callerSite", firstSite(java, symbol, caller, true));
        c.put("callee", callee);
        c.put("calleeSite", firstSite(java, symbol, callee, false));
        cases.add(c);
      } else {
        System.err.println("ExplorerBrowserTest: no lib/src.zip in " + System.getProperty("java.home") + "; the java.base case is skipped");
      }
      ApiServer hub = ApiServer.start(ServerOptions.loopback(hubStore(), line -> { }));
      servers.add(hub);
      Map<String, Object> hubCase = new LinkedHashMap<>();
      hubCase.put("label", "hub");
      hubCase.put("url", "http://127.0.0.1:" + hub.port() + "/");
      hubCase.put("symbol", "hub.core");
      hubCase.put("callers", HUB_FILES * HUB_FNS);
      hubCase.put("changedFiles", HUB_CHANGED);
      config.put("hub", hubCase);
      String shots = System.getProperty("explorer.screenshots");
      Path out = shots != null && !shots.isBlank() ? Path.of(shots).toAbsolutePath() : Path.of("target", "explorer-screenshots").toAbsolutePath();
      config.put("url", "http://127.0.0.1:" + servers.getFirst().port() + "/");
      config.put("out", out.toString());
      config.put("chromium", chromium.toString());
      // each case names its own server
      config.put("cases", cases);
      for (ApiServer s : servers) { // the overview's answers must then be memo hits (checked by the script)
        assertTrue(s.awaitWarmed(120_000), "the whole-graph answers were not computed ahead within 120 s");
      }
      long storesBuilt = System.nanoTime();
      System.err.printf("ExplorerBrowserTest: stores built and served in %.1f s%n", (storesBuilt - started) / 1e9);
      Path file = dir.resolve("explorer-test.json");
      Files.writeString(file, Json.text(config));
      Process node = new ProcessBuilder("node", EXPLORER.resolve("src/test/web/explorer.test.mjs").toString(), file.toString())
          .directory(EXPLORER.toFile()).redirectErrorStream(true).start();
      String output;
      try (InputStream in = node.getInputStream()) {
        boolean done = node.waitFor(420, TimeUnit.SECONDS);
        if (!done) {
          node.destroyForcibly();
        }
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the browser test took more than 420 s:\n" + output);
      }
      System.out.print(output);
      System.err.printf("ExplorerBrowserTest: the browser script ran in %.1f s%n", (System.nanoTime() - storesBuilt) / 1e9);
      assertEquals(0, node.exitValue(), output);
      assertTrue(output.contains(" passed, 0 failed"), output);
    } finally {
      servers.forEach(ApiServer::close);
    }
  }

  private static Map<String, Object> scenario(ApiServer server, String label, String search, String symbol, String caller,
      String pathFrom, String pathTo, String diffFrom, String diffFile) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("label", label);
    c.put("url", "http://127.0.0.1:" + server.port() + "/");
    c.put("search", search);
    c.put("symbol", symbol);
    c.put("caller", caller);
    c.put("pathFrom", pathFrom);
    c.put("pathTo", pathTo);
    c.put("diffFrom", diffFrom);
    c.put("diffTo", "HEAD");
    c.put("diffFile", diffFile);
    return c;
  }

  /** The JSON Lines example as v1, then HEAD without one file. */
  private Path shopStore() throws IOException {
    Path store = dir.resolve("shop");
    Cli.run("ingest", ApiServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "--ref", "v1", "-q").ok();
    Path smaller = dir.resolve("smaller.jsonl");
    Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
    Cli.run("ingest", smaller.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "-q").ok();
    return store;
  }

  static final int HUB_FILES = 100;
  static final int HUB_FNS = 200;
  static final int HUB_CHANGED = 55;

  /**
   * A snapshot where loading everything would show: {@code hub.core} called by every one of 20,000 functions in 100
   * files (each file a call chain ending in the hub, which calls back into the first file: a 201-symbol cycle). v1,
   * then HEAD with 55 files changed, for a diff longer than a page.
   */
  private Path hubStore() throws IOException {
    Path store = dir.resolve("hub");
    Path v1 = dir.resolve("hub-v1.jsonl");
    try (var out = Files.newBufferedWriter(v1)) {
      out.write("{\"path\": \"src/hub.cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": \"hub.core\", \"kind\": \"fn\", "
          + "\"lines\": [1, 9]}], \"edges\": [{\"from\": \"hub.core\", \"type\": \"calls\", \"to\": \"m0.f0\"}]}\n");
      for (int i = 0; i < HUB_FILES; i++) {
        out.write(hubFile(i, false));
      }
    }
    Cli.run("ingest", v1.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "--ref", "v1", "-q").ok();
    Path head = dir.resolve("hub-head.jsonl");
    try (var out = Files.newBufferedWriter(head)) {
      for (int i = 0; i < HUB_CHANGED; i++) {
        out.write(hubFile(i, true));
      }
    }
    Cli.run("ingest", head.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "-q").ok();
    return store;
  }

  /** File i of the hub store: HUB_FNS functions, each calling the next and hub.core; changed: one more function. */
  private static String hubFile(int i, boolean changed) {
    StringBuilder symbols = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    for (int j = 0; j < HUB_FNS; j++) {
      String name = "m" + i + ".f" + j;
      symbols.append(j == 0 ? "" : ", ").append("{\"name\": \"").append(name).append("\", \"kind\": \"fn\", \"lines\": [")
          .append(j * 5 + 1).append(", ").append(j * 5 + 4).append("]}");
      edges.append(j == 0 ? "" : ", ").append("{\"from\": \"").append(name).append("\", \"type\": \"calls\", \"to\": \"hub.core\"}");
      if (j + 1 < HUB_FNS) {
        edges.append(", {\"from\": \"").append(name).append("\", \"type\": \"calls\", \"to\": \"m").append(i).append(".f").append(j + 1).append("\"}");
      }
    }
    if (changed) {
      symbols.append(", {\"name\": \"m").append(i).append(".added\", \"kind\": \"fn\", \"lines\": [2000, 2001]}");
    }
    return "{\"path\": \"src/m" + i + ".cov\", \"language\": \"covenant\", \"symbols\": [" + symbols + "], \"edges\": [" + edges + "]}\n";
  }

  /**
   * The shared java.base store with a new HEAD: the sources extracted from {@code lib/src.zip} with the body of
   * {@code Optional#isEmpty()} edited, built into it (one file re-extracted; the paths are the same as the zip's).
   */
  private Path javaBaseStore(JavaBaseStore javaBase) throws IOException {
    Path tree = dir.resolve("jtree");
    try (ZipFile z = new ZipFile(JavaBaseStore.sourceZip().toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        String n = e.getName();
        if (n.startsWith("java.base/") && n.endsWith(".java") && !e.isDirectory()) {
          Path target = tree.resolve(n);
          Files.createDirectories(target.getParent());
          try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, target);
          }
        }
      }
    }
    Path optional = tree.resolve("java.base/java/util/Optional.java");
    String source = Files.readString(optional);
    String edited = source.replaceFirst("(public boolean isEmpty\\(\\) \\{\\s*return) value == null;", "$1 null == value;");
    assertTrue(!edited.equals(source), "Optional#isEmpty() is no longer 'return value == null;' in this JDK: change the edit");
    Files.writeString(optional, edited);
    Cli build = Cli.run("build", tree.toString(), "--store", javaBase.store().toString()).ok();
    assertTrue(build.err().contains("1 extracted"), "only the edited file is extracted again:\n" + build.err());
    return javaBase.store();
  }

  /** The shop example's HEAD snapshot rewritten as format 3 (before call sites), alone in a new store. */
  private Path shopV3Store() throws IOException {
    Path head = Store.headSnapshot(dir.resolve("shop")).orElseThrow();
    Path v3 = SnapshotVersions.asVersion3(head, dir.resolve("shop-v3.gsnap"));
    Path store = dir.resolve("shop-v3");
    SnapshotVersions.publishInNewStore(v3, store);
    return store;
  }

  /** "file:line" of the first site of the calls edge between symbol and other, from neighbors --sites --json. */
  private static String firstSite(Path store, String symbol, String other, boolean reverse) throws IOException {
    List<String> args = new ArrayList<>(List.of("neighbors", symbol, "--type", "calls", "--sites", "--json", "--store", store.toString()));
    if (reverse) {
      args.add("--reverse");
    }
    JsonNode rows = new ObjectMapper().readTree(Cli.run(args.toArray(String[]::new)).ok().out());
    for (JsonNode row : rows) {
      if (row.get("name").asText().equals(other)) {
        JsonNode site = row.get("sites").get(0);
        assertTrue(site != null, other + " has no call site in " + rows);
        return site.get("file").asText() + ":" + site.get("line").asInt();
      }
    }
    throw new AssertionError(other + " is not among the calls neighbours of " + symbol + ": " + rows);
  }

  private static Path chromium() {
    String env = System.getenv("CHROMIUM");
    for (String p : env != null ? List.of(env) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      Path path = Path.of(p);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    return null;
  }
}
