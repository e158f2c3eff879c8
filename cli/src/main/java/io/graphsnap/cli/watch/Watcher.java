package io.graphsnap.cli.watch;

import io.graphsnap.builder.BuildMode;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.cli.BuildMemory;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.IngestMemory;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps a store's published snapshot following a source tree or a JSON Lines file: builds once at start, then
 * after every debounced batch of changes ({@link TreeWatcher}) runs the same incremental path the command line
 * does ({@code graphsnap build PATH}: only files whose source hash changed are extracted again, unchanged loose
 * objects and declarations are reused, the snapshot is built incrementally; what a Java build reads from the
 * store's state is kept in a {@link BuildMemory} between builds; for a {@code .jsonl} file,
 * {@code ingest --replace-all} then {@code snapshot}, the lines stored last time kept in an {@link IngestMemory} so
 * that only changed lines are parsed; for a folder of {@code .jsonl} shards ({@code --jsonl DIR}), each changed
 * shard ingested on its own, {@link JsonlShards}) and publishes. See the package documentation for the
 * guarantees. It reports what it does to a {@link BuildActivity} (a change seen, a build running, idle), so that
 * background work in the same process can give way.
 *
 * <p>One daemon thread; {@link #close} stops it (a build in progress completes first).
 */
public final class Watcher implements AutoCloseable {
  private final Path source;
  private final Path store;
  private final long debounceMillis;
  private final Consumer<String> log;
  private final boolean jsonl;
  private final JsonlShards shards; // null unless a folder of shards
  private final BuildActivity activity;
  private final TreeWatcher watcher;
  private final Thread thread;
  private final AtomicLong builds = new AtomicLong();
  private final AtomicLong compactions = new AtomicLong();
  private final BuildMemory memory = new BuildMemory();
  private final IngestMemory lines = new IngestMemory();
  private final LayerPolicy policy;
  private volatile String lastSnapshot;
  private volatile String lastPublished;
  private volatile boolean stopped;

  /**
   * Whether a save is published as a layer (a delta over the last whole snapshot, milliseconds whatever the graph's
   * size; {@code layers/CURRENT}) and folded into a whole snapshot later, or as a whole snapshot at once.
   */
  public enum Layers {
    /** Layers once the whole snapshot is large ({@link LayerPolicy}). */
    AUTO,
    /** Always layers. */
    ALWAYS,
    /** Never: a whole snapshot per batch of changes. */
    NEVER
  }

  /**
   * The {@link Layers} named {@code name} ({@code auto}, {@code always}, {@code never}).
   *
   * @throws IllegalArgumentException naming the choices otherwise
   */
  public static Layers layers(String name) {
    return switch (name) {
      case "auto" -> Layers.AUTO;
      case "always" -> Layers.ALWAYS;
      case "never" -> Layers.NEVER;
      default -> throw new IllegalArgumentException("--layers takes auto, always or never, not '" + name + "'");
    };
  }


  private Watcher(Path source, Path store, long debounceMillis, boolean shardFolder, BuildActivity activity,
      Layers layers, Consumer<String> log) throws IOException {
    this.policy = new LayerPolicy(layers);
    this.source = source;
    this.store = store;
    this.debounceMillis = debounceMillis;
    this.log = log;
    this.activity = activity;
    this.jsonl = isJsonlFile(source);
    this.shards = shardFolder ? new JsonlShards(source, store) : null;
    Path storeAbs = store.toAbsolutePath().normalize();
    if (jsonl) {
      this.watcher = TreeWatcher.file(source);
    } else if (shards != null) {
      Path folder = shards.folder();
      this.watcher = TreeWatcher.tree(folder, p -> JsonlShards.isShardName(folder, p), dir -> !dir.equals(folder));
    } else {
      this.watcher = TreeWatcher.tree(source, Watcher::isJavaSource,
          dir -> dir.equals(storeAbs) || dir.getFileName() != null && dir.getFileName().toString().equals(".git"));
    }
    this.thread = Thread.ofPlatform().daemon().name("graphsnap-watch").unstarted(this::run);
  }

  /**
   * Starts watching {@code source} (a folder of Java sources, or a {@code .jsonl} file) into {@code store}
   * (created if missing): registers the watches, then builds once on the watcher's thread.
   *
   * @throws IllegalArgumentException if {@code source} is neither
   */
  public static Watcher start(Path source, Path store, long debounceMillis, Consumer<String> log) throws IOException {
    return start(source, store, debounceMillis, false, BuildActivity.NONE, log);
  }

  /**
   * Starts watching {@code source} into {@code store}: with {@code jsonl}, a {@code .jsonl} file or a folder of
   * {@code *.jsonl} shards ({@link JsonlShards}); without, a folder of Java sources or a {@code .jsonl} file. Reports
   * into {@code activity}.
   *
   * @throws IllegalArgumentException if {@code source} is none of these
   */
  public static Watcher start(Path source, Path store, long debounceMillis, boolean jsonl, BuildActivity activity,
      Consumer<String> log) throws IOException {
    return start(source, store, debounceMillis, jsonl, activity, Layers.AUTO, log);
  }

  /** {@link #start(Path, Path, long, boolean, BuildActivity, Consumer)} with the given use of {@link Layers}. */
  public static Watcher start(Path source, Path store, long debounceMillis, boolean jsonl, BuildActivity activity,
      Layers layers, Consumer<String> log) throws IOException {
    if (debounceMillis < 0) {
      throw new IllegalArgumentException("--debounce-ms must be >= 0, not " + debounceMillis);
    }
    if (jsonl && !Files.isDirectory(source) && !isJsonlFile(source)) {
      throw new IllegalArgumentException("watch --jsonl: " + source + " is neither a folder of .jsonl shards nor a .jsonl file");
    }
    if (!jsonl && !Files.isDirectory(source) && !isJsonlFile(source)) {
      throw new IllegalArgumentException("watch: " + source + " is neither a folder of Java sources nor a .jsonl file");
    }
    Watcher w = new Watcher(source, store, debounceMillis, jsonl && Files.isDirectory(source), activity, layers, log);
    w.thread.start();
    return w;
  }

  private static boolean isJsonlFile(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
  }

  static boolean isJavaSource(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().endsWith(".java");
  }

  /** How many builds have finished (published or failed), the first included. */
  public long builds() {
    return builds.get();
  }

  /** How many times a layer was folded into a whole snapshot (not counted in {@link #builds()}). */
  public long compactions() {
    return compactions.get();
  }

  /** How many builds used the state kept in memory since the previous one ({@link BuildMemory}). */
  public long residentBuilds() {
    return memory.residentBuilds();
  }

  /** The whole snapshot the last successful build published, or null. */
  public String lastSnapshot() {
    return lastSnapshot;
  }

  /** What the last successful build published: a snapshot id, or {@code <base>+<delta>} for a layer; or null. */
  public String lastPublished() {
    return lastPublished;
  }

  private void run() {
    rebuild(List.of(), false);
    while (!stopped) {
      TreeWatcher.Batch batch;
      try {
        batch = watcher.nextBatch(debounceMillis, activity::changeSeen,
            policy.foldDelayMillis(System.nanoTime(), activity.wholeWanted()), activity::wholeWanted);
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      if (batch == null) { // quiet long enough, the layer is old, or a server waits for a whole snapshot
        compact(policy.foldMayYield(System.nanoTime(), activity.wholeWanted()));
      } else {
        rebuild(new ArrayList<>(batch.changed()), batch.rescan());
      }
    }
  }

  /**
   * Folds the layered head into a whole snapshot (the incremental build from the last whole one, as {@code graphsnap
   * snapshot} does) and publishes it. With {@code mayYield}, a change arriving meanwhile stops the fold between two
   * sections (nothing is published, the temporary file goes) so that the change is published as a layer at once;
   * the fold runs again once quiet.
   */
  private void compact(boolean mayYield) {
    activity.clearWholeWanted();
    long start = System.nanoTime();
    activity.buildStarted();
    String published = null;
    String failure = null;
    Thread me = Thread.currentThread();
    BuildProgress yielding = !mayYield ? BuildProgress.NONE : new BuildProgress() {
      @Override
      public void phase(String name) {
        check();
      }

      @Override
      public void advance(long done, long total) {
        check();
      }

      private void check() {
        if (Thread.currentThread() == me && watcher.changePending()) {
          throw new FoldYielded();
        }
      }
    };
    try (Store s = Store.open(store, false, Duration.ofSeconds(60))) {
      published = StoreSnapshots.build(s, BuildOptions.defaults().withProgress(yielding)
          .withLayout(StoreSnapshots.lastLayout(s)), BuildMode.AUTO, List.of())
          .result().snapshotId();
    } catch (FoldYielded e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      log.accept("the fold gave way to a change after " + ms + " ms; the layer stays published and is folded once quiet");
      activity.buildFinished(null);
      return;
    } catch (IOException | RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    boolean ok = published != null;
    if (ok) {
      if (lastSnapshot != null) {
        memory.folded(lastSnapshot, published); // the Java build's resident state holds as of the folded snapshot
      }
      policy.wholePublished(snapshotBytes(published));
      lastSnapshot = published;
      lastPublished = published;
      log.accept("published " + published + " in " + ms + " ms (the layer folded into a whole snapshot)");
    } else {
      policy.foldFailed(System.nanoTime());
      log.accept("could not fold the layer into a whole snapshot in " + ms + " ms; it stays published:");
      logLines(failure);
    }
    activity.buildFinished(ok ? published : null);
    compactions.incrementAndGet();
  }

  /** Thrown through the fold's build when a change arrives: the build stops, nothing is published. */
  private static final class FoldYielded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoldYielded() {
      super("a change arrived", null, false, false);
    }
  }

  /** The size of snapshot {@code id} in the store, or -1 if it cannot be read. */
  private long snapshotBytes(String id) {
    try {
      return Files.size(io.graphsnap.objects.StoreLayout.of(store).snapshotFile(id));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** One build and publish; reports the outcome in one line (and each file that failed to parse). */
  private void rebuild(List<Path> changed, boolean rescan) {
    boolean initial = changed.isEmpty() && !rescan;
    boolean layerAsked = policy.asLayer(initial);
    String[] snapshot = layerAsked
        ? new String[] {"snapshot", "--layer", "--store", store.toString(), "-q", "--wait", "60"}
        : new String[] {"snapshot", "--store", store.toString(), "-q", "--wait", "60"};
    long start = System.nanoTime();
    long ingestedAt = -1; // JSON Lines: when the ingest ended and the publish began
    activity.buildStarted();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      if (shards != null) {
        code = shards.update(changed, changed.isEmpty() || rescan, new PrintWriter(out, true), new PrintWriter(err, true));
        ingestedAt = System.nanoTime();
        code = Math.max(code, run(out, err, snapshot));
      } else if (jsonl) {
        code = lines.ingest(new PrintWriter(out, true), new PrintWriter(err, true), "ingest", source.toString(),
            "--replace-all", "--store", store.toString(), "-q", "--wait", "60");
        ingestedAt = System.nanoTime();
        if (code <= 2) { // lines reported as bad are skipped; the rest is stored
          code = Math.max(code, run(out, err, snapshot));
        }
      } else {
        String[] args = layerAsked
            ? new String[] {"build", source.toString(), "--layer", "--store", store.toString(), "-q", "--wait", "60"}
            : new String[] {"build", source.toString(), "--store", store.toString(), "-q", "--wait", "60"};
        code = memory.build(new PrintWriter(out, true), new PrintWriter(err, true), args);
      }
    } catch (IOException | RuntimeException | Error e) {
      code = -1;
      err.append(e.toString()).append('\n');
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String published = lastLine(out.toString());
    String what = changed.isEmpty() && !rescan ? "initial build" : describe(changed, rescan);
    boolean whole = published != null && published.matches("[0-9a-f]{64}");
    boolean layer = published != null && published.matches("[0-9a-f]{64}\\+[0-9a-f]{64}");
    if (whole) {
      policy.wholePublished(snapshotBytes(published));
      lastSnapshot = published;
    } else if (layer) {
      policy.layerPublished(System.nanoTime());
    }
    if (whole || layer) {
      lastPublished = published;
      String split = ingestedAt < 0 ? "" : " (ingest " + (ingestedAt - start) / 1_000_000 + " ms, "
          + (layer ? "layer" : "snapshot") + " " + (System.nanoTime() - ingestedAt) / 1_000_000 + " ms)";
      log.accept("published " + (layer ? "layer " : "") + published + " in " + ms + " ms" + split + " (" + what + ")"
          + (code == 0 ? "" : "; some files were not rebuilt and keep their previous version:"));
    } else {
      log.accept("build failed in " + ms + " ms (" + what + "); the previous snapshot stays published:");
    }
    logLines(err.toString());
    activity.buildFinished(whole || layer ? published : null);
    builds.incrementAndGet();
  }

  private void logLines(String text) {
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        log.accept("  " + line);
      }
    }
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    return GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank() ? null : lines[lines.length - 1].strip();
  }

  private String describe(List<Path> changed, boolean rescan) {
    StringBuilder b = new StringBuilder();
    b.append(changed.size()).append(changed.size() == 1 ? " change" : " changes");
    for (int i = 0; i < Math.min(3, changed.size()); i++) {
      b.append(i == 0 ? ": " : ", ").append(display(changed.get(i)));
    }
    if (changed.size() > 3) {
      b.append(", ...");
    }
    if (rescan) {
      b.append("; events were lost, the whole tree was rescanned");
    }
    return b.toString();
  }

  private String display(Path p) {
    Path base = jsonl ? source.getParent() : shards != null ? shards.folder() : source;
    try {
      return base == null ? p.toString() : base.toAbsolutePath().normalize().relativize(p).toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }

  /** Stops watching; a build in progress finishes first. */
  @Override
  public void close() {
    stopped = true;
    watcher.close();
    try {
      thread.join(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
