package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under load: clients keep asking while new snapshots are published, gc deletes the old ones and the
 * index is rebuilt. Each version's answers are recognisable (its names carry the version, their number depends
 * on it), so a mix of two snapshots, or an answer not from the snapshot its header names, is caught; mappings
 * that were replaced are closed once the last request (or lease) using them ends.
 */
class HotSwapTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** Version v: hub calls v{v}.f0 .. v{v}.f{k-1}, k = 3 + v % 5; each f has metadata v. */
  static String version(int v) {
    int k = 3 + v % 5;
    StringBuilder symbols = new StringBuilder("{\"name\": \"hub\", \"kind\": \"fn\", \"metadata\": {\"v\": \"" + v + "\"}}");
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < k; i++) {
      symbols.append(", {\"name\": \"v").append(v).append(".f").append(i).append("\", \"kind\": \"fn\"}");
      edges.append(i == 0 ? "" : ", ").append("{\"from\": \"hub\", \"type\": \"calls\", \"to\": \"v").append(v).append(".f").append(i).append("\"}");
    }
    return "{\"path\": \"src/hub.cov\", \"language\": \"covenant\", \"symbols\": [" + symbols + "], \"edges\": [" + edges + "]}\n";
  }

  @Test
  void clientsSeeWholeSnapshotsWhilePublishAndGcRun() throws Exception {
    swapUnderLoad(false);
  }

  /**
   * The same with every odd version published as a layer (a delta over the previous whole snapshot): look-ups and
   * neighbours answer from base + delta, reach waits for the next whole snapshot; no answer mixes two versions, and
   * replaced layers are closed as snapshots are.
   */
  @Test
  void layersSwapAsWholeSnapshotsDo() throws Exception {
    swapUnderLoad(true);
  }

  private void swapUnderLoad(boolean layers) throws Exception {
    Path store = dir.resolve("store");
    Map<String, Integer> versionOf = new ConcurrentHashMap<>();
    versionOf.put(publish(store, 0), 0);
    ServerOptions o = ServerOptions.loopback(store, line -> { });
    try (ApiServer server = ApiServer.start(new ServerOptions(store, o.bind(), 0, null, 4, 2, 20, o.log()))) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger answers = new AtomicInteger();
      List<String> problems = new CopyOnWriteArrayList<>();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < (layers ? 6 : 4); c++) {
        String ask = switch (c % 3) {
          case 0 -> "lookup";
          case 1 -> "neighbors";
          default -> layers ? "reach" : "lookup";
        };
        boolean lookup = ask.equals("lookup");
        clients.add(Thread.ofPlatform().start(() -> {
          while (!stop.get() && problems.size() < 10) {
            HttpResponse<String> r = Http.get(server.port(), switch (ask) {
              case "lookup" -> "/api/lookup?name=hub";
              case "neighbors" -> "/api/neighbors?name=hub&type=calls";
              default -> "/api/reach?name=hub&depth=1";
            });
            String id = r.headers().firstValue("Graphsnap-Snapshot").orElse(null);
            Integer v = id == null ? null : versionOf.get(id);
            for (int wait = 0; v == null && id != null && wait < 200; wait++) {
              // the server may swap before the publisher has recorded the new id's version
              sleep(10);
              v = versionOf.get(id);
            }
            String problem = ask.equals("reach") ? checkReach(r, v, id) : check(r, v, lookup);
            if (problem != null) {
              problems.add(problem);
            }
            answers.incrementAndGet();
          }
        }));
      }
      // a lease held across several swaps: its snapshot must stay readable until released
      SnapshotLease held = server.live().acquire();
      assertNotNull(held);
      List<SnapshotLease> seen = new ArrayList<>();
      for (int v = 1; v <= 8; v++) {
        String id = layers && v % 2 == 1 ? publishLayer(store, v) : publish(store, v);
        assertEquals(layers && v % 2 == 1, id.contains("+"), id);
        versionOf.put(id, v);
        if (v % 3 == 0) {
          Cli.run("gc", "--store", store.toString(), "-q").ok();
        }
        if (v == 5) {
          Cli.run("index", "rebuild", "--store", store.toString(), "-q").ok();
        }
        server.checkHead();
        SnapshotLease now = server.live().acquire();
        seen.add(now);
        now.close();
        Thread.sleep(50);
      }
      assertFalse(held.isClosed(), "a held lease stays mapped across swaps");
      assertEquals(held.snapshot().node("hub") >= 0, true);
      held.close();
      assertTrue(held.isClosed(), "the last holder's release closes the replaced mapping");
      stop.set(true);
      for (Thread t : clients) {
        t.join(60_000);
      }
      assertTrue(problems.isEmpty(), problems.toString());
      assertTrue(answers.get() > 20, "answers: " + answers.get());
      // every replaced snapshot is closed once no request uses it; the current one is open
      for (SnapshotLease lease : seen.subList(0, seen.size() - 1)) {
        assertTrue(lease.isClosed(), "replaced snapshot " + lease.id() + " still mapped");
      }
      SnapshotLease last = seen.getLast();
      assertFalse(last.isClosed());
      assertEquals(8, versionOf.get(last.id()));
      assertEquals(8, versionOf.get(server.live().currentId()));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Null when {@code r} is a whole answer of version {@code v}, else what is wrong. */
  private static String check(HttpResponse<String> r, Integer v, boolean lookup) {
    if (r.statusCode() != 200 || v == null) {
      return "status " + r.statusCode() + ", version " + v + ": " + r.body();
    }
    try {
      JsonNode doc = JSON.readTree(r.body());
      if (lookup) {
        String got = doc.path("metadata").path("v").asText();
        return got.equals(String.valueOf(v)) ? null : "lookup from snapshot of version " + v + " says version " + got;
      }
      int k = 3 + v % 5;
      if (doc.size() != k) {
        return "version " + v + " has " + k + " callees, the answer " + doc.size() + ": " + r.body();
      }
      for (JsonNode row : doc) {
        if (!row.path("name").asText().startsWith("v" + v + ".")) {
          return "version " + v + " answer names " + row.path("name").asText();
        }
      }
      return null;
    } catch (IOException e) {
      return "not JSON: " + r.body();
    }
  }

  /** Null when {@code r} is the depth-1 reach of version {@code v} from a whole snapshot, else what is wrong. */
  private static String checkReach(HttpResponse<String> r, Integer v, String id) {
    if (r.statusCode() != 200 || v == null || id.contains("+")) {
      return "reach: status " + r.statusCode() + ", version " + v + ", snapshot " + id + ": " + r.body();
    }
    try {
      JsonNode doc = JSON.readTree(r.body());
      int k = 3 + v % 5;
      if (doc.path("count").asInt() != k + 1) {
        return "version " + v + " reaches " + (k + 1) + " nodes, the answer " + r.body();
      }
      for (JsonNode node : doc.path("nodes")) {
        String name = node.path("name").asText();
        if (!name.equals("hub") && !name.startsWith("v" + v + ".")) {
          return "version " + v + " reach names " + name;
        }
      }
      return null;
    } catch (IOException e) {
      return "not JSON: " + r.body();
    }
  }

  /** Ingests version {@code v} and publishes it as a layer over the last whole snapshot: {@code <base>+<delta>}. */
  private String publishLayer(Path store, int v) throws IOException {
    Path file = dir.resolve("v" + v + ".jsonl");
    Files.writeString(file, version(v));
    Cli.run("ingest", file.toString(), "--store", store.toString(), "-q").ok();
    return Cli.run("snapshot", "--layer", "--store", store.toString(), "-q").ok().out().strip();
  }

  private String publish(Path store, int v) throws IOException {
    Path file = dir.resolve("v" + v + ".jsonl");
    Files.writeString(file, version(v));
    Cli.run("ingest", file.toString(), "--store", store.toString(), "-q").ok();
    return Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
  }
}
