package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.Json;
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
 * Chromium through Playwright against {@code graphsnap serve} on three stores: the JSON Lines example, a small Java
 * tree (48 files of the running JDK's {@code java.base}: {@code java.util.function}, {@code Optional},
 * {@code Objects}, {@code Comparator(s)}; the whole of {@code java.base} takes minutes to build, too long for CI),
 * and a generated hub store ({@code hub.core} called by 20,000 functions). Each store has a ref {@code v1} and a
 * later HEAD, for the diff view. Chromium runs with the network disabled (DNS resolves only the loopback address,
 * other connections go to a proxy that does not exist). The script searches by keyboard, opens a symbol, lists its
 * callers, draws and expands its neighbourhood (by keyboard and by a click on a drawn node), finds a path by
 * keyboard and from a URL, opens the overview and the diff, checks on the hub that every answer the pages ask for
 * stays small, and that nothing is requested off the server. Screenshots go to
 * {@code cli/target/explorer-screenshots} (or {@code -Dexplorer.screenshots=DIR}, which is how the README's
 * pictures are made).
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
          "db.query", "src/notify/email.cov"));
      Path java = javaStore();
      if (java != null) {
        ApiServer server = ApiServer.start(ServerOptions.loopback(java, line -> { }));
        servers.add(server);
        cases.add(scenario(server, "java", "requireNonN", "java.util.Objects#requireNonNull(Object)",
            "java.util.Optional#map(Function)", "java.util.Optional#map(Function)",
            "java.util.Objects#requireNonNull(Object)", "java/util/Optional.java"));
      } else {
        System.err.println("ExplorerBrowserTest: no lib/src.zip in " + System.getProperty("java.home") + "; the Java tree case is skipped");
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
      long storesBuilt = System.nanoTime();
      System.err.printf("ExplorerBrowserTest: stores built and served in %.1f s%n", (storesBuilt - started) / 1e9);
      Path file = dir.resolve("explorer-test.json");
      Files.writeString(file, Json.text(config));
      Process node = new ProcessBuilder("node", EXPLORER.resolve("src/test/web/explorer.test.mjs").toString(), file.toString())
          .directory(EXPLORER.toFile()).redirectErrorStream(true).start();
      String output;
      try (InputStream in = node.getInputStream()) {
        boolean done = node.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
          node.destroyForcibly();
        }
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the browser test took more than 240 s:\n" + output);
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
      String pathFrom, String pathTo, String diffFile) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("label", label);
    c.put("url", "http://127.0.0.1:" + server.port() + "/");
    c.put("search", search);
    c.put("symbol", symbol);
    c.put("caller", caller);
    c.put("pathFrom", pathFrom);
    c.put("pathTo", pathTo);
    c.put("diffFrom", "v1");
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

  /** 48 files of the JDK's java.base as v1, then HEAD with a method added to Optional; null without src.zip. */
  private Path javaStore() throws IOException {
    Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    if (!Files.isRegularFile(zip)) {
      return null;
    }
    Path tree = dir.resolve("jtree");
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        String n = e.getName();
        boolean wanted = n.startsWith("java.base/java/util/function/") && n.endsWith(".java")
            || List.of("Optional", "Objects", "Comparator", "Comparators").stream()
                .anyMatch(c -> n.equals("java.base/java/util/" + c + ".java"));
        if (wanted && !e.isDirectory()) {
          Path target = tree.resolve(n);
          Files.createDirectories(target.getParent());
          try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, target);
          }
        }
      }
    }
    Path store = dir.resolve("java");
    Cli.run("build", tree.toString(), "--store", store.toString(), "--ref", "v1", "-q").ok();
    Path optional = tree.resolve("java.base/java/util/Optional.java");
    String source = Files.readString(optional);
    Files.writeString(optional, source.replace("public boolean isEmpty() {",
        "public boolean isAbsent() {\n        return value == null;\n    }\n\n    public boolean isEmpty() {"));
    Cli.run("build", tree.toString(), "--store", store.toString(), "-q").ok();
    return store;
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
