package io.graphsnap.objects;

import java.util.List;

/**
 * What a committed {@link IndexUpdate} changed, counted per distinct path by comparing each path's entry
 * before the update with its entry after it. Immutable.
 *
 * @param added paths newly indexed
 * @param changed paths now pointing at a different object
 * @param unchanged paths written with the object they already had
 * @param deleted paths removed
 * @param warnings things the update worked around (e.g. an unreadable old object), in order
 */
public record UpdateSummary(int added, int changed, int unchanged, int deleted, List<String> warnings) {
  /** Copies the warnings. */
  public UpdateSummary {
    warnings = List.copyOf(warnings);
  }
}
