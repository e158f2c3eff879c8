/**
 * The snapshot reader: maps a snapshot file and answers lookups, neighbour scans and queries in place.
 *
 * <p>Life cycle: {@code try (var s = GraphSnapshot.open(path))} maps the file and checks its header and
 * section bounds (O(sections)); any number of threads then query it ({@code node(name)}, {@code out(id,
 * type)}, {@code ofKind(kind)}, {@link io.graphsnap.reader.CsrView} for whole-graph loops); optionally
 * {@code s.verify()} checks every CRC and invariant (O(size)); {@code close()} unmaps, after which the
 * snapshot and everything that reads its memory (views, cursors, bitmaps) throw
 * {@link io.graphsnap.reader.AlreadyClosedException}. A bad file throws
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} and nothing else.
 *
 * <p>Layered: {@code LayeredSnapshot.open(base, delta)} reads a delta file (what changed since {@code base}) on top of
 * the base and answers the point queries as the compacted snapshot would, in ids that keep the base's; whole-graph
 * views stay with the base ({@link io.graphsnap.reader.LayeredSnapshot#base()}).
 */
package io.graphsnap.reader;
