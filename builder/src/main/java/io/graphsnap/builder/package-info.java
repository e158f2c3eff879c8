/**
 * Compiles loose objects into one immutable snapshot file.
 *
 * <p>Life cycle: a caller wraps its objects in an {@link io.graphsnap.builder.ObjectSource} (the store's index,
 * or {@link io.graphsnap.builder.ObjectSource#of} in tests) → {@code new SnapshotBuilder(options).build(source,
 * file)} collects, resolves, sorts, builds the CSR and indexes, writes a temporary file and renames it atomically
 * → the returned {@link io.graphsnap.builder.BuildResult} names the snapshot (SHA-256 of its bytes) and its
 * counts and conflicts → the reader module maps the file. The same objects always give the same bytes.
 */
package io.graphsnap.builder;
