/**
 * The snapshot builder: full builds ({@code SnapshotBuilder}), incremental builds ({@code IncrementalBuilder}) and
 * publishing to a store ({@code StoreSnapshots}), all in {@code io.graphsnap.builder}. Everything under
 * {@code io.graphsnap.builder.internal} (the compiler, the section writers, the incremental planner) is internal.
 * Uses the reader to open the previous snapshot of an incremental build, and {@code java.lang.foreign}'s linker
 * (a restricted method) for {@code posix_fadvise}: give this module {@code --enable-native-access} on the module
 * path (the CLI's jar says {@code Enable-Native-Access: ALL-UNNAMED}, as it runs on the class path).
 */
module io.graphsnap.builder {
  requires transitive io.graphsnap.format;
  requires transitive io.graphsnap.objects;
  requires io.graphsnap.bloom;
  requires io.graphsnap.reader;
  requires roaringbitmap;
  requires it.unimi.dsi.fastutil.core;

  exports io.graphsnap.builder;
}
