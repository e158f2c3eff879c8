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

/** The analysis commands' JSON shapes, answers and exit codes on {@link AnalysisFixture}. */
class AnalysisCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String snapshot;

  @BeforeEach
  void build() throws Exception {
    snapshot = AnalysisFixture.build(dir).toString();
  }

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--snapshot");
    all.add(snapshot);
    return CliRunner.run(all.toArray(String[]::new));
  }

  private JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    CliRunner r = run(all.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(1, r.out().strip().lines().count(), () -> "exactly one JSON document: " + r);
    assertEquals("", r.err(), r::toString);
    return JSON.readTree(r.out());
  }

  @Test
  void reachListsNodesByDepthThenName() throws Exception {
    assertEquals("{\"count\":8,\"nodes\":[{\"name\":\"app.main\",\"depth\":0},{\"name\":\"app.run\",\"depth\":1},"
        + "{\"name\":\"app.Config\",\"depth\":2},{\"name\":\"app.helper\",\"depth\":2},{\"name\":\"app.live\",\"depth\":2},"
        + "{\"name\":\"lib.io.read\",\"depth\":2},{\"name\":\"ext.unknown\",\"depth\":3},{\"name\":\"lib.net.get\",\"depth\":3}]}",
        json("reach", "app.main").toString());
    assertEquals(7, json("reach", "app.main", "--type", "calls").get("count").asInt());
    assertEquals(8, json("reach", "app.main", "--type", "calls,references").get("count").asInt());
    assertEquals("{\"count\":5,\"nodes\":[{\"name\":\"lib.net.get\",\"depth\":0},{\"name\":\"app.helper\",\"depth\":1},"
        + "{\"name\":\"app.run\",\"depth\":2},{\"name\":\"tests.t1\",\"depth\":2},{\"name\":\"app.main\",\"depth\":3}]}",
        json("reach", "lib.net.get", "--reverse", "--type", "calls").toString());
    assertEquals("{\"count\":2,\"nodes\":[{\"name\":\"app.main\",\"depth\":0},{\"name\":\"app.run\",\"depth\":1}]}",
        json("reach", "app.main", "--depth", "1").toString());
    assertEquals("{\"count\":8}", json("reach", "app.main", "--count").toString());
    assertEquals(9, json("reach", "app.main", "tests.t1", "--count").get("count").asInt());
    CliRunner text = run("reach", "app.main", "--depth", "1");
    assertEquals("0\tapp.main\n1\tapp.run\n", text.out().replace("\r\n", "\n"));
    assertEquals("8\n", run("reach", "app.main", "--count").out().replace("\r\n", "\n"));
  }

  @Test
  void effectsShowDeclaredAndInheritedWithWitnessPaths() throws Exception {
    assertEquals("{\"name\":\"app.main\",\"declared\":[],\"inherited\":["
        + "{\"effect\":\"io\",\"path\":[\"app.main\",\"app.run\",\"lib.io.read\"]},"
        + "{\"effect\":\"net\",\"path\":[\"app.main\",\"app.run\",\"app.helper\",\"lib.net.get\"]}]}",
        json("effects", "app.main").toString());
    assertEquals("{\"name\":\"lib.io.read\",\"declared\":[\"io\"],\"inherited\":[]}", json("effects", "lib.io.read").toString());
    assertEquals("{\"name\":\"app.Config\",\"declared\":[],\"inherited\":[]}", json("effects", "app.Config").toString());
    String text = run("effects", "app.helper").out();
    assertTrue(text.contains("inherited: net via app.helper -> lib.net.get"), text);
  }

  @Test
  void cyclesLargestFirstWithMinSizeAndLimit() throws Exception {
    assertEquals("[{\"size\":2,\"nodes\":[\"lib.cycle.a\",\"lib.cycle.b\"]}]", json("cycles", "--type", "all").toString());
    assertEquals("[{\"size\":2,\"nodes\":[\"lib.cycle.a\",\"lib.cycle.b\"]},{\"size\":1,\"nodes\":[\"lib.cycle.c\"]}]",
        json("cycles", "--type", "imports", "--min-size", "1").toString());
    assertEquals(1, json("cycles", "--type", "all", "--min-size", "1", "--limit", "1").size());
    assertEquals("[]", json("cycles", "--type", "calls").toString());
    assertEquals("[]", json("cycles", "--min-size", "3").toString());
  }

  @Test
  void pathPrintsOneShortestPathOrExitsOne() throws Exception {
    assertEquals("{\"length\":3,\"nodes\":[{\"name\":\"app.main\"},{\"name\":\"app.run\",\"type\":\"calls\"},"
        + "{\"name\":\"app.helper\",\"type\":\"calls\"},{\"name\":\"lib.net.get\",\"type\":\"calls\"}]}",
        json("path", "app.main", "lib.net.get").toString());
    assertEquals("{\"length\":2,\"nodes\":[{\"name\":\"app.main\"},{\"name\":\"app.run\",\"type\":\"calls\"},"
        + "{\"name\":\"app.Config\",\"type\":\"references\"}]}", json("path", "app.main", "app.Config").toString());
    assertEquals("{\"length\":0,\"nodes\":[{\"name\":\"app.run\"}]}", json("path", "app.run", "app.run").toString());
    CliRunner none = run("path", "lib.net.get", "app.main", "--json");
    assertEquals(ExitCodes.NOT_FOUND, none.exitCode(), none::toString);
    assertEquals("{\"error\":\"no path from lib.net.get to app.main\",\"candidates\":[]}", none.out().strip(),
        "a failed --json command prints one JSON document");
    assertTrue(none.err().contains("no path from lib.net.get to app.main"), none::toString);
    assertEquals(ExitCodes.NOT_FOUND, run("path", "app.main", "app.Config", "--type", "calls").exitCode());
  }

  @Test
  void deadCodeFromEntryKindsNamesAndPrefixes() throws Exception {
    assertEquals("[{\"name\":\"app.dead1\",\"kind\":\"method\"},{\"name\":\"app.dead2\",\"kind\":\"method\"}]",
        json("dead", "--kind", "method", "--entry-kind", "test,main").toString());
    assertEquals("[]", json("dead", "--kind", "method", "--entry-kind", "main", "--entry", "app.dead1").toString());
    assertEquals("[]", json("dead", "--kind", "method", "--entry-kind", "main", "--entry-prefix", "app.dead").toString());
    // over references only, app.main reaches no method and app.dead1 only itself
    assertEquals("[{\"name\":\"app.dead2\",\"kind\":\"method\"},{\"name\":\"app.live\",\"kind\":\"method\"}]",
        json("dead", "--kind", "method", "--entry-kind", "main", "--entry", "app.dead1", "--type", "references").toString());
    // only tests as entries: what only app.main reaches is dead too
    assertEquals("[{\"name\":\"app.dead1\",\"kind\":\"method\"},{\"name\":\"app.dead2\",\"kind\":\"method\"},"
        + "{\"name\":\"app.live\",\"kind\":\"method\"},{\"name\":\"app.run\",\"kind\":\"fn\"},"
        + "{\"name\":\"lib.io.read\",\"kind\":\"fn\"}]",
        json("dead", "--kind", "method,fn", "--entry-kind", "test").toString());
    assertEquals(ExitCodes.BAD_INPUT, run("dead", "--kind", "method").exitCode());
    CliRunner unknown = run("dead", "--kind", "method", "--entry", "no.such");
    assertEquals(ExitCodes.NOT_FOUND, unknown.exitCode());
    assertTrue(unknown.err().contains("not found: no.such"), unknown::toString);
  }

  @Test
  void pagerankDescendingAndPersonalised() throws Exception {
    JsonNode all = json("pagerank", "--top", "100");
    assertEquals(14, all.size(), "every node (13 declared, 1 external) when --top exceeds N");
    double sum = 0;
    for (int i = 0; i < all.size(); i++) {
      sum += all.get(i).get("rank").asDouble();
      if (i > 0) {
        assertTrue(all.get(i - 1).get("rank").asDouble() >= all.get(i).get("rank").asDouble(), all::toString);
      }
    }
    assertEquals(1.0, sum, 1e-6);
    assertEquals(3, json("pagerank", "--top", "3", "--type", "calls", "--damping", "0.9").size());
    JsonNode seeded = json("pagerank", "--seed", "lib.cycle.a", "--top", "2");
    assertEquals("lib.cycle.a", seeded.get(0).get("name").asText(), seeded::toString);
    assertEquals("lib.cycle.b", seeded.get(1).get("name").asText(), seeded::toString);
    CliRunner limited = run("pagerank", "--iterations", "1", "--tolerance", "0");
    assertEquals(ExitCodes.OK, limited.exitCode());
    assertTrue(limited.err().contains("did not converge in 1 iterations"), limited::toString);
    assertEquals("", run("pagerank", "--iterations", "1", "--tolerance", "0", "--quiet").err());
  }

  @Test
  void exitCodesForUnknownNamesTypesAndBadOptions() {
    for (String[] args : new String[][] {
        {"reach", "no.such"}, {"effects", "no.such"}, {"path", "app.main", "no.such"}, {"path", "no.such", "app.main"},
        {"pagerank", "--seed", "no.such"}, {"reach", "app.main", "no.such"}}) {
      CliRunner r = run(args);
      assertEquals(ExitCodes.NOT_FOUND, r.exitCode(), r::toString);
      assertTrue(r.err().contains("not found: no.such"), r::toString);
      assertEquals("", r.out());
    }
    for (String[] args : new String[][] {
        {"reach", "app.main", "--type", "nope"}, {"cycles", "--type", "calls,nope"}, {"path", "app.main", "app.run", "--type", "nope"},
        {"dead", "--kind", "method", "--entry-kind", "main", "--type", "nope"}, {"pagerank", "--type", "nope"},
        {"cycles", "--min-size", "0"}, {"reach", "app.main", "--depth", "-2"}, {"pagerank", "--damping", "2"},
        {"pagerank", "--tolerance", "-1"}, {"pagerank", "--top", "-1"}, {"reach"}, {"path", "app.main"}}) {
      CliRunner r = run(args);
      assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    }
    CliRunner badType = run("reach", "app.main", "--type", "nope");
    assertTrue(badType.err().contains("unknown edge type 'nope'"), badType::toString);
  }
}
