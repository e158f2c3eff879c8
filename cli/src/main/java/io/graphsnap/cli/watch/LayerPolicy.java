package io.graphsnap.cli.watch;

/**
 * When a {@link Watcher} publishes a save as a layer (a delta over the last whole snapshot, docs/LAYERED.md) rather
 * than as a whole snapshot, and when it folds the layer into a whole snapshot. A pure state machine fed what was
 * published and when; the watch's thread owns it (not thread-safe).
 *
 * <p>Layers: never for the first build; with {@link Watcher.Layers#AUTO} once the last whole snapshot has
 * {@value #LAYER_WHEN_WHOLE_BYTES} bytes or more (writing, hashing and forcing that many bytes, and rebuilding the
 * sections around a change, take 100 ms or more here; a layer takes a few milliseconds), and always while a layer is
 * published. Folds: once no change came for {@value #FOLD_WHEN_QUIET_MILLIS} ms, at the latest
 * {@value #FOLD_AT_THE_LATEST_MILLIS} ms after the layer was first published however busy the tree, and at once when
 * someone waits for a whole snapshot.
 */
final class LayerPolicy {
  /** {@link Watcher.Layers#AUTO} publishes layers once the whole snapshot is this large. */
  static final long LAYER_WHEN_WHOLE_BYTES = 8L << 20;
  /** A layer is folded into a whole snapshot once no change came for this long... */
  static final long FOLD_WHEN_QUIET_MILLIS = 1_000;
  /** ...or at the latest this long after it was first published, however busy the tree. */
  static final long FOLD_AT_THE_LATEST_MILLIS = 10_000;

  private final Watcher.Layers mode;
  /** When a layer was first published since the last whole snapshot (nanoTime), or -1 while there is none. */
  private long layerSince = -1;
  /** The size of the last whole snapshot, or -1. */
  private long wholeBytes = -1;

  LayerPolicy(Watcher.Layers mode) {
    this.mode = mode;
  }

  /** Whether the next build publishes a layer ({@code initial}: the watch's first build, always whole). */
  boolean asLayer(boolean initial) {
    if (initial) {
      return false;
    }
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> layerSince >= 0 || wholeBytes >= LAYER_WHEN_WHOLE_BYTES;
    };
  }

  /** A whole snapshot of {@code bytes} bytes (-1 if unknown) was published: no layer is left. */
  void wholePublished(long bytes) {
    layerSince = -1;
    wholeBytes = bytes;
  }

  /** A layer was published at {@code nanoTime}. */
  void layerPublished(long nanoTime) {
    if (layerSince < 0) {
      layerSince = nanoTime;
    }
  }

  /** Folding failed at {@code nanoTime}: try again once quiet again, not in a loop. */
  void foldFailed(long nanoTime) {
    layerSince = nanoTime;
  }

  /** Whether a layer is published (and not folded yet). */
  boolean layered() {
    return layerSince >= 0;
  }

  /**
   * Whether a fold starting at {@code nanoTime} may give way to a change: only a fold because the tree was quiet, not
   * one that is overdue (the layer is {@value #FOLD_AT_THE_LATEST_MILLIS} ms old) or wanted by a waiting question;
   * so that continuous saving still gets a whole snapshot every so often.
   */
  boolean foldMayYield(long nanoTime, boolean wholeWanted) {
    return layerSince >= 0 && !wholeWanted && (nanoTime - layerSince) / 1_000_000 < FOLD_AT_THE_LATEST_MILLIS;
  }

  /**
   * How long the watch may wait for the next change before folding, at {@code nanoTime}: -1 (forever) without a
   * layer, 0 when a whole snapshot is wanted.
   */
  long foldDelayMillis(long nanoTime, boolean wholeWanted) {
    if (layerSince < 0) {
      return -1;
    }
    if (wholeWanted) {
      return 0;
    }
    long age = (nanoTime - layerSince) / 1_000_000;
    return Math.max(0, Math.min(FOLD_WHEN_QUIET_MILLIS, FOLD_AT_THE_LATEST_MILLIS - age));
  }
}
