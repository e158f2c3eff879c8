package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.LayerRef;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server following a store whose head is a layer: point answers come from base + delta at once, a question that
 * needs a whole snapshot waits for one (and is answered from it, never from the older base), and a damaged layer is
 * reported and HEAD's snapshot served instead.
 */
class LayeredServeTest {
  @TempDir Path dir;

  private static String line(String... symbols) {
    StringBuilder b = new StringBuilder("{\"path\": \"src/a.cov\", \"symbols\": [");
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < symbols.length; i++) {
      b.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(symbols[i]).append("\", \"kind\": \"fn\"}");
      if (i > 0) {
        edges.append(i == 1 ? "" : ", ").append("{\"from\": \"").append(symbols[0]).append("\", \"type\": \"calls\", \"to\": \"")
            .append(symbols[i]).append("\"}");
      }
    }
    return b.append("], \"edges\": [").append(edges).append("]}\n").toString();
  }

  private String publish(Path store, String jsonl, boolean layer) throws Exception {
    Path file = Files.writeString(dir.resolve("in.jsonl"), jsonl);
    Cli.run("ingest", file.toString(), "--store", store.toString(), "-q").ok();
    return layer ? Cli.run("snapshot", "--layer", "--store", store.toString(), "-q").ok().out().strip()
        : Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
  }

  @Test
  void pointAnswersComeFromTheLayerAndTheRestWaitsForTheWholeSnapshot() throws Exception {
    Path store = dir.resolve("store");
    String base = publish(store, line("a.main", "a.one"), false);
    List<String> log = new CopyOnWriteArrayList<>();
    ServerOptions o = ServerOptions.loopback(store, log::add);
    try (ApiServer server = ApiServer.start(new ServerOptions(store, o.bind(), 0, null, 2, 2, 20, o.log()))) {
      String layered = publish(store, line("a.main", "a.one", "a.two"), true);
      assertTrue(layered.startsWith(base + "+"), layered);
      server.checkHead();
      assertEquals(layered, server.live().currentId());

      HttpResponse<String> info = Http.get(server.port(), "/api/info");
      assertEquals(200, info.statusCode());
      assertTrue(info.body().contains("\"snapshot\":\"" + layered + "\""), info.body());
      HttpResponse<String> lookup = Http.get(server.port(), "/api/lookup?name=a.two");
      assertEquals(200, lookup.statusCode(), lookup.body());
      assertEquals(layered, lookup.headers().firstValue("Graphsnap-Snapshot").orElseThrow());
      HttpResponse<String> neighbours = Http.get(server.port(), "/api/neighbors?name=a.main");
      assertEquals("[{\"name\":\"a.one\",\"type\":\"calls\"},{\"name\":\"a.two\",\"type\":\"calls\"}]", neighbours.body().strip());

      // reach needs a whole snapshot: it waits (nothing folds the layer in this test) ...
      CompletableFuture<HttpResponse<String>> reach =
          CompletableFuture.supplyAsync(() -> Http.get(server.port(), "/api/reach?name=a.main&depth=1"));
      try {
        reach.get(300, TimeUnit.MILLISECONDS);
        throw new AssertionError("reach was answered without a whole snapshot");
      } catch (TimeoutException expected) {
        // waiting
      }
      // ... and a name given in part too; lookups meanwhile are answered
      CompletableFuture<HttpResponse<String>> partial =
          CompletableFuture.supplyAsync(() -> Http.get(server.port(), "/api/lookup?name=two"));
      assertEquals(200, Http.get(server.port(), "/api/lookup?name=a.one").statusCode());
      assertFalse(partial.isDone());

      // ... until one is published: then from it, with the layer's change
      String whole = Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
      server.checkHead();
      HttpResponse<String> reached = reach.get(30, TimeUnit.SECONDS);
      assertEquals(200, reached.statusCode(), reached.body());
      assertEquals(whole, reached.headers().firstValue("Graphsnap-Snapshot").orElseThrow());
      assertTrue(reached.body().contains("a.two"), reached.body());
      HttpResponse<String> named = partial.get(30, TimeUnit.SECONDS);
      assertEquals(200, named.statusCode(), named.body());
      assertTrue(named.body().contains("\"name\":\"a.two\""), named.body());
      assertTrue(LayerRef.read(store).isEmpty());

      // a damaged layer: reported, HEAD's whole snapshot served
      try (io.graphsnap.objects.Store s = io.graphsnap.objects.Store.open(store, false)) {
        String fake = "ab".repeat(32);
        Files.writeString(s.layersDirForWriting().resolve(fake + ".gdelta"), "not a delta");
        s.publishLayer(whole, fake);
      }
      server.checkHead();
      assertEquals(whole, server.live().currentId());
      assertTrue(log.stream().anyMatch(l -> l.contains("cannot open layer")), String.join("\n", log));
      assertEquals(404, Http.get(server.port(), "/api/lookup?name=a.three").statusCode());
    }
  }
}
