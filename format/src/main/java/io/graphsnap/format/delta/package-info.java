/**
 * The byte layout of a layered snapshot's delta file ({@link io.graphsnap.format.delta.DeltaFormat}): what changed
 * since a base snapshot, in the snapshot's container, with ids that continue the base's so that base records stay
 * valid. Section ids in {@link io.graphsnap.format.delta.DeltaSectionId}; the layouts new to deltas in
 * {@link io.graphsnap.format.delta.DeltaBaseFormat}, {@link io.graphsnap.format.delta.IdListFormat} and
 * {@link io.graphsnap.format.delta.RowListFormat}; the rest reuse the snapshot's format classes.
 *
 * <p>Life cycle: the builder's {@code DeltaFileWriter} plans the change against the base, encodes each section
 * with these writers, writes the header ({@code SnapshotHeader.encode(DeltaFormat.CONTAINER)}), forces the file and
 * renames it to {@code <sha256>.gdelta}; a reader decodes the header with {@code DeltaFormat.CONTAINER}, checks
 * BASE against the base it holds, and overlays the delta on the base's views.
 *
 * <p>As in {@code io.graphsnap.format.snapshot}, the reads here are unchecked; bounds and order checks are the
 * reader's.
 */
package io.graphsnap.format.delta;
