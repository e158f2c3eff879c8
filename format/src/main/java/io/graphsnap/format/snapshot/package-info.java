/**
 * The snapshot file's byte layout, in one place: the header ({@link io.graphsnap.format.snapshot.SnapshotFormat},
 * {@link io.graphsnap.format.snapshot.SnapshotHeader}), the section ids
 * ({@link io.graphsnap.format.snapshot.SectionId}), and one codec class per section family, each holding the
 * family's byte grammar in its Javadoc, its named field offsets and layout constants, unchecked reads over
 * mapped bytes and a writer to a {@link io.graphsnap.format.snapshot.SectionSink}:
 * {@link io.graphsnap.format.snapshot.StringListFormat}, {@link io.graphsnap.format.snapshot.BitmapListFormat},
 * {@link io.graphsnap.format.snapshot.NodeRecordFormat}, {@link io.graphsnap.format.snapshot.CsrFormat},
 * {@link io.graphsnap.format.snapshot.FileRecordFormat}, {@link io.graphsnap.format.snapshot.NodeDetailsFormat},
 * {@link io.graphsnap.format.snapshot.NameIndexFormat}, {@link io.graphsnap.format.snapshot.FileSymbolsFormat},
 * {@link io.graphsnap.format.snapshot.NameTrigramsFormat}, {@link io.graphsnap.format.snapshot.CallSitesFormat}
 * (and the bloom module's {@code BloomFormat}).
 *
 * <p>Life cycle: the builder streams every section through its {@code SectionWriter} (a {@code SectionSink}) with
 * these writers, aligned after a placeholder header, then writes the {@link
 * io.graphsnap.format.snapshot.SnapshotHeader} with each section's CRC32C and renames the file into place; the
 * reader (or {@link io.graphsnap.format.snapshot.SnapshotFile}, for tools) maps the file, {@link
 * io.graphsnap.format.snapshot.SnapshotHeader#decode decodes the header}, bounds-checks each section with these
 * classes' offsets, and serves from the mapped bytes.
 *
 * <p>Who checks what: the reads here are unchecked and the writers trust their input. Bounds, ranges and
 * {@code CorruptSnapshotException}s naming the section and offset are the reader's job, which it does with the
 * offsets named here; the writers' inputs come from the builder, which validated them.
 *
 * <p>Bitmaps: {@link io.graphsnap.format.snapshot.BitmapListFormat} frames the kind and effect bitmaps as a list of
 * byte strings and leaves their inside to RoaringBitmap's portable serialisation (a format specified and versioned
 * by that library). So this module does not depend on RoaringBitmap: the builder serialises its bitmaps to byte
 * arrays, and the reader wraps the mapped slices as {@code ImmutableRoaringBitmap}s, validating each at first use.
 * That keeps {@code format} a small dependency (FlatBuffers only) that the loose-object store and any tool can take,
 * and puts the bitmap library next to the code that builds and queries bitmaps.
 *
 * <p>Adding a section: add a constant to {@code SectionId} (and bump {@code SnapshotFormat.VERSION_CURRENT}); its
 * {@code formatClassName()} switch, the builder's two section switches, the reader's verify switch and the bench's
 * size report do not compile until they handle it. Write the grammar, offsets, reads and writer in its format class;
 * then the section's writer (builder) and reader (reader) call it, and nothing else knows its bytes.
 */
package io.graphsnap.format.snapshot;
