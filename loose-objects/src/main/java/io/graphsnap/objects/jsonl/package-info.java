/**
 * JSON Lines ingest (docs/DESIGN.md §4): one source file per line, into a {@link io.graphsnap.objects.Store}.
 *
 * <p>Life cycle: open a store → {@code new JsonLinesIngester(store).replaceAll(..).progress(..)} →
 * {@link io.graphsnap.objects.jsonl.JsonLinesIngester#ingest(java.nio.file.Path)} streams the file line by
 * line (bounded memory), writes one object per good line, commits the index once → read the {@link
 * io.graphsnap.objects.jsonl.IngestReport}: counts, skipped lines with their numbers, warnings.
 *
 * <p>Parsing: a byte-level scanner of the line grammar ({@code LineScanner}) builds each good line's summary straight
 * from its bytes; every line it does not take (every bad line, and good lines written unusually: an escape in a
 * field name, a byte order mark, UTF-8 that is not well-formed) is parsed again by the Jackson-based reference parser
 * ({@code JacksonLineParser}), which words the errors. So answers and messages are the reference's, line for line;
 * {@code LineScannerDifferentialTest} compares the two on seeded random and damaged lines.
 */
package io.graphsnap.objects.jsonl;
