package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.EffectClosures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
