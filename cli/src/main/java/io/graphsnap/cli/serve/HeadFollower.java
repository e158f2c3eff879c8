package io.graphsnap.cli.serve;

import io.graphsnap.objects.LayerRef;
import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a store's {@code refs/HEAD} and publishes each new snapshot to a {@link LiveSnapshot}: a
 * {@link WatchService} on {@code refs/} wakes it as soon as a publish renames the ref into place (by this
 * process or any other), and it also looks every {@code pollMillis} in case the file system does not report
 * the change. A snapshot that cannot be opened (missing, damaged) is reported and the previous one keeps being
 * served; the follower tries it again at the next change or after {@value #RETRY_MILLIS} ms.
 *
 * <p>One daemon thread; {@link #close} stops it. Reads refs lock-free, never the index.
 */
public final class HeadFollower implements AutoCloseable {
  static final long RETRY_MILLIS = 5_000;

  private final Path store;
  private final boolean layers;
  private final LiveSnapshot live;
  private final long pollMillis;
  private final Consumer<String> log;
  private final Thread thread;
  private volatile boolean stopped;
  private WatchService watcher;
  private boolean layersWatched;
  private String failedId;
  private long failedAt;

  /** Starts following {@code store}'s HEAD (whole snapshots only) into {@code live}; {@code log} receives one line per event. */
  public HeadFollower(Path store, LiveSnapshot live, long pollMillis, Consumer<String> log) {
    this(store, live, pollMillis, false, log);
  }

  /**
   * Starts following {@code store}'s head into {@code live}: with {@code layers}, the layered head
   * ({@link LayerRef#current}: a delta over HEAD's snapshot) when there is one, else HEAD.
   */
  public HeadFollower(Path store, LiveSnapshot live, long pollMillis, boolean layers, Consumer<String> log) {
    this.layers = layers;
    this.store = store;
    this.live = live;
    this.pollMillis = pollMillis;
    this.log = log;
    check(); // the first snapshot before the server answers
    this.thread = Thread.ofPlatform().daemon().name("graphsnap-head").unstarted(this::run);
    thread.start();
  }

  private void run() {
    while (!stopped) {
      try {
        if (watcher == null) {
          watcher = register();
        }
        WatchKey key = watcher == null ? null : watcher.poll(pollMillis, TimeUnit.MILLISECONDS);
        if (watcher == null) {
          Thread.sleep(pollMillis);
        }
        if (key != null) {
          key.pollEvents();
          if (!key.reset()) { // refs/ or layers/ went away: register again
            watcher.close();
            watcher = null;
          }
        }
        if (watcher != null && layers && !layersWatched) { // layers/ appears with the first layer
          layersWatched = registerLayers(watcher);
        }
        check();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.accept("cannot watch " + store.resolve("refs") + ": " + e.getMessage() + " (polling instead)");
        sleepQuietly();
      }
    }
  }

  private WatchService register() throws IOException {
    Path refs = StoreLayout.of(store).refsDir();
    if (!Files.isDirectory(refs, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    WatchService w = FileSystems.getDefault().newWatchService();
    refs.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    layersWatched = layers && registerLayers(w);
    return w;
  }

  /** Registers {@code layers/} with {@code w} if it exists; whether it did. */
  private boolean registerLayers(WatchService w) throws IOException {
    Path dir = StoreLayout.of(store).layersDir();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    return true;
  }

  /** Publishes HEAD's snapshot if it is not the one served. Synchronised: called by the thread and by tests. */
  synchronized void check() {
    Optional<String> head;
    try {
      head = SnapshotRefs.read(store, StoreLayout.HEAD);
    } catch (IOException | RuntimeException e) {
      log.accept("cannot read " + store.resolve("refs/HEAD") + ": " + e.getMessage() + " (still serving "
          + live.currentId() + ")");
      return;
    }
    if (head.isEmpty()) {
      return;
    }
    Optional<LayerRef.Resolved> layer = Optional.empty();
    if (layers) {
      try {
        layer = LayerRef.current(store, head.get());
      } catch (IOException | RuntimeException e) {
        log.accept(e.getMessage() + " (serving refs/HEAD's snapshot " + head.get() + ")");
      }
    }
    if (layer.isPresent()) {
      switch (tryLayer(layer.get())) {
        case SERVED, GONE -> {
          // GONE: its delta was removed between reading the ref and opening it, by a newer layer or by the publish
          // of a whole snapshot (which moves HEAD first): serving the HEAD read above could step back in time, so
          // wait for the event (or poll) that reports the newer state
          return;
        }
        case FAILED -> {
          // damaged: serve HEAD's snapshot, the best whole state there is
        }
      }
    }
    if (head.get().equals(live.currentId())) {
      return;
    }
    String id = head.get();
    if (id.equals(failedId) && System.currentTimeMillis() - failedAt < RETRY_MILLIS) {
      return;
    }
    Path file = StoreLayout.of(store).snapshotFile(id);
    try {
      file = SnapshotRefs.resolve(store, StoreLayout.HEAD).file(); // checked: a regular file, not a link
      id = file.getFileName().toString().replace(StoreLayout.SNAPSHOT_SUFFIX, "");
      GraphSnapshot g = GraphSnapshot.open(file);
      String old = live.currentId();
      live.publish(id, g);
      failedId = null;
      log.accept("serving snapshot " + id + (old == null ? "" : " (was " + old + ")"));
    } catch (IOException | RuntimeException e) {
      failedId = id;
      failedAt = System.currentTimeMillis();
      log.accept("cannot open snapshot " + file + ": " + e.getMessage() + " (still serving " + live.currentId() + ")");
    }
  }

  /** What became of a layer the follower tried to serve. */
  private enum LayerOutcome {
    /** Served (now or already). */
    SERVED,
    /** Its delta file was gone when opened: a newer state replaced it meanwhile. */
    GONE,
    /** It cannot be opened (damaged): reported; HEAD's snapshot is served instead. */
    FAILED
  }

  /** Serves {@code layer} unless it is served already. */
  private LayerOutcome tryLayer(LayerRef.Resolved layer) {
    String id = layer.layer().id();
    if (id.equals(live.currentId())) {
      return LayerOutcome.SERVED;
    }
    if (id.equals(failedId) && System.currentTimeMillis() - failedAt < RETRY_MILLIS) {
      return LayerOutcome.FAILED;
    }
    try {
      long start = System.nanoTime();
      LayeredSnapshot g = LayeredSnapshot.open(layer.baseFile(), layer.deltaFile());
      String old = live.currentId();
      live.publish(id, g);
      failedId = null;
      log.accept("serving " + id + " (a delta over the snapshot, opened in " + (System.nanoTime() - start) / 1_000_000
          + " ms" + (old == null ? "" : "; was " + old) + ")");
      return LayerOutcome.SERVED;
    } catch (NoSuchFileException e) {
      return LayerOutcome.GONE;
    } catch (IOException | RuntimeException e) {
      failedId = id;
      failedAt = System.currentTimeMillis();
      log.accept("cannot open layer " + layer.deltaFile() + ": " + e.getMessage() + " (serving refs/HEAD's snapshot)");
      return LayerOutcome.FAILED;
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(pollMillis);
    } catch (InterruptedException e) {
      stopped = true;
    }
  }

  /** Stops following (the live snapshot keeps what it serves). */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    WatchService w = watcher;
    if (w != null) {
      try {
        w.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
