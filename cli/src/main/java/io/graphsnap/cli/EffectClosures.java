package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.EffectClosure;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The effect closure of each open snapshot, computed once and shared: {@code effects NAME} needs the whole
 * graph's closure (strongly connected components and one pass over the condensation: seconds on a million
 * symbols) and then only one witness search per inherited effect, so a server or MCP session that asks about
 * many symbols, or the server's {@code AnswerWarmer} ahead of the first visitor, pays the closure once per
 * snapshot. Two threads asking for the same snapshot's closure at once compute it once (the second waits).
 *
 * <p>Memory: one closure per snapshot that is still reachable (about 12 bytes per node plus 8 bytes per strongly
 * connected component for up to 64 effects: some 20 MB on a million symbols). The map holds snapshots weakly (a
 * closure does not refer to its snapshot object, only to the mapped memory), so a snapshot's closure is
 * collected with it once nothing (no lease of the server) holds the snapshot any more. A closure
 * reads its snapshot's mapped memory: it is only handed out for an open snapshot, and must not be used after
 * that snapshot is closed.
 *
 * <p>Thread-safe.
 */
public final class EffectClosures {
  private static final Map<GraphSnapshot, FutureTask<EffectClosure>> BY_SNAPSHOT = new WeakHashMap<>();

  private EffectClosures() {}

  /** The closure of {@code g}'s effects over its {@code calls} edges ({@link EffectClosure#of}), computed once. */
  public static EffectClosure of(GraphSnapshot g) {
    return of(g, null);
  }

  /**
   * {@link #of(GraphSnapshot)}, calling {@code checkpoint} (null: none) now and then while this thread computes it
   * ({@link EffectClosure#of(GraphSnapshot, Runnable)}): blocking there pauses the computation (others asking for it
   * meanwhile wait), throwing abandons it: nothing is kept, the exception reaches this caller, and anyone who was
   * waiting for the result computes it instead. Another thread that happens to run the computation takes no
   * checkpoints.
   */
  public static EffectClosure of(GraphSnapshot g, Runnable checkpoint) {
    while (true) {
      FutureTask<EffectClosure> task;
      Thread asker = Thread.currentThread();
      synchronized (BY_SNAPSHOT) {
        task = BY_SNAPSHOT.computeIfAbsent(g, s -> new FutureTask<>(() -> EffectClosure.of(s,
            checkpoint == null ? null : () -> {
              if (Thread.currentThread() == asker) {
                try {
                  checkpoint.run();
                } catch (RuntimeException e) {
                  throw new Abandoned(asker, e);
                }
              }
            })));
      }
      task.run(); // computes in this thread, unless another has (then returns at once)
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return EffectClosure.of(g);
      } catch (ExecutionException e) {
        synchronized (BY_SNAPSHOT) {
          BY_SNAPSHOT.remove(g, task); // not kept: the next asker tries again and gets the error itself
        }
        if (e.getCause() instanceof Abandoned abandoned) {
          if (abandoned.asker == asker) {
            throw abandoned.reason;
          }
          continue; // another asker gave up on it: compute it here
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** What a checkpoint threw, and whose it was. */
  private static final class Abandoned extends RuntimeException {
    final transient Thread asker;
    final RuntimeException reason;

    Abandoned(Thread asker, RuntimeException reason) {
      super(null, reason, false, false);
      this.asker = asker;
      this.reason = reason;
    }
  }

  /** Whether {@code g}'s closure is computed (tests, the warmer's log). */
  public static boolean isKept(GraphSnapshot g) {
    synchronized (BY_SNAPSHOT) {
      FutureTask<EffectClosure> task = BY_SNAPSHOT.get(g);
      return task != null && task.isDone();
    }
  }
}
