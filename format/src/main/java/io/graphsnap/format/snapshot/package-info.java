/**
 * The snapshot file's layout: its header, section ids and per-section byte grammars.
 *
 * <p>Life cycle: the builder computes every section, writes them aligned after a placeholder header, then
 * writes the {@link io.graphsnap.format.snapshot.SnapshotHeader} with each section's CRC32C and renames the
 * file into place; the reader maps the file, {@link io.graphsnap.format.snapshot.SnapshotHeader#decode
 * decodes the header}, bounds-checks every section, and serves from the mapped bytes.
 */
package io.graphsnap.format.snapshot;
