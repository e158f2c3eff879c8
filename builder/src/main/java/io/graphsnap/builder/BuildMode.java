package io.graphsnap.builder;

/** How {@link StoreSnapshots#build} may build: the result's bytes are the same in every mode. */
public enum BuildMode {
  /**
   * Incremental from the last build when there is one and at most a quarter of the files changed; reuse the
   * last build when nothing changed; otherwise, or if the base is unusable, full.
   */
  AUTO,
  /** Always compile every object from scratch. */
  FULL,
  /** Incremental whenever there is a usable last build, however much changed (tests and benchmarks). */
  INCREMENTAL
}
