/**
 * The builder's machinery, not API: {@code ObjectCollector} (one pass, primitive columns) → {@code GraphCompiler}
 * (resolution, sorted tables, {@code Csr}, bitmaps) → {@code SnapshotFileWriter} / {@code SnapshotWriter} /
 * {@code SectionWriter} (aligned sections, CRC32C, header last, atomic rename). Not exported; may change freely.
 */
package io.graphsnap.builder.internal;
