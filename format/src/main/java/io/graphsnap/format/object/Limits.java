package io.graphsnap.format.object;

/**
 * Documented maximum sizes of what a loose object (and so a JSON Lines record) may hold.
 *
 * <p>Every limit is checked when a {@link FileSummary} is built and when an object is decoded, so that no
 * input can make the tools allocate memory out of proportion to it. Lengths are in UTF-8 bytes.
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

  private Limits() {}
}
