package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.EffectClosures;
import io.graphsnap.cli.watch.BuildActivity;
import io.graphsnap.reader.GraphSnapshot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AnswerWarmer}: the whole-graph answers the explorer asks are computed as soon as a snapshot is served, so
 * that the first visitor's requests are memo hits, equal to what the command line prints; a newly published
 * snapshot is warmed in its turn.
 */
class AnswerWarmerTest {
  @TempDir Path dir;

  /** The command line of an explorer question ("pagerank?top=50&no-external=true" → pagerank --top 50 --no-external). */
  private static List<String> commandLine(String question, Path store) {
    int q = question.indexOf('?');
    List<String> args = new ArrayList<>(List.of(q < 0 ? question : question.substring(0, q)));
    if (q >= 0) {
      for (String pair : question.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        args.add("--" + kv[0]);
        if (!kv[1].equals("true")) {
          args.add(kv[1]);
        }
      }
    }
    args.addAll(List.of("--store", store.toString(), "--json"));
    return args;
  }

  private static void assertWarm(ApiServer s, Path store, String snapshot) {
    for (String question : AnswerWarmer.EXPLORER_QUESTIONS) {
      HttpResponse<String> r = Http.get(s.port(), "/api/" + question);
      assertEquals(200, r.statusCode(), question + ": " + r.body());
      assertEquals("hit", r.headers().firstValue("Graphsnap-Memo").orElse(null), question + " was computed ahead");
      assertEquals(snapshot, r.headers().firstValue("Graphsnap-Snapshot").orElse(null), question);
      assertEquals(Cli.run(commandLine(question, store).toArray(String[]::new)).ok().out().strip(), r.body().strip(),
          question + " answers what the command line prints");
    }
    try (SnapshotLease lease = s.live().acquire()) {
      assertEquals(snapshot, lease.id());
      assertTrue(EffectClosures.isKept(lease.snapshot()), "the effect closure is computed ahead");
    }
  }

  @Test
  void theExplorersWholeGraphQuestionsAreAnsweredBeforeAnyoneAsks() throws Exception {
    Path store = dir.resolve("store");
    Cli.run("ingest", ApiServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    String first = Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (ApiServer s = ApiServer.start(ServerOptions.loopback(store, log::add))) {
      assertTrue(s.awaitWarmed(60_000), "warmed within a minute: " + log);
      assertWarm(s, store, first);
      assertTrue(log.stream().anyMatch(l -> l.startsWith("answers ready for snapshot " + first)), log.toString());
      // a symbol page's effects: not kept before it is asked, but answered from the kept closure
      HttpResponse<String> effects = Http.get(s.port(), "/api/effects?name=auth.login");
      assertFalse(effects.headers().firstValue("Graphsnap-Memo").isPresent());
      assertEquals(Cli.run("effects", "auth.login", "--store", store.toString(), "--json").ok().out().strip(), effects.body().strip());

      // a new build: warmed in its turn, the old answers are not served for it
      Path smaller = dir.resolve("smaller.jsonl");
      Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
      Cli.run("ingest", smaller.toString(), "--store", store.toString(), "-q").ok();
      String second = Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
      assertNotEquals(first, second);
      s.checkHead();
      assertTrue(s.awaitWarmed(60_000), "the new snapshot warmed: " + log);
      assertWarm(s, store, second);
    }
  }

  /**
   * With a watch building in the same process, the warmer waits: nothing is computed for a snapshot while a build
   * runs, and a snapshot superseded meanwhile is never warmed; the one published last is, with correct answers.
   */
  @Test
  void waitsWhileAWatchBuildsAndSkipsASupersededSnapshot() throws Exception {
    Path store = dir.resolve("store");
    Cli.run("ingest", ApiServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    String first = Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    BuildActivity activity = new BuildActivity();
    activity.buildStarted(); // a watch is building when the server starts
    try (ApiServer s = ApiServer.start(ServerOptions.loopback(store, log::add), activity)) {
      assertFalse(s.awaitWarmed(2_000), "nothing is warmed while a build runs: " + log);
      try (SnapshotLease lease = s.live().acquire()) {
        assertEquals(first, lease.id());
        assertFalse(EffectClosures.isKept(lease.snapshot()), "the effect closure waits for the build");
      }
      Path smaller = dir.resolve("smaller.jsonl");
      Files.writeString(smaller, "{\"path\": \"src/notify/email.cov\", \"deleted\": true}\n");
      Cli.run("ingest", smaller.toString(), "--store", store.toString(), "-q").ok();
      String second = Cli.run("snapshot", "--store", store.toString(), "-q").ok().out().strip();
      s.checkHead();
      activity.buildFinished(second);
      assertTrue(s.awaitWarmed(60_000), "warmed once the build ended: " + log);
      assertWarm(s, store, second);
      assertFalse(log.stream().anyMatch(l -> l.startsWith("answers ready for snapshot " + first)),
          "the superseded snapshot was not warmed: " + log);
    }
  }

  /**
   * A warm-up under way pauses at its next checkpoint when a save arrives, and is dropped when the build publishes
   * a newer snapshot; the newer one is warmed.
   */
  @Test
  void aWarmUpPausesForASaveAndIsDroppedWhenSuperseded() throws Exception {
    Path store = dir.resolve("store");
    Cli.run("ingest", ApiServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "-q").ok();
    Path file = io.graphsnap.objects.SnapshotRefs.resolve(store, "HEAD").file();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    AtomicLong spins = new AtomicLong();
    AnswerWarmer.Step spin = new AnswerWarmer.Step("spin", (g, id, checkpoint) -> {
      for (int i = 0; i < (id.equals("first") ? Integer.MAX_VALUE : 20); i++) {
        checkpoint.run();
        spins.incrementAndGet();
        LockSupport.parkNanos(1_000_000);
      }
      finished.add(id);
      return true;
    });
    BuildActivity activity = new BuildActivity();
    try (LiveSnapshot live = new LiveSnapshot()) {
      live.publish("first", GraphSnapshot.open(file));
      try (AnswerWarmer warmer = AnswerWarmer.start(live, new AnswerMemo(live::currentId), log::add, activity, 0,
          List.of(spin))) {
        awaitTrue(() -> spins.get() > 20, "the warm-up of first is under way");
        activity.changeSeen(); // a save
        Thread.sleep(200);
        long paused = spins.get();
        Thread.sleep(500);
        assertEquals(paused, spins.get(), "no progress while a change is pending");
        assertTrue(warmer.pauses() >= 1);
        activity.buildStarted();
        live.publish("second", GraphSnapshot.open(file));
        activity.buildFinished("second");
        assertTrue(warmer.awaitWarmed(30_000), log.toString());
        assertEquals(List.of("second"), finished, "first was abandoned, second warmed");
        assertTrue(log.contains("stopped warming snapshot first (a newer one is served)"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("answers ready for snapshot second")), log.toString());
      }
    }
  }

  /**
   * The effect closure abandoned at a checkpoint by the thread computing it (the warmer) is not kept, the warmer gets
   * its checkpoint's exception, and a visitor who was waiting for it computes it instead of failing.
   */
  @Test
  void aVisitorWaitingForAnAbandonedClosureComputesItItself() throws Exception {
    Path store = dir.resolve("store");
    Cli.run("ingest", ApiServerTest.EXAMPLE.toString(), "--store", store.toString(), "-q").ok();
    Cli.run("snapshot", "--store", store.toString(), "-q").ok();
    Path file = io.graphsnap.objects.SnapshotRefs.resolve(store, "HEAD").file();
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      java.util.concurrent.CountDownLatch inCheckpoint = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      RuntimeException superseded = new RuntimeException("superseded");
      java.util.concurrent.atomic.AtomicReference<Throwable> warmerGot = new java.util.concurrent.atomic.AtomicReference<>();
      Thread warmer = Thread.ofPlatform().start(() -> {
        try {
          EffectClosures.of(g, () -> {
            inCheckpoint.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw superseded;
          });
        } catch (Throwable t) {
          warmerGot.set(t);
        }
      });
      assertTrue(inCheckpoint.await(30, java.util.concurrent.TimeUnit.SECONDS));
      java.util.concurrent.atomic.AtomicReference<Object> visitorGot = new java.util.concurrent.atomic.AtomicReference<>();
      Thread visitor = Thread.ofPlatform().start(() -> {
        try {
          visitorGot.set(EffectClosures.of(g));
        } catch (Throwable t) {
          visitorGot.set(t);
        }
      });
      Thread.sleep(200); // the visitor now waits for the warmer's computation
      assertFalse(EffectClosures.isKept(g), "paused: not computed yet");
      release.countDown();
      warmer.join(30_000);
      visitor.join(30_000);
      assertTrue(warmerGot.get() == superseded, "the warmer gets its checkpoint's exception: " + warmerGot.get());
      assertTrue(visitorGot.get() instanceof io.graphsnap.reader.analysis.EffectClosure,
          "the visitor computed the closure: " + visitorGot.get());
      assertTrue(EffectClosures.isKept(g), "the visitor's closure is kept");
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void theWarmersKeysAreTheServersKeysForTheSameRequest() {
    // the server keys a request by its parsed arguments: the explorer's URL and the warmer's question meet
    assertEquals(AnswerMemo.key("pagerank", List.of("--top", "50", "--no-external", "--")),
        AnswerWarmer.keyOf("pagerank?top=50&no-external=true"));
    assertEquals(AnswerMemo.key("degrees", List.of("--")), AnswerWarmer.keyOf("degrees"));
    assertTrue(AnswerWarmer.EXPLORER_QUESTIONS.stream().allMatch(q -> AnswerMemo.keeps(q.replaceFirst("\\?.*", ""))),
        "every warmed question is one the memo keeps");
  }
}
