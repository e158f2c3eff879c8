package io.graphsnap.cli.serve;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The answers of costly whole-graph questions about the snapshot being served, kept for the next asker, by
 * {@code graphsnap serve} ({@link ApiServer}, warmed ahead by {@link AnswerWarmer}) and {@code graphsnap mcp}
 * alike: PageRank, cycles, the degree distribution and a symbol's effects depend on nothing but the snapshot and
 * the question's arguments, and on a million symbols take seconds (PageRank over 10 M edges about 10 s on a
 * loaded 2-core machine), while the explorer asks the same ones on every visit and an agent session again and
 * again.
 *
 * <p>Keyed by {@link #key}: the command and its arguments as a command line (the same question spelt with its
 * parameters in another order is computed again). Answers are kept only about the snapshot that is current (the
 * {@code currentId} supplier, {@link LiveSnapshot#currentId}); all are dropped when another one becomes current,
 * so an answer is only ever served with the snapshot id it was computed on, and a request still answering from a
 * replaced snapshot computes without keeping. At most {@link #CAPACITY} answers, least recently used dropped
 * first, and only answers of at most {@link #MAX_ITEMS} list items (a {@code pagerank --top 1000000} is not
 * kept): bounded memory.
 *
 * <p>One computation per question: {@link #claim} makes the first asker the computer and the others wait for its
 * answer instead of computing the same thing at the same time (the warmer's PageRank and the first visitor's).
 *
 * <p>Thread-safe: the map operations are synchronized; answers are computed and awaited outside the lock.
 */
public final class AnswerMemo {
  /** The commands whose answers are kept: functions of the snapshot and the parameters only. */
  public static final Set<String> COMMANDS = Set.of("pagerank", "cycles", "degrees", "effects");
  static final int CAPACITY = 64;
  static final int MAX_ITEMS = 1000;

  private final Supplier<String> currentId;
  private String snapshotId;
  private final Map<String, Object> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > CAPACITY;
    }
  };
  /** Questions being computed, by snapshot id and key; their futures end with the answer, or null on failure. */
  private final Map<String, CompletableFuture<Object>> inFlight = new HashMap<>();

  /** A memo keeping answers about the snapshot {@code currentId} names (null: none yet). */
  public AnswerMemo(Supplier<String> currentId) {
    this.currentId = Objects.requireNonNull(currentId, "currentId");
  }

  /** Whether answers of {@code command} are kept. */
  public static boolean keeps(String command) {
    return COMMANDS.contains(command);
  }

  /** The key of {@code command} asked with {@code args} (its command line after the command's name). */
  public static String key(String command, List<String> args) {
    return command + '\0' + String.join("\0", args);
  }

  /**
   * A question asked on snapshot {@code id}: either its kept answer ({@link Claim#kept} not null; waiting for it
   * if another thread is computing it now), or the right and duty to compute it: the caller computes and then
   * calls {@link Claim#settle} (in a {@code finally}: waiters wait until it does).
   */
  public Claim claim(String id, String key) {
    while (true) {
      CompletableFuture<Object> running;
      CompletableFuture<Object> mine = null;
      synchronized (this) {
        Object kept = keptAnswer(id, key);
        if (kept != null) {
          return new Claim(this, id, key, kept, null);
        }
        running = inFlight.get(flightKey(id, key));
        if (running == null) {
          mine = new CompletableFuture<>();
          inFlight.put(flightKey(id, key), mine);
        }
      }
      if (mine != null) {
        return new Claim(this, id, key, null, mine);
      }
      try {
        Object answer = running.get();
        if (answer != null) {
          return new Claim(this, id, key, answer, null);
        }
        // the computer failed (or was refused): try again, maybe computing it ourselves
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Claim(this, id, key, null, null); // compute without keeping
      } catch (ExecutionException e) {
        // cannot happen (futures end normally); compute it
      }
    }
  }

  /**
   * Like {@link #claim} without waiting: null when the answer is kept or being computed (the warmer skips such
   * questions), else a claim the caller must settle.
   */
  synchronized Claim tryClaim(String id, String key) {
    if (keptAnswer(id, key) != null || inFlight.containsKey(flightKey(id, key))) {
      return null;
    }
    CompletableFuture<Object> mine = new CompletableFuture<>();
    inFlight.put(flightKey(id, key), mine);
    return new Claim(this, id, key, null, mine);
  }

  /** The kept answer of {@code key} on snapshot {@code id}, or null. */
  synchronized Object get(String id, String key) {
    return keptAnswer(id, key);
  }

  /** The number of answers kept now. */
  public synchronized int size() {
    return answers.size();
  }

  private Object keptAnswer(String id, String key) {
    String current = currentId.get();
    if (current != null && !current.equals(snapshotId)) {
      answers.clear(); // another snapshot is served now: the kept answers are never served again
      snapshotId = current;
    }
    return id.equals(snapshotId) ? answers.get(key) : null;
  }

  private static String flightKey(String id, String key) {
    return id + '\n' + key;
  }

  private void settle(String id, String key, Object answer, CompletableFuture<Object> flight) {
    synchronized (this) {
      if (flight != null) {
        inFlight.remove(flightKey(id, key), flight);
      }
      String current = currentId.get();
      boolean small = !(answer instanceof List<?> list) || list.size() <= MAX_ITEMS;
      if (answer != null && small && id.equals(current)) {
        if (!id.equals(snapshotId)) {
          answers.clear();
          snapshotId = id;
        }
        answers.put(key, answer);
      } else if (current != null && !current.equals(snapshotId)) {
        answers.clear(); // answers about a replaced snapshot are never served again: free them
        snapshotId = current;
      }
    }
    if (flight != null) {
      flight.complete(answer);
    }
  }

  /**
   * One asker's hold on a question (see {@link #claim}). Not thread-safe: it belongs to the thread that claimed.
   */
  public static final class Claim {
    private final AnswerMemo memo;
    private final String id;
    private final String key;
    private final Object kept;
    private final CompletableFuture<Object> flight;
    private boolean settled;

    private Claim(AnswerMemo memo, String id, String key, Object kept, CompletableFuture<Object> flight) {
      this.memo = memo;
      this.id = id;
      this.key = key;
      this.kept = kept;
      this.flight = flight;
    }

    /** The kept answer (computed earlier, or by the thread this one waited for), or null: compute it. */
    public Object kept() {
      return kept;
    }

    /**
     * Ends the computation: keeps {@code answer} (null: it failed; waiters then compute it themselves) and hands
     * it to the waiters. Does nothing for a claim that found the answer kept, or the second time.
     */
    public void settle(Object answer) {
      if (kept != null || settled) {
        return;
      }
      settled = true;
      memo.settle(id, key, answer, flight);
    }
  }
}
