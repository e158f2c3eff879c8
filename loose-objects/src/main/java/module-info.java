/**
 * The content-addressed object store, its MapDB index, JSON Lines ingest, gc and index recovery. Exports the store
 * ({@code io.graphsnap.objects}) and the JSON Lines ingest ({@code io.graphsnap.objects.jsonl});
 * {@code io.graphsnap.objects.internal} (codecs of index records, the commit log, file syncing, the lock, the
 * snapshot file-table reader) is internal.
 *
 * <p>MapDB 3.1.0 has neither a module descriptor nor an {@code Automatic-Module-Name}: it is required by the name
 * derived from its file, {@code mapdb}, and its own dependencies (Kotlin, Eclipse Collections, Guava, …) stay on
 * the class path, which an automatic module reads. {@code java.management} is for the MapDB C2 workaround's
 * diagnostic command; {@code jdk.unsupported} for the direct I/O open option of
 * packs and runs ({@code DirectAppendStream}); {@code io.graphsnap.bloom} for its XXH64, which hashes the paths of the file-entry runs' filters.
 */
module io.graphsnap.objects {
  requires transitive io.graphsnap.format;
  requires io.graphsnap.bloom;
  requires com.fasterxml.jackson.core;
  requires java.management;
  requires jdk.unsupported;
  requires mapdb;

  exports io.graphsnap.objects;
  exports io.graphsnap.objects.jsonl;
}
