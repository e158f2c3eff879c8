/**
 * JSON Lines ingest (docs/DESIGN.md §4): one source file per line, into a {@link io.graphsnap.objects.Store}.
 *
 * <p>Life cycle: open a store → {@code new JsonLinesIngester(store).replaceAll(..).progress(..)} →
 * {@link io.graphsnap.objects.jsonl.JsonLinesIngester#ingest(java.nio.file.Path)} streams the file line by
 * line (bounded memory), writes one object per good line, commits the index once → read the {@link
 * io.graphsnap.objects.jsonl.IngestReport}: counts, skipped lines with their numbers, warnings.
 */
package io.graphsnap.objects.jsonl;
