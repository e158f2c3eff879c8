/** The blocked Bloom filter: build, serialise ({@code BloomFormat}), query over mapped memory. */
module io.graphsnap.bloom {
  exports io.graphsnap.bloom;
}
