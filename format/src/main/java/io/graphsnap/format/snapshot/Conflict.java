package io.graphsnap.format.snapshot;

import java.util.List;

/**
 * A name declared by two files that may not share it (not both the same namespace kind). The build keeps the
 * declaration of the path that sorts first (code-point order) and drops the other one with its outgoing edges;
 * the snapshot lists every conflict in {@link SectionId#CONFLICTS}, and the builder's result and the reader's
 * {@code conflicts()} return this same type. Immutable.
 *
 * @param name the symbol name
 * @param keptPath the path whose declaration the snapshot holds
 * @param droppedPath the path whose declaration (and outgoing edges) the snapshot left out
 */
public record Conflict(String name, String keptPath, String droppedPath) {

  /**
   * The CONFLICTS section's strings for {@code conflicts}: name, kept path, dropped path of each
   * ({@link StringListFormat#CONFLICT_GROUP} per conflict), in the order given.
   */
  public static String[] toStrings(List<Conflict> conflicts) {
    String[] strings = new String[StringListFormat.CONFLICT_GROUP * conflicts.size()];
    int i = 0;
    for (Conflict c : conflicts) {
      strings[i++] = c.name();
      strings[i++] = c.keptPath();
      strings[i++] = c.droppedPath();
    }
    return strings;
  }
}
