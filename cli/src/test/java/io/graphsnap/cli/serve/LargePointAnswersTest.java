package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.graphsnap.cli.InlineWork;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point questions whose answers turn out large (a hub's neighbours, a forgiving name, a miss with "did you mean")
 * leave the event loop for the pool ({@link InlineWork}) and still answer exactly what the command line prints.
 */
class LargePointAnswersTest {
  static final int CALLEES = (int) InlineWork.MAX_ITEMS + 904;

  @TempDir static Path dir;
  static Path store;
  static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    store = dir.resolve("store");
    StringBuilder jsonl = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    StringBuilder symbols = new StringBuilder("{\"name\": \"hub.main\", \"kind\": \"fn\"}");
    for (int i = 0; i < CALLEES; i++) {
      symbols.append(", {\"name\": \"leaf.f").append(i).append("\", \"kind\": \"fn\"}");
      edges.append(i == 0 ? "" : ", ").append("{\"from\": \"hub.main\", \"type\": \"calls\", \"to\": \"leaf.f").append(i).append("\"}");
    }
    jsonl.append("{\"path\": \"src/hub.x\", \"symbols\": [").append(symbols).append("], \"edges\": [").append(edges).append("]}\n");
    Path input = dir.resolve("hub.jsonl");
    Files.writeString(input, jsonl);
    server = Cli.ingestSnapshotAndServe(input, store);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void largeAnswersAreTheCommandLinesAnswers() {
    record Case(String path, int status, String... args) {}
    List<Case> cases = List.of(
        new Case("/api/neighbors?name=hub.main", 200, "neighbors", "hub.main"),
        new Case("/api/neighbors?name=hub.main&limit=10", 200, "neighbors", "hub.main", "--limit", "10"),
        new Case("/api/reach?name=hub.main&depth=1", 200, "reach", "hub.main", "--depth", "1"),
        new Case("/api/symbols?file=src/hub.x", 200, "symbols", "src/hub.x"),
        new Case("/api/lookup?name=f4711", 200, "lookup", "f4711"),
        new Case("/api/lookup?name=leaf.f47110", 404, "lookup", "leaf.f47110"),
        new Case("/api/neighbors?name=main", 200, "neighbors", "main"));
    for (int round = 0; round < 3; round++) { // the same worker threads again, after their first answers
      for (Case c : cases) {
        HttpResponse<String> r = Http.get(server.port(), c.path());
        assertEquals(c.status(), r.statusCode(), c.path() + ": " + r.body());
        if (c.status() == 200) {
          List<String> args = new ArrayList<>(List.of(c.args()));
          args.addAll(List.of("--store", store.toString(), "--json"));
          assertEquals(Cli.run(args.toArray(String[]::new)).ok().out(), r.body(), c.path());
        }
      }
    }
  }

  @Test
  void missesSuggestNamesFromThePool() {
    HttpResponse<String> r = Http.get(server.port(), "/api/lookup?name=leaf.f47110");
    assertEquals(404, r.statusCode());
    assertEquals(true, r.body().contains("leaf.f4711"), r.body());
  }

  @Test
  void theBoundHoldsOnlyInsideRun() {
    InlineWork.check(InlineWork.MAX_ITEMS + 1, "outside"); // the command line and the workers: no bound
    InlineWork.unbounded("outside");
    assertEquals(7, InlineWork.run(() -> {
      InlineWork.check(InlineWork.MAX_ITEMS, "at the bound");
      return 7;
    }));
    assertThrows(InlineWork.Deferred.class, () -> InlineWork.run(() -> {
      InlineWork.check(InlineWork.MAX_ITEMS + 1, "past the bound");
      return 0;
    }));
    assertThrows(InlineWork.Deferred.class, () -> InlineWork.run(() -> {
      InlineWork.unbounded("a scan");
      return 0;
    }));
  }
}
