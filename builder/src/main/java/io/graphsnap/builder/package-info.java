/**
 * Compiles loose objects into one immutable snapshot file, in full or incrementally.
 *
 * <p>Life cycle: a caller wraps its objects in an {@link io.graphsnap.builder.ObjectSource} (the store's index,
 * or {@link io.graphsnap.builder.ObjectSource#of} in tests) → {@code new SnapshotBuilder(options).build(source,
 * file)} collects, resolves, sorts, builds the CSR and indexes, writes a temporary file and renames it atomically
 * → the returned {@link io.graphsnap.builder.BuildResult} names the snapshot (SHA-256 of its bytes) and its
 * counts and conflicts → the reader module maps the file. The same objects always give the same bytes.
 *
 * <p>Incrementally: {@link io.graphsnap.builder.IncrementalBuilder} takes the previous snapshot and a {@link
 * io.graphsnap.builder.ChangeSet} (changed paths, current declarers of a name, objects) and writes the same bytes
 * a full build would, reading only what the change touches and copying the rest of the previous file section by
 * section. {@link io.graphsnap.builder.StoreSnapshots#build} chooses for a store: republish when nothing changed,
 * incremental from the last build, full otherwise; then publishes with refs.
 *
 * <p>Layered: {@link io.graphsnap.builder.DeltaFileWriter} (or {@link io.graphsnap.builder.StoreSnapshots#writeDelta})
 * plans the same change but writes only a delta file against the base, O(change), which the reader's
 * {@code LayeredSnapshot} overlays on the base; the incremental build is then the compaction.
 */
package io.graphsnap.builder;
