package io.graphsnap.objects;

/**
 * One entry of a ref's history: at the {@code sequence}-th ref change of the store, ref {@code name} was set
 * to snapshot {@code snapshotId}. Sequence numbers grow across all refs, so they also order entries of
 * different refs. Immutable.
 *
 * @param name the ref name
 * @param sequence the store-wide number of the change, from 1
 * @param snapshotId the snapshot the ref named from then on (64 hex digits)
 */
public record RefEntry(String name, long sequence, String snapshotId) {}
