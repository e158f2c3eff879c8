package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link AnswerMemo}: kept per current snapshot, bounded, one computation per question. */
class AnswerMemoTest {
  private final AtomicReference<String> current = new AtomicReference<>("A");
  private final AnswerMemo memo = new AnswerMemo(current::get);

  /** Asks as the server does: the kept answer, or computes it (counting computations) and settles. */
  private Object ask(String id, String key, AtomicInteger computed, Object answer) {
    AnswerMemo.Claim claim = memo.claim(id, key);
    if (claim.kept() != null) {
      return claim.kept();
    }
    computed.incrementAndGet();
    claim.settle(answer);
    return answer;
  }

  @Test
  void keptForTheCurrentSnapshotOnly() {
    AtomicInteger computed = new AtomicInteger();
    String key = AnswerMemo.key("pagerank", List.of("--top", "50", "--"));
    Object first = ask("A", key, computed, List.of("x"));
    assertSame(first, ask("A", key, computed, List.of("y")), "the second asker gets the kept answer");
    assertEquals(1, computed.get());
    assertNull(memo.get("B", key), "never served for another snapshot");

    current.set("B"); // a hot swap
    ask("A", key, computed, List.of("old")); // a request still answering from the replaced snapshot
    assertEquals(0, memo.size(), "answers about a replaced snapshot are dropped, not kept");
    Object onB = ask("B", key, computed, List.of("z"));
    assertSame(onB, ask("B", key, computed, List.of("w")));
    assertEquals(3, computed.get());
    assertEquals(1, memo.size());
  }

  @Test
  void boundedInItemsAndEntries() {
    AtomicInteger computed = new AtomicInteger();
    List<Integer> big = Collections.nCopies(AnswerMemo.MAX_ITEMS + 1, 1);
    ask("A", "big", computed, big);
    ask("A", "big", computed, big);
    assertEquals(2, computed.get(), "a list longer than MAX_ITEMS is not kept");
    for (int i = 0; i < AnswerMemo.CAPACITY + 10; i++) {
      ask("A", "k" + i, computed, "v" + i);
    }
    assertEquals(AnswerMemo.CAPACITY, memo.size());
    assertNull(memo.get("A", "k0"), "least recently used dropped first");
    assertNotNull(memo.get("A", "k" + (AnswerMemo.CAPACITY + 9)));
  }

  @Test
  void askersOfAQuestionBeingComputedWaitForThatComputation() throws Exception {
    AnswerMemo.Claim mine = memo.claim("A", "q");
    assertNull(mine.kept(), "the first asker computes");
    assertNull(memo.tryClaim("A", "q"), "the warmer skips a question being computed");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch asked = new CountDownLatch(4);
      List<Future<Object>> waiting = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        waiting.add(pool.submit(() -> {
          asked.countDown();
          return memo.claim("A", "q").kept();
        }));
      }
      assertTrue(asked.await(10, TimeUnit.SECONDS));
      Thread.sleep(100);
      for (Future<Object> f : waiting) {
        assertTrue(!f.isDone(), "waits while the first asker computes");
      }
      Object answer = List.of("ranked");
      mine.settle(answer);
      for (Future<Object> f : waiting) {
        assertSame(answer, f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedComputationLetsTheWaiterComputeItself() throws Exception {
    AnswerMemo.Claim mine = memo.claim("A", "q");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<AnswerMemo.Claim> waiter = pool.submit(() -> memo.claim("A", "q"));
      Thread.sleep(100);
      mine.settle(null); // the first asker failed (an error, a 429)
      AnswerMemo.Claim second = waiter.get(10, TimeUnit.SECONDS);
      assertNull(second.kept(), "nothing kept: the waiter computes");
      second.settle("done");
      assertEquals("done", memo.get("A", "q"));
    } finally {
      pool.shutdownNow();
    }
  }
}
