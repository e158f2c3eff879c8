package io.graphsnap.objects;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The on-disk layout of a store directory (by default {@value #DEFAULT_DIR_NAME} at a repository root):
 *
 * <pre>
 * &lt;store&gt;/
 *   objects/ab/cdef…        loose objects: first 2 hex digits of the id as folder, the other 62 as file name
 *   index.db                MapDB index (path → object, refs, build state, the list of symbol runs)
 *   symbols/s-….run         symbol → defining objects as sorted runs (listed in index.db; others are garbage)
 *   pending/s-….run         the paths changed since the last build, as sorted runs (listed in index.db, likewise)
 *   records/s-….run         object id → reachability record, as a log in sorted runs (listed in index.db, likewise)
 *   snapshots/&lt;id&gt;.gsnap   immutable snapshots named by their 64-hex id
 *   refs/HEAD               the published snapshot id: 64 hex digits and a newline
 *   logs/HEAD               the ref's history with timestamps, a copy of the index's for lock-free readers
 *   tmp/                    temporaries, renamed atomically into place
 *   lock                    held (FileChannel lock) by the one writer process
 * </pre>
 *
 * <p>Every method resolves a fixed name or a validated id (hex digits, or a ref name of letters, digits,
 * {@code _} and {@code -}) against the store directory, so nothing it returns lies outside it. It touches
 * no file. Immutable and thread-safe.
 */
public final class StoreLayout {
  /** The store folder's default name, looked up in the current directory. */
  public static final String DEFAULT_DIR_NAME = ".graphsnap";
  /** The ref that names the published snapshot. */
  public static final String HEAD = "HEAD";
  /** The file name suffix of snapshots. */
  public static final String SNAPSHOT_SUFFIX = ".gsnap";
  /** The suffix of delta files in {@code layers/}. */
  public static final String LAYER_SUFFIX = ".gdelta";

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern REF_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");

  private final Path root;

  private StoreLayout(Path root) {
    this.root = root;
  }

  /** The layout of the store at {@code dir} (made absolute and normalised). */
  public static StoreLayout of(Path dir) {
    return new StoreLayout(dir.toAbsolutePath().normalize());
  }

  /** The store directory, absolute. */
  public Path root() {
    return root;
  }

  /** The folder of loose objects. */
  public Path objectsDir() {
    return root.resolve("objects");
  }

  /** The fan-out folder of {@code id}: {@code objects/ab}. */
  public Path objectDir(ObjectId id) {
    return objectsDir().resolve(id.hex().substring(0, 2));
  }

  /** The file of {@code id}: {@code objects/ab/cdef…} (62 hex digits). */
  public Path objectFile(ObjectId id) {
    String hex = id.hex();
    return objectsDir().resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  /** The folder of packs: many objects per file ({@code packs/pack-<64 hex>.pack}). */
  public Path packsDir() {
    return root.resolve("packs");
  }

  /** The folder of the index's path → entry runs. */
  public Path filesDir() {
    return root.resolve(StoreIndex.FILES_DIR);
  }

  /** The folder of the index's symbol runs. */
  public Path symbolsDir() {
    return root.resolve(StoreIndex.SYMBOLS_DIR);
  }

  /** The folder of the build journal's pending-path runs. */
  public Path pendingDir() {
    return root.resolve(StoreIndex.PENDING_DIR);
  }

  /** The folder of the index's reachability-record runs. */
  public Path recordsDir() {
    return root.resolve(StoreIndex.RECORDS_DIR);
  }

  /** The MapDB index file. */
  public Path indexFile() {
    return root.resolve("index.db");
  }

  /** The folder of snapshots. */
  public Path snapshotsDir() {
    return root.resolve("snapshots");
  }

  /**
   * The file of the snapshot {@code idHex}: {@code snapshots/<id>.gsnap}.
   *
   * @throws IllegalArgumentException if {@code idHex} is not 64 lower-case hex digits
   */
  public Path snapshotFile(String idHex) {
    return snapshotsDir().resolve(checkSnapshotId(idHex) + SNAPSHOT_SUFFIX);
  }

  /**
   * The folder of the layered head: delta files ({@code layers/<id>.gdelta}) over a published snapshot, and the
   * ref naming the current one ({@link #layerRefFile()}); see {@link LayerRef}. Older versions ignore it.
   */
  public Path layersDir() {
    return root.resolve("layers");
  }

  /**
   * The delta file {@code idHex}: {@code layers/<id>.gdelta}.
   *
   * @throws IllegalArgumentException if {@code idHex} is not 64 lower-case hex digits
   */
  public Path layerFile(String idHex) {
    return layersDir().resolve(checkSnapshotId(idHex) + LAYER_SUFFIX);
  }

  /** {@code layers/CURRENT}: the base and delta of the layered head, if there is one ({@link LayerRef}). */
  public Path layerRefFile() {
    return layersDir().resolve("CURRENT");
  }

  /** The folder of refs. */
  public Path refsDir() {
    return root.resolve("refs");
  }

  /**
   * The file of a ref, e.g. {@code refs/HEAD}.
   *
   * @throws IllegalArgumentException if {@code name} is not 1–64 letters, digits, {@code _} or {@code -}
   *     (starting with no {@code -})
   */
  public Path refFile(String name) {
    return refsDir().resolve(checkRefName(name));
  }

  /**
   * Returns {@code name} if it is a ref name: 1–64 letters, digits, {@code _} or {@code -}, not starting with
   * {@code -}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkRefName(String name) {
    if (name == null || !REF_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a ref name (1-64 letters, digits, _ and -): " + name);
    }
    return name;
  }

  /** True if {@code name} is a valid ref name (see {@link #checkRefName}). */
  public static boolean isRefName(String name) {
    return name != null && REF_NAME.matcher(name).matches();
  }

  /** The folder of ref logs (each ref's history, for lock-free readers; see {@link RefLogs}). */
  public Path logsDir() {
    return root.resolve("logs");
  }

  /**
   * The log file of a ref, e.g. {@code logs/HEAD}.
   *
   * @throws IllegalArgumentException if {@code name} is not a ref name (see {@link #checkRefName})
   */
  public Path refLogFile(String name) {
    return logsDir().resolve(checkRefName(name));
  }

  /** {@code refs/HEAD}. */
  public Path headFile() {
    return refFile(HEAD);
  }

  /** The folder of temporaries; on the same file system as everything else, so renames are atomic. */
  public Path tmpDir() {
    return root.resolve("tmp");
  }

  /** The lock file held by the writer process. */
  public Path lockFile() {
    return root.resolve("lock");
  }

  /**
   * Returns {@code idHex} if it is a snapshot id: 64 lower-case hex digits.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkSnapshotId(String idHex) {
    if (idHex == null || !HEX64.matcher(idHex).matches()) {
      throw new IllegalArgumentException("a snapshot id is 64 lower-case hex digits, not " + idHex);
    }
    return idHex;
  }

  @Override
  public String toString() {
    return "StoreLayout[" + root + "]";
  }
}
