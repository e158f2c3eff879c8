package io.graphsnap.cli.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.graphsnap.cli.EffectClosures;
import io.graphsnap.cli.Json;
import io.graphsnap.cli.serve.LiveSnapshot;
import io.graphsnap.cli.serve.SnapshotLease;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphsnap mcp} keeps whole-graph answers per snapshot with the server's {@code AnswerMemo}: the pages of
 * one PageRank question share one computation, answers stay equal to the command line's {@code --json}, and a
 * new snapshot is answered afresh.
 */
class McpAnswerKeepingTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path dir;

  private static Tool tool(String name) {
    return GraphTools.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static JsonNode call(ToolRunner runner, String tool, Map<String, Object> arguments) throws Exception {
    ToolRunner.Outcome o = runner.call(tool(tool), arguments);
    assertNull(o.error(), o.error());
    return MAPPER.readTree(Json.text(o.result()));
  }

  private static String publish(LiveSnapshot live, Path store) throws Exception {
    String id = McpServerTest.cli("snapshot", "--store", store.toString(), "-q").strip();
    live.publish(id, GraphSnapshot.open(StoreLayout.of(store).snapshotFile(id)));
    return id;
  }

  @Test
  void pagesOfOneQuestionShareOneKeptAnswerUntilANewSnapshot() throws Exception {
    Path store = dir.resolve("store");
    McpServerTest.cli("ingest", McpServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q");
    try (LiveSnapshot live = new LiveSnapshot()) {
      String first = publish(live, store);
      ToolRunner runner = new ToolRunner(store, live);
      JsonNode all = MAPPER.readTree(McpServerTest.cli("pagerank", "--top", "9", "--no-external", "--store", store.toString(), "--json"));
      JsonNode page1 = call(runner, "pagerank", Map.of("limit", 3));
      JsonNode page2 = call(runner, "pagerank", Map.of("limit", 3, "offset", 3));
      JsonNode page3 = call(runner, "pagerank", Map.of("limit", 3, "offset", 6));
      assertEquals(1, runner.keptAnswers(), "three pages, one PageRank answer kept");
      ArrayNode joined = MAPPER.createArrayNode();
      for (JsonNode p : List.of(page1, page2, page3)) {
        assertEquals(first, p.get("snapshot").asText());
        p.get("answer").forEach(joined::add);
      }
      assertEquals(all, joined, "the pages are the command line's top 9, in order");
      assertEquals(6, page2.get("page").get("nextOffset").asInt(), page2.toString());

      JsonNode effects = call(runner, "effects", Map.of("name", "auth.login"));
      assertEquals(MAPPER.readTree(McpServerTest.cli("effects", "auth.login", "--store", store.toString(), "--json")), effects.get("answer"));
      call(runner, "effects", Map.of("name", "auth.login"));
      assertEquals(2, runner.keptAnswers(), "the effects answer is kept too");
      try (SnapshotLease lease = live.acquire()) {
        assertTrue(EffectClosures.isKept(lease.snapshot()), "and the closure it was read from");
      }

      // a new build: answered from it, the old answers dropped
      Path smaller = dir.resolve("smaller.jsonl");
      Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
      McpServerTest.cli("ingest", smaller.toString(), "--store", store.toString(), "-q");
      String second = publish(live, store);
      JsonNode fresh = call(runner, "pagerank", Map.of("limit", 3));
      assertEquals(second, fresh.get("snapshot").asText());
      assertEquals(MAPPER.readTree(McpServerTest.cli("pagerank", "--top", "3", "--no-external", "--store", store.toString(), "--json")),
          fresh.get("answer"));
      assertEquals(1, runner.keptAnswers(), "only the new snapshot's answer is kept");
    }
  }
}
