package io.graphsnap.objects;

import java.util.List;

/**
 * What one {@link Store#collectGarbage garbage collection} kept and deleted. Immutable.
 *
 * @param keptSnapshots the snapshot ids kept (refs, their recent history, the last build), sorted
 * @param deletedSnapshots snapshot files deleted
 * @param deletedObjects loose objects deleted
 * @param bytesFreed the size of the deleted files
 * @param forgottenHistoryEntries ref history entries dropped because they were older than the kept window
 * @param skipped files that could not be deleted, each {@code "<file>: <reason>"} (on Windows, a snapshot a
 *     reader still maps); the next gc tries them again
 * @param notes anything gc chose to be careful about (e.g. it kept every object because a kept snapshot
 *     has no recorded generation)
 */
public record GcReport(List<String> keptSnapshots, int deletedSnapshots, int deletedObjects, long bytesFreed,
    int forgottenHistoryEntries, List<String> skipped, List<String> notes) {
  /** Copies the lists. */
  public GcReport {
    keptSnapshots = List.copyOf(keptSnapshots);
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }
}
