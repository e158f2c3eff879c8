/**
 * The store of loose objects: content-addressed object files, the MapDB index, refs to published snapshots.
 *
 * <p>Life cycle: {@link io.graphsnap.objects.Store#open} takes the writer lock → a front end opens an
 * {@link io.graphsnap.objects.IndexUpdate}, {@code put}s file summaries (each object durable at once) and
 * {@code commit}s the index once → the builder reads {@link io.graphsnap.objects.Store#currentFiles()} and
 * {@link io.graphsnap.objects.ObjectStore#read} → {@link io.graphsnap.objects.Store#publishSnapshot} moves
 * the snapshot into {@code snapshots/} and {@code refs/HEAD} to it → {@code close} releases the lock. Readers
 * use only {@link io.graphsnap.objects.Store#headSnapshot(java.nio.file.Path)}, lock-free.
 */
package io.graphsnap.objects;
