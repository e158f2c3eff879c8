package io.graphsnap.builder;

/**
 * The documented size limits of one build. A build that would exceed one fails with a
 * {@link BuildInputException} naming the count, before anything is written; it never writes a corrupt file.
 *
 * <p>They follow from the format (node ids are Int32, an edge type id is one byte, a kind id two) and from the
 * builder holding its columns in Java arrays (at most 2<sup>31</sup> - 8 elements) and hash tables.
 */
public final class BuildLimits {
  /** Most distinct names (symbols and edge targets) one build interns: 2<sup>29</sup>. */
  public static final int MAX_NAMES = 1 << 29;
  /**
   * Most name occurrences in the name runs of a build past its memory cap: a name counts once in each run that holds
   * it (each run interns the names of the objects read while its table filled), so popular names count many times.
   * 2<sup>31</sup> - 16: provisional ids are Int32.
   */
  public static final int MAX_NAME_OCCURRENCES = Integer.MAX_VALUE - 16;
  /** Most symbol declarations one build collects, conflicts included. */
  public static final int MAX_DECLARATIONS = Integer.MAX_VALUE - 16;
  /** Most edges one build collects, before duplicates and conflicting declarations' edges are dropped. */
  public static final int MAX_EDGES = Integer.MAX_VALUE - 16;
  /**
   * Most edge lines (sites) one build collects; their encoding in the snapshot (CALL_SITES, about 2 bytes a line)
   * must also stay below 4 GiB.
   */
  public static final int MAX_EDGE_LINES = Integer.MAX_VALUE - 16;
  /** Most objects (files) one build takes. */
  public static final int MAX_FILES = Integer.MAX_VALUE - 16;

  private BuildLimits() {}
}
