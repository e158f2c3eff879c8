package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The store's layered head, {@code layers/CURRENT}: a delta file ({@code layers/<delta>.gdelta}) over a published
 * snapshot which, read together, give the graph of the store's current files when they have changed since that
 * snapshot was built (docs/LAYERED.md). The file holds {@code <base>+<delta>} (two snapshot ids) and a newline.
 *
 * <p>Written by {@link Store#publishLayer} under the writer lock, after the delta file is durable, and removed by
 * {@link Store#publishSnapshot} (a published snapshot is the whole current graph) and {@link Store#clearLayer}. It is
 * the head only while its base is the snapshot {@code refs/HEAD} names; {@link #current} checks that, so a layer left
 * behind by a crash between a publish and its clean-up is never served. Older versions of graphsnap ignore
 * {@code layers/}. Stateless, thread-safe; reading is lock-free.
 */
public final class LayerRef {
  private static final int MAX_BYTES = 2 * 64 + 2;

  private LayerRef() {}

  /**
   * A base snapshot and a delta over it.
   *
   * @param baseId the base snapshot's id (64 hex digits)
   * @param deltaId the delta file's id (64 hex digits, the SHA-256 of the file)
   */
  public record Layer(String baseId, String deltaId) {
    /** @throws IllegalArgumentException if either is not 64 lower-case hex digits */
    public Layer {
      StoreLayout.checkSnapshotId(baseId);
      StoreLayout.checkSnapshotId(deltaId);
    }

    /** {@code <base>+<delta>}: how servers and tools name the layered graph. */
    public String id() {
      return baseId + "+" + deltaId;
    }

    /** The layer named {@code id} ({@code <base>+<delta>}). @throws IllegalArgumentException if malformed */
    public static Layer parse(String id) {
      int plus = id.indexOf('+');
      if (plus < 0) {
        throw new IllegalArgumentException("not <base>+<delta>: " + id);
      }
      return new Layer(id.substring(0, plus), id.substring(plus + 1));
    }
  }

  /**
   * The layered head and its two files.
   *
   * @param layer the base and delta ids
   * @param baseFile {@code snapshots/<base>.gsnap}
   * @param deltaFile {@code layers/<delta>.gdelta}
   */
  public record Resolved(Layer layer, Path baseFile, Path deltaFile) {}

  /** {@code layers/CURRENT} exists but does not hold {@code <base>+<delta>} and a newline. */
  public static final class DamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedException(String message) {
      super(message);
    }
  }

  /**
   * What {@code layers/CURRENT} names, if the file exists. Lock-free.
   *
   * @throws DamagedException naming the file if it does not hold {@code <base>+<delta>} and a newline
   * @throws IOException if it cannot be read
   */
  public static Optional<Layer> read(Path storeDir) throws IOException {
    return read(StoreLayout.of(storeDir));
  }

  static Optional<Layer> read(StoreLayout layout) throws IOException {
    if (!SafeFiles.checkDirectoryIfPresent(layout.layersDir())) { // a link in its place is refused, never followed
      return Optional.empty();
    }
    Path file = layout.layerRefFile();
    Optional<byte[]> read = SafeFiles.readSmall(file, MAX_BYTES);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = read.get();
    String text = new String(bytes, StandardCharsets.US_ASCII);
    try {
      if (bytes.length != MAX_BYTES || !text.endsWith("\n")) {
        throw new IllegalArgumentException("wrong length");
      }
      return Optional.of(Layer.parse(text.substring(0, text.length() - 1)));
    } catch (IllegalArgumentException e) {
      throw new DamagedException("layer ref " + file + " is damaged: expected <64 hex digits>+<64 hex digits> and a newline, "
          + "found " + bytes.length + " bytes; remove it (the store's snapshot stays as refs/HEAD names it) or run "
          + "'graphsnap gc'");
    }
  }

  /**
   * The layered head if its base is {@code headId} (the snapshot {@code refs/HEAD} names) and both files are regular
   * files in the store; empty otherwise (no layer, or a stale one). Lock-free.
   *
   * @throws IOException if {@code layers/CURRENT} is damaged
   */
  public static Optional<Resolved> current(Path storeDir, String headId) throws IOException {
    StoreLayout layout = StoreLayout.of(storeDir);
    Optional<Layer> layer = read(layout);
    if (layer.isEmpty() || !layer.get().baseId().equals(headId)) {
      return Optional.empty();
    }
    Path base = layout.snapshotFile(layer.get().baseId());
    Path delta = layout.layerFile(layer.get().deltaId());
    if (!SafeFiles.isRegularFile(base) || !SafeFiles.isRegularFile(delta)) {
      return Optional.empty();
    }
    return Optional.of(new Resolved(layer.get(), base, delta));
  }

  /** Replaces {@code layers/CURRENT} atomically: temporary file, fsync, atomic rename, fsync of the folder. */
  static void write(StoreLayout layout, Layer layer) throws IOException {
    SafeFiles.ensureDirectory(layout.layersDir());
    SafeFiles.ensureDirectory(layout.tmpDir());
    FileSync.writeAtomically(layout.tmpDir(), layout.layerRefFile(), (layer.id() + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}
