package io.graphsnap.objects;

import java.time.Instant;

/**
 * One entry of a ref's history: at the {@code sequence}-th ref change of the store, ref {@code name} was set
 * to snapshot {@code snapshotId}, at {@code time}. Sequence numbers grow across all refs, so they also order
 * entries of different refs. Immutable.
 *
 * @param name the ref name
 * @param sequence the store-wide number of the change, from 1
 * @param snapshotId the snapshot the ref named from then on (64 hex digits)
 * @param time when the ref was set (the writer's clock, to the millisecond), or {@code null} for entries
 *     recorded before the store kept times
 */
public record RefEntry(String name, long sequence, String snapshotId, Instant time) {
  /** An entry without a time. */
  public RefEntry(String name, long sequence, String snapshotId) {
    this(name, sequence, snapshotId, null);
  }
}
