package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import org.roaringbitmap.RoaringBitmap;

/**
 * Where name lookups and {@code graphsnap search} find their candidates: the one seam between them and how names
 * are indexed. {@link ScanNameSearch} answers {@link #containing} from the snapshot's search index
 * (NAME_TRIGRAMS) when it has one, and reads the sorted name table for the rest. Implementations answer exactly
 * (an index verifies its candidates), so that the callers' results do not depend on which one they were given.
 *
 * <p>Thread safety: as the snapshot it reads; instances hold no mutable state.
 */
interface NameSearch {
  /** The snapshot searched. */
  GraphSnapshot snapshot();

  /**
   * The ids of the nodes whose name contains {@code text}, ignoring ASCII case, in id (= name) order. An empty
   * {@code text} matches every node.
   */
  RoaringBitmap containing(String text);

  /**
   * The ids of the nodes whose name (without its parameter list) matches the camel-hump {@code pattern}, in id
   * order: {@code SU#iB} matches {@code org.example.StringUtils#isBlank(CharSequence)} (see {@link CamelHump}).
   */
  RoaringBitmap camelHump(CamelHump pattern);

  /**
   * Up to {@code max} ids of the nodes whose name is nearest to {@code text} when nothing contains it: by edit
   * distance between {@code text} and the name's last segments, ignoring case, nearest first (ties: shorter name,
   * then name order). Only names within {@link #maxDistance(String)} are returned.
   */
  int[] similar(String text, int max);

  /** The greatest edit distance {@link #similar} accepts for {@code text}: a third of its length, at least 1. */
  static int maxDistance(String text) {
    return Math.max(1, text.length() / 3);
  }

  /** The search for {@code g}: its index when it has one, else a scan of its name table. */
  static NameSearch of(GraphSnapshot g) {
    return new ScanNameSearch(g);
  }
}
