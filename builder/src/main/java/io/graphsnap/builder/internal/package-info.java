/**
 * The builder's machinery, not API: {@code ObjectCollector} (one pass, primitive columns) → {@code GraphCompiler}
 * (resolution, sorted tables, {@code Csr}, bitmaps) → {@code SnapshotFileWriter} / {@code SnapshotWriter} /
 * {@code SectionWriter} (aligned sections, CRC32C, full buffers written behind by {@code WriteBehind}'s thread,
 * header last, force while hashing, atomic rename). {@code PageCache} evicts an input file's copied pages (the
 * incremental build's base). Not exported; may change freely.
 */
package io.graphsnap.builder.internal;
