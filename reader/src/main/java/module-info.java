/**
 * The memory-mapped snapshot reader ({@code io.graphsnap.reader}), the whole-graph analyses over it
 * ({@code io.graphsnap.reader.analysis}) and the query language ({@code io.graphsnap.reader.query}).
 * {@code io.graphsnap.reader.internal} (the section views, verifiers and buffer plumbing) is internal: the public
 * types are the API.
 */
module io.graphsnap.reader {
  requires transitive io.graphsnap.format;
  requires transitive roaringbitmap;
  requires io.graphsnap.bloom;
  requires it.unimi.dsi.fastutil.core;

  exports io.graphsnap.reader;
  exports io.graphsnap.reader.analysis;
  exports io.graphsnap.reader.query;
}
