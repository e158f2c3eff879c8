package io.graphsnap.cli.serve;

import io.graphsnap.cli.EffectClosures;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.SnapshotAnswer;
import io.graphsnap.cli.watch.BuildActivity;
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
 * queued behind it; it takes none of the server's expensive-request slots).
 *
 * <p>It never competes with a watch in the same process ({@link BuildActivity}): it starts on a snapshot only once
 * no build is running or pending and none has been for the quiet time, and once the snapshot the watch published
 * last is the one served (or a few seconds have passed). Between its steps, and between PageRank's iterations, it
 * {@linkplain #checkpoint checks}: a change seen or a build started pauses it there until the watch is quiet again;
 * a snapshot that is no longer the one served (superseded) is abandoned at once, and the warmer starts on the new
 * one. The components behind cycles and the effect closure take checkpoints too (every 65,536 nodes), so a save
 * waits for at most a fraction of a second of warming.
 *
 * <p>Memory: what the memo and {@link EffectClosures} keep. Thread-safe; {@link #close} stops it.
 */
final class AnswerWarmer implements AutoCloseable {
  /**
   * The questions the explorer's pages ask, exactly as they ask them (explorer/src/main/web/pages.js, the
   * overview), in the order they are warmed: cheapest first.
   */
  static final List<String> EXPLORER_QUESTIONS = List.of("degrees", "cycles?limit=10&members=12",
      "pagerank?top=50&no-external=true");
  /** How long after a watch's build the warmer waits for the server to serve what it published. */
  static final long PUBLISH_WAIT_MILLIS = 3_000;

  private final LiveSnapshot live;
  private final AnswerMemo memo;
  private final Consumer<String> log;
  private final BuildActivity activity;
  private final long quietMillis;
  private final List<Step> steps;
  private final ForkJoinPool pool;
  private final Object signal = new Object();
  private volatile boolean closed;
  /** The last snapshot the warmer finished with (warmed or abandoned); guarded by {@link #signal}. */
  private String doneId;
  private boolean busy;
  /** How many times a warm-up paused for a build (tests, the log). */
  private final java.util.concurrent.atomic.AtomicLong pauses = new java.util.concurrent.atomic.AtomicLong();

  private AnswerWarmer(LiveSnapshot live, AnswerMemo memo, Consumer<String> log, BuildActivity activity,
      long quietMillis, List<Step> steps) {
    this.live = live;
    this.memo = memo;
    this.log = log;
    this.activity = activity;
    this.quietMillis = activity == BuildActivity.NONE ? 0 : quietMillis;
    this.steps = steps == null ? explorerSteps() : steps;
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
    return start(live, memo, log, BuildActivity.NONE, 0, null);
  }

  /**
   * Starts warming, giving way to {@code activity}'s builds: a warm-up starts once it has been quiet for
   * {@code quietMillis}. {@code steps} null: the explorer's questions; else these (tests).
   */
  static AnswerWarmer start(LiveSnapshot live, AnswerMemo memo, Consumer<String> log, BuildActivity activity,
      long quietMillis, List<Step> steps) {
    AnswerWarmer warmer = new AnswerWarmer(live, memo, log, activity, quietMillis, steps);
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
      String done;
      try {
        awaitQuiet();
        done = warm();
      } catch (InterruptedException e) {
        return;
      }
      synchronized (signal) {
        doneId = done;
      }
    }
  }

  /**
   * Waits until the watch (if any) is quiet, and then until the snapshot it published last is served (or
   * {@value #PUBLISH_WAIT_MILLIS} ms passed: another writer may have published after it).
   */
  private void awaitQuiet() throws InterruptedException {
    if (activity == BuildActivity.NONE) {
      return;
    }
    while (!closed && !activity.awaitQuiet(quietMillis, 1_000)) {
      // a long build: look at closed now and then
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUBLISH_WAIT_MILLIS);
    String published = activity.lastPublished();
    while (!closed && published != null && !published.equals(live.currentId()) && System.nanoTime() < deadline
        && !activity.busy()) {
      synchronized (signal) {
        signal.wait(20); // woken by the publish
      }
    }
  }

  /** Thrown by {@link #checkpoint} to abandon a warm-up whose snapshot is no longer served. */
  private static final class Superseded extends RuntimeException {
    Superseded() {
      super(null, null, false, false);
    }
  }

  /**
   * Called between steps and inside long ones (PageRank's iterations, every 65,536 nodes of the components): pauses while the watch is busy, and abandons
   * the warm-up ({@link Superseded}) if {@code id} is no longer the snapshot served or the warmer is closed.
   */
  private void checkpoint(String id) {
    if (closed || !id.equals(live.currentId())) {
      throw new Superseded();
    }
    if (activity.busy()) {
      pauses.incrementAndGet();
      try {
        awaitQuiet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Superseded();
      }
      if (closed || !id.equals(live.currentId())) {
        throw new Superseded();
      }
    }
  }

  /** How many times a warm-up paused for a watch's build (tests). */
  long pauses() {
    return pauses.get();
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
      if (lease.isLayered()) { // a base + delta answers no whole-graph question: warm the whole snapshot that follows
        return id;
      }
      long start = System.nanoTime();
      List<String> timings = new ArrayList<>();
      Runnable checkpoint = () -> checkpoint(id);
      for (Step step : steps) {
        long t0 = System.nanoTime();
        try {
          checkpoint.run();
          if (step.run(lease.snapshot(), id, checkpoint)) {
            timings.add(step.label() + " " + seconds(System.nanoTime() - t0));
          }
        } catch (Superseded e) {
          log.accept("stopped warming snapshot " + id + " (" + (closed ? "closed" : "a newer one is served") + ")");
          return id;
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

  /**
   * One thing to compute ahead; {@link Warm#run} returns false when there was nothing to do (already known). It
   * may call the checkpoint now and then, which may block (a build runs) or throw (the snapshot was superseded).
   */
  record Step(String label, Warm warm) {
    boolean run(GraphSnapshot g, String id, Runnable checkpoint) {
      return warm.run(g, id, checkpoint);
    }
  }

  interface Warm {
    boolean run(GraphSnapshot g, String id, Runnable checkpoint);
  }

  private List<Step> explorerSteps() {
    List<Step> steps = new ArrayList<>();
    List<String> questions = EXPLORER_QUESTIONS;
    steps.add(new Step("degrees", (g, id, c) -> keep(g, id, questions.get(0), c)));
    steps.add(new Step("cycles", (g, id, c) -> keep(g, id, questions.get(1), c)));
    steps.add(new Step("effect closure", (g, id, c) -> {
      boolean had = EffectClosures.isKept(g);
      EffectClosures.of(g, c);
      return !had;
    }));
    steps.add(new Step("pagerank", (g, id, c) -> keep(g, id, questions.get(2), c)));
    return steps;
  }

  /** Computes and keeps the answer of an explorer question, unless it is kept or being computed already. */
  private boolean keep(GraphSnapshot g, String id, String pathAndQuery, Runnable checkpoint) {
    Parsed q = parse(pathAndQuery);
    AnswerMemo.Claim claim = memo.tryClaim(id, q.key());
    if (claim == null) {
      return false;
    }
    Object answer = null;
    try {
      answer = q.question().answer(g, checkpoint);
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
