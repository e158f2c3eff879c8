package io.graphsnap.reader.query;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The hook for a name search index (issue 14's trigram section): given a literal, a superset of the nodes
 * whose names contain it, so that a glob with no literal prefix ({@code name:*Reader*}, a bare word) need
 * not scan every name. The evaluator still checks each candidate against the pattern, so an index may be
 * approximate (a damaged one makes queries slower, never wrong). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface NameSearch {
  /**
   * A superset of the nodes whose name contains {@code literal}, or {@code null} when this index cannot
   * answer (for example, a literal shorter than its grams); then the evaluator scans.
   */
  ImmutableRoaringBitmap candidatesContaining(String literal);
}
