package io.graphsnap.cli.serve;

import io.graphsnap.cli.EffectClosures;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.SnapshotAnswer;
import io.graphsnap.reader.GraphSnapshot;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Computes the whole-graph answers the web explorer asks for as soon as a snapshot is served, before anyone asks:
 * the overview's degree distribution, largest cycles and PageRank top 50, and the effect closure every symbol
 * page's effects are read from. On a million symbols these take
 * seconds each (PageRank over 10 M edges about 11 s, the effect closure about 6 s on a loaded 2-core machine); done
 * ahead, the first visitor finds them in the {@link AnswerMemo} (a visitor who asks while one is being computed
 * waits for that computation instead of starting another).
 *
 * <p>Low priority and bounded: one daemon thread, one question at a time, in a {@link ForkJoinPool} of parallelism
 * 1, so the analyses' parallel loops use one core and the request threads keep the others (point queries are not
 * queued behind it; it takes none of the server's expensive-request slots). When a newer snapshot is published,
 * the warmer abandons the old one at the next question (a question already running finishes first: the analyses
 * cannot be stopped half way) and starts on the new one. Memory: what the memo and {@link EffectClosures} keep.
 *
 * <p>Thread-safe; {@link #close} stops it.
 */
final class AnswerWarmer implements AutoCloseable {
  /**
   * The questions the explorer's pages ask, exactly as they ask them (explorer/src/main/web/pages.js, the
   * overview), in the order they are warmed: cheapest first.
   */
  static final List<String> EXPLORER_QUESTIONS = List.of("degrees", "cycles?limit=10&members=12",
      "pagerank?top=50&no-external=true");

  private final LiveSnapshot live;
  private final AnswerMemo memo;
  private final Consumer<String> log;
  private final ForkJoinPool pool;
  private final Object signal = new Object();
  private volatile boolean closed;
  /** The last snapshot the warmer finished with (warmed or abandoned); guarded by {@link #signal}. */
  private String doneId;
  private boolean busy;

  private AnswerWarmer(LiveSnapshot live, AnswerMemo memo, Consumer<String> log) {
    this.live = live;
    this.memo = memo;
    this.log = log;
    this.pool = new ForkJoinPool(1, p -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setName("graphsnap-warmer");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY); // a hint only: Linux ignores Java priorities without extra flags
      return t;
    }, null, false);
  }

  /** Starts warming {@code live}'s snapshots into {@code memo}: the current one now, each new one on publish. */
  static AnswerWarmer start(LiveSnapshot live, AnswerMemo memo, Consumer<String> log) {
    AnswerWarmer warmer = new AnswerWarmer(live, memo, log);
    live.onPublish(warmer::wake);
    warmer.pool.execute(warmer::run);
    return warmer;
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void run() {
    while (!closed) {
      String id;
      synchronized (signal) {
        id = live.currentId();
        if (id == null || id.equals(doneId)) {
          busy = false;
          signal.notifyAll();
          try {
            signal.wait(1_000); // woken by a publish; the timeout only guards against a lost wake-up
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        busy = true;
      }
      String done = warm();
      synchronized (signal) {
        doneId = done;
      }
    }
  }

  /**
   * Warms the current snapshot; returns its id (also when abandoned for a newer one). No name search: one that
   * matches most names ranks them all (40 s on a million symbols), and the first search's cost is only paging in.
   */
  private String warm() {
    try (SnapshotLease lease = live.acquire()) {
      if (lease == null) {
        return null;
      }
      String id = lease.id();
      long start = System.nanoTime();
      List<String> timings = new ArrayList<>();
      for (Step step : steps()) {
        if (closed || !id.equals(live.currentId())) {
          log.accept("stopped warming snapshot " + id + " (a newer one is served)");
          return id;
        }
        long t0 = System.nanoTime();
        try {
          if (step.run(lease.snapshot(), id)) {
            timings.add(step.label() + " " + seconds(System.nanoTime() - t0));
          }
        } catch (RuntimeException | OutOfMemoryError e) {
          if (!closed) {
            log.accept("could not compute " + step.label() + " ahead for snapshot " + id + ": " + e.getMessage());
          }
        }
      }
      if (!timings.isEmpty()) {
        log.accept("answers ready for snapshot " + id + " in " + seconds(System.nanoTime() - start) + " ("
            + String.join(", ", timings) + ")");
      }
      return id;
    }
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** One thing to compute ahead; {@link #run} returns false when there was nothing to do (already known). */
  private record Step(String label, Warm warm) {
    boolean run(GraphSnapshot g, String id) {
      return warm.run(g, id);
    }
  }

  private interface Warm {
    boolean run(GraphSnapshot g, String id);
  }

  private List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    List<String> questions = EXPLORER_QUESTIONS;
    steps.add(new Step("degrees", (g, id) -> keep(g, id, questions.get(0))));
    steps.add(new Step("cycles", (g, id) -> keep(g, id, questions.get(1))));
    steps.add(new Step("effect closure", (g, id) -> {
      boolean had = EffectClosures.isKept(g);
      EffectClosures.of(g);
      return !had;
    }));
    steps.add(new Step("pagerank", (g, id) -> keep(g, id, questions.get(2))));
    return steps;
  }

  /** Computes and keeps the answer of an explorer question, unless it is kept or being computed already. */
  private boolean keep(GraphSnapshot g, String id, String pathAndQuery) {
    Parsed q = parse(pathAndQuery);
    AnswerMemo.Claim claim = memo.tryClaim(id, q.key());
    if (claim == null) {
      return false;
    }
    Object answer = null;
    try {
      answer = q.question().answer(g);
    } finally {
      claim.settle(answer);
    }
    return true;
  }

  private record Parsed(String key, SnapshotAnswer question) {}

  /**
   * {@code ENDPOINT?QUERY} as the server parses it: the same {@link ApiRequest} arguments, so the same memo key
   * as the explorer's request.
   */
  static Parsed parse(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String name = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Endpoint endpoint = Endpoint.ALL.get(name);
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    CommandLine root = GraphsnapCommand.newCommandLine(discard, discard, new String[] {endpoint.command()});
    CommandLine sub = root.getSubcommands().get(endpoint.command());
    ApiRequest.Arguments arguments = ApiRequest.arguments(endpoint, sub.getCommandSpec(), q < 0 ? null : pathAndQuery.substring(q + 1));
    List<String> args = new ArrayList<>(arguments.all());
    args.addFirst(endpoint.command());
    root.parseArgs(args.toArray(String[]::new));
    return new Parsed(AnswerMemo.key(endpoint.command(), arguments.all()), (SnapshotAnswer) sub.getCommand());
  }

  /** The key under which the server keeps the answer of {@code pathAndQuery} (tests). */
  static String keyOf(String pathAndQuery) {
    return parse(pathAndQuery).key();
  }

  /**
   * Waits until the warmer has finished with the snapshot served now (tests, measurements); false on timeout.
   */
  boolean awaitWarmed(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (signal) {
      while (true) {
        String id = live.currentId();
        if (id == null || (!busy && id.equals(doneId))) {
          return true;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        signal.wait(Math.min(left, 100));
      }
    }
  }

  /** Stops warming; a question being computed finishes in the background (its thread is a daemon). */
  @Override
  public void close() {
    closed = true;
    wake();
    pool.shutdownNow();
  }
}
