package io.graphsnap.format.object;

/**
 * Documented maximum sizes of what a loose object (and so a JSON Lines record) may hold.
 *
 * <p>Every limit is checked when a {@link FileSummary} is built and when an object is decoded, so that no
 * input can make the tools allocate memory out of proportion to it. Lengths are in UTF-8 bytes.
 *
 * <p>The other limits, all enforced before the memory they bound is allocated: a JSON Lines line is at most
 * {@code JsonLinesIngester.DEFAULT_MAX_LINE_BYTES} (16 MiB, {@code --max-line-bytes}; a longer line is skipped
 * as it streams past) and nests at most 64 deep; a source file the Java front end reads is at most
 * {@code SourceTree.MAX_FILE_BYTES} (64 MiB); a ref file holds 64 hex digits (at most 128 bytes are read) and
 * a ref name is 1 to 64 letters, digits, {@code _} and {@code -}; a snapshot lists at most
 * {@link io.graphsnap.format.snapshot.SnapshotFormat#MAX_SECTIONS} sections, 255 edge types and 65,535 kinds
 * ({@link io.graphsnap.format.snapshot.SnapshotFormat}); a build takes at most {@code BuildLimits.MAX_NAMES}
 * distinct names. The reader checks every count in a snapshot against the bytes that hold it before it
 * allocates, so what reading a file allocates stays proportional to the file (the fuzz tests of the cli
 * module check a budget of 32 heap bytes per file byte plus 16 MiB). README, "Limits and safety", lists all
 * of them in one place.
 */
public final class Limits {
  /** Longest repository-relative path, in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 4_096;
  /** Longest symbol name, edge target name, kind, effect, edge type or language, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 4_096;
  /** Longest note text or metadata value, in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 1 << 20;
  /** Largest encoded loose object, in bytes. */
  public static final int MAX_OBJECT_BYTES = 64 << 20;
  /** Most symbols one file may declare. */
  public static final int MAX_SYMBOLS_PER_FILE = 1 << 20;
  /** Most edges one file may declare. */
  public static final int MAX_EDGES_PER_FILE = 1 << 22;
  /** Most edge lines (sites, {@link EdgeSummary#lines()}) one file may give, over all its edges, after repeats merge. */
  public static final int MAX_EDGE_LINES_PER_FILE = 1 << 22;

  private Limits() {}
}
