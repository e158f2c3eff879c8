package io.graphsnap.cli.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.graphsnap.cli.GraphsnapCommand;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphsnap mcp} as a client sees it: the MCP SDK's own client starts it as a child process over stdio on a
 * store built from {@code examples/shop.jsonl}, lists the tools, calls each one and compares the answer with what
 * {@code graphsnap ... --json} prints for the same question; a new build published meanwhile is answered from at
 * once; standard output carries only protocol messages, even after a malformed line.
 */
class McpServerTest {
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");
  static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dir;
  static Path store;
  static McpSyncClient client;

  @BeforeAll
  static void start() {
    store = dir.resolve("store");
    cli("ingest", EXAMPLE.toString(), "--store", store.toString(), "-q");
    cli("ingest", sitesFile().toString(), "--store", store.toString(), "-q");
    cli("snapshot", "--store", store.toString(), "--ref", "first", "-q");
    JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(MAPPER);
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(javaBinary())
        .args(serverArguments()).build(), json);
    transport.setStdErrorHandler(line -> System.err.println("[mcp] " + line));
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
  }

  /**
   * One more file beside the example, whose calls say where they are (the example's edges carry no lines): {@code
   * report.daily} calls {@code db.query} on lines 4 and 9 and {@code auth.logout} on line 6.
   */
  static Path sitesFile() {
    Path file = dir.resolve("sites.jsonl");
    try {
      Files.writeString(file, "{\"path\": \"src/report/daily.cov\", \"language\": \"covenant\", \"symbols\": "
          + "[{\"name\": \"report.daily\", \"kind\": \"fn\", \"lines\": [2, 12]}], \"edges\": ["
          + "{\"from\": \"report.daily\", \"type\": \"calls\", \"to\": \"db.query\", \"lines\": [9, 4]}, "
          + "{\"from\": \"report.daily\", \"type\": \"calls\", \"to\": \"auth.logout\", \"line\": 6}]}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.closeGracefully();
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static List<String> serverArguments() {
    return List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "io.graphsnap.cli.Main", "mcp", "--store", store.toString());
  }

  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    if (code != 0) {
      throw new AssertionError("exit " + code + ": " + String.join(" ", args) + "\n" + out + err);
    }
    return out.toString();
  }

  /** The CLI's --json for args on this store, parsed. */
  static JsonNode cliJson(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store.toString(), "--json"));
    return MAPPER.readTree(cli(all.toArray(String[]::new)));
  }

  static JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    String text = ((McpSchema.TextContent) r.content().getFirst()).text();
    assertFalse(Boolean.TRUE.equals(r.isError()), tool + " " + arguments + ": " + text);
    JsonNode structured = MAPPER.readTree(MAPPER.writeValueAsString(r.structuredContent()));
    assertEquals(structured, MAPPER.readTree(text), "the text content is the structured content as JSON");
    return structured;
  }

  static ArrayNode first(JsonNode list, int n) {
    ArrayNode out = MAPPER.createArrayNode();
    for (int i = 0; i < Math.min(n, list.size()); i++) {
      out.add(list.get(i));
    }
    return out;
  }

  @Test
  void listsTheToolsWithSchemas() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    Set<String> names = new TreeSet<>();
    for (McpSchema.Tool t : tools) {
      names.add(t.name());
      assertEquals("object", t.inputSchema().get("type"), t.name());
      assertTrue(t.description().length() > 80, t.name() + " has a description written for a model");
      assertTrue(t.outputSchema() != null && t.outputSchema().containsKey("properties"), t.name());
      assertTrue(t.annotations().readOnlyHint(), t.name());
    }
    assertEquals(new TreeSet<>(List.of("search", "lookup", "neighbors", "reach", "path", "effects", "dead", "pagerank",
        "diff", "info")), names);
    McpSchema.Tool neighbors = tools.stream().filter(t -> t.name().equals("neighbors")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) neighbors.inputSchema().get("properties");
    assertTrue(properties.keySet().containsAll(List.of("name", "type", "reverse", "sites", "offset", "limit")));
    assertTrue(neighbors.description().contains("sites=true"), neighbors.description());
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) ((Map<String, Object>) neighbors.outputSchema().get("properties")).get("answer");
    assertTrue(answer.toString().contains("sites") && answer.toString().contains("line"), answer.toString());
    assertEquals(List.of("name"), neighbors.inputSchema().get("required"));
  }

  @Test
  void everyToolAnswersWhatTheCommandLinePrints() throws Exception {
    assertEquals(cliJson("lookup", "auth.login"), call("lookup", Map.of("name", "auth.login")).get("answer"));

    JsonNode page = call("neighbors", Map.of("name", "auth.login", "reverse", true, "type", "calls", "offset", 1, "limit", 1));
    assertEquals(cliJson("neighbors", "auth.login", "--reverse", "--type", "calls", "--offset", "1", "--limit", "1"), page.get("answer"));
    assertEquals(2, page.get("page").get("nextOffset").asInt(), "auth.login has 3 callers: a third page exists");
    JsonNode last = call("neighbors", Map.of("name", "auth.login", "reverse", true, "type", "calls", "offset", 2, "limit", 1));
    assertTrue(last.get("page").get("nextOffset").isNull(), last.toString());

    // call sites: the same {file, line} lists as neighbors --sites --json, for callers and for callees
    JsonNode callers = call("neighbors", Map.of("name", "db.query", "reverse", true, "type", "calls", "sites", true));
    assertEquals(cliJson("neighbors", "db.query", "--reverse", "--type", "calls", "--sites"), callers.get("answer"));
    JsonNode daily = null;
    for (JsonNode row : callers.get("answer")) {
      assertTrue(row.get("sites").isArray(), row.toString());
      if (row.get("name").asText().equals("report.daily")) {
        daily = row;
      }
    }
    assertEquals(MAPPER.readTree("[{\"file\":\"src/report/daily.cov\",\"line\":4},{\"file\":\"src/report/daily.cov\",\"line\":9}]"),
        daily == null ? null : daily.get("sites"), callers.toString());
    assertEquals(cliJson("neighbors", "report.daily", "--sites", "--offset", "1", "--limit", "1"),
        call("neighbors", Map.of("name", "report.daily", "sites", true, "offset", 1, "limit", 1)).get("answer"));
    assertFalse(call("neighbors", Map.of("name", "db.query", "reverse", true)).get("answer").get(0).has("sites"),
        "without sites=true the rows are as before");

    assertEquals(cliJson("reach", "auth.login", "--depth", "2", "--type", "calls"),
        call("reach", Map.of("names", List.of("auth.login"), "depth", 2, "type", List.of("calls"))).get("answer"));
    JsonNode reachPage = call("reach", Map.of("names", List.of("auth.login"), "limit", 2));
    JsonNode reachAll = cliJson("reach", "auth.login");
    assertEquals(reachAll.get("count"), reachPage.get("answer").get("count"));
    assertEquals(first(reachAll.get("nodes"), 2), reachPage.get("answer").get("nodes"));
    assertEquals(reachAll.get("nodes").size(), reachPage.get("page").get("total").asInt());

    assertEquals(cliJson("path", "http.server.route_login", "db.query"),
        call("path", Map.of("from", "http.server.route_login", "to", "db.query")).get("answer"));
    assertEquals(cliJson("effects", "auth.login"), call("effects", Map.of("name", "auth.login")).get("answer"));
    assertEquals(first(cliJson("dead", "--kind", "fn", "--entry-kind", "test"), 3),
        call("dead", Map.of("kind", List.of("fn"), "entry_kind", List.of("test"), "limit", 3)).get("answer"));
    assertEquals(cliJson("pagerank", "--top", "5", "--no-external"), call("pagerank", Map.of("limit", 5)).get("answer"));
    JsonNode ranked = cliJson("pagerank", "--top", "7");
    JsonNode secondPage = call("pagerank", Map.of("limit", 3, "offset", 4, "include_externals", true)).get("answer");
    assertEquals(MAPPER.createArrayNode().add(ranked.get(4)).add(ranked.get(5)).add(ranked.get(6)), secondPage);
    assertEquals(cliJson("info"), call("info", Map.of()).get("answer"));
    assertEquals(cliJson("diff", "first", "HEAD"), call("diff", Map.of("from", "first")).get("answer"));
    // search: the search command (the one behind /api/search), paged
    JsonNode found = call("search", Map.of("text", "login", "limit", 3)).get("answer");
    assertEquals(cliJson("search", "login", "--limit", "3"), found);
    assertTrue(found.size() > 0 && found.get(0).get("name").asText().contains("login"), found.toString());
    JsonNode all = cliJson("search", "o", "--limit", "500");
    JsonNode searchPage = call("search", Map.of("text", "o", "offset", 2, "limit", 2));
    assertEquals(MAPPER.createArrayNode().add(all.get(2)).add(all.get(3)), searchPage.get("answer"));
    assertEquals(4, searchPage.get("page").get("nextOffset").asInt(), searchPage.toString());
    assertEquals(first(cliJson("search", "login", "--kind", "fn"), 20),
        call("search", Map.of("text", "login", "kind", List.of("fn"))).get("answer"));
  }

  @Test
  void mistakesAreToolErrorsForTheModel() {
    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("lookup", Map.of("name", "no.such")));
    assertTrue(r.isError());
    assertTrue(((McpSchema.TextContent) r.content().getFirst()).text().contains("search tool"));
    r = client.callTool(new McpSchema.CallToolRequest("neighbors", Map.of("name", "auth.login", "limit", 5000)));
    assertTrue(r.isError(), "limit above the maximum");
    r = client.callTool(new McpSchema.CallToolRequest("diff", Map.of("from", "../../etc/x.gsnap")));
    assertTrue(r.isError(), "diff takes refs, not files");
    r = client.callTool(new McpSchema.CallToolRequest("lookup", Map.of("name", "--help")));
    assertTrue(r.isError() && ((McpSchema.TextContent) r.content().getFirst()).text().contains("not found: --help"));
  }

  @Test
  void aNewBuildIsAnsweredFromAtOnce() throws Exception {
    String before = call("info", Map.of()).get("snapshot").asText();
    Path smaller = dir.resolve("smaller.jsonl");
    Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
    cli("ingest", smaller.toString(), "--store", store.toString(), "-q");
    String published = cli("snapshot", "--store", store.toString(), "-q").strip();
    String now = before;
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !now.equals(published) && System.nanoTime() < deadline; ) {
      Thread.sleep(100);
      now = call("info", Map.of()).get("snapshot").asText();
    }
    assertNotEquals(before, now);
    assertEquals(published, now);
    assertEquals(cliJson("info"), call("info", Map.of()).get("answer"));
  }

  /** Raw stdio: every line on stdout is a JSON-RPC message, a malformed line gets a parse error and the session goes on. */
  @Test
  void stdoutCarriesOnlyProtocolMessages() throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(serverArguments());
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      JsonNode init = MAPPER.readTree(out.readLine());
      assertEquals(1, init.get("id").asInt());
      in.write(("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\nthis is not json\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup\",\"arguments\":{\"name\":\"auth.login\"}}}\n")
          .getBytes(StandardCharsets.UTF_8));
      in.flush();
      JsonNode parseError = MAPPER.readTree(out.readLine());
      assertEquals(-32700, parseError.get("error").get("code").asInt(), parseError.toString());
      JsonNode answer = MAPPER.readTree(out.readLine());
      assertEquals(2, answer.get("id").asInt(), answer.toString());
      assertEquals(cliJson("lookup", "auth.login"), answer.get("result").get("structuredContent").get("answer"));
      in.close();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        assertTrue(MAPPER.readTree(line) instanceof ObjectNode, "stdout: " + line);
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits when stdin closes");
    assertEquals(0, p.exitValue());
  }
}
