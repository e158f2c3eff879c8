package io.graphsnap.cli.watch;

import io.graphsnap.cli.BuildMemory;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.IngestMemory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private final BuildMemory memory = new BuildMemory();
  private final IngestMemory lines = new IngestMemory();
  private volatile String lastSnapshot;
  private volatile boolean stopped;

  private Watcher(Path source, Path store, long debounceMillis, boolean shardFolder, BuildActivity activity,
      Consumer<String> log) throws IOException {
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
    if (debounceMillis < 0) {
      throw new IllegalArgumentException("--debounce-ms must be >= 0, not " + debounceMillis);
    }
    if (jsonl && !Files.isDirectory(source) && !isJsonlFile(source)) {
      throw new IllegalArgumentException("watch --jsonl: " + source + " is neither a folder of .jsonl shards nor a .jsonl file");
    }
    if (!jsonl && !Files.isDirectory(source) && !isJsonlFile(source)) {
      throw new IllegalArgumentException("watch: " + source + " is neither a folder of Java sources nor a .jsonl file");
    }
    Watcher w = new Watcher(source, store, debounceMillis, jsonl && Files.isDirectory(source), activity, log);
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

  /** How many builds used the state kept in memory since the previous one ({@link BuildMemory}). */
  public long residentBuilds() {
    return memory.residentBuilds();
  }

  /** The snapshot the last successful build published, or null. */
  public String lastSnapshot() {
    return lastSnapshot;
  }

  private void run() {
    rebuild(List.of(), false);
    while (!stopped) {
      TreeWatcher.Batch batch;
      try {
        batch = watcher.nextBatch(debounceMillis, activity::changeSeen);
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      rebuild(new ArrayList<>(batch.changed()), batch.rescan());
    }
  }

  /** One build and publish; reports the outcome in one line (and each file that failed to parse). */
  private void rebuild(List<Path> changed, boolean rescan) {
    long start = System.nanoTime();
    activity.buildStarted();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      if (shards != null) {
        code = shards.update(changed, changed.isEmpty() || rescan, new PrintWriter(out, true), new PrintWriter(err, true));
        code = Math.max(code, run(out, err, "snapshot", "--store", store.toString(), "-q", "--wait", "60"));
      } else if (jsonl) {
        code = lines.ingest(new PrintWriter(out, true), new PrintWriter(err, true), "ingest", source.toString(),
            "--replace-all", "--store", store.toString(), "-q", "--wait", "60");
        if (code <= 2) { // lines reported as bad are skipped; the rest is stored
          code = Math.max(code, run(out, err, "snapshot", "--store", store.toString(), "-q", "--wait", "60"));
        }
      } else {
        String[] args = {"build", source.toString(), "--store", store.toString(), "-q", "--wait", "60"};
        code = memory.build(new PrintWriter(out, true), new PrintWriter(err, true), args);
      }
    } catch (IOException | RuntimeException | Error e) {
      code = -1;
      err.append(e.toString()).append('\n');
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String published = lastLine(out.toString());
    String what = changed.isEmpty() && !rescan ? "initial build" : describe(changed, rescan);
    boolean ok = published != null && published.matches("[0-9a-f]{64}");
    activity.buildFinished(ok ? published : null);
    if (ok) {
      lastSnapshot = published;
      log.accept("published " + published + " in " + ms + " ms (" + what + ")"
          + (code == 0 ? "" : "; some files were not rebuilt and keep their previous version:"));
    } else {
      log.accept("build failed in " + ms + " ms (" + what + "); the previous snapshot stays published:");
    }
    for (String line : err.toString().split("\n")) {
      if (!line.isBlank()) {
        log.accept("  " + line);
      }
    }
    builds.incrementAndGet();
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
