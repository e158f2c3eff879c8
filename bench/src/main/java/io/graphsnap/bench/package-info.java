/**
 * Synthetic code graphs and the JMH benchmarks of the reader.
 *
 * <p>Life cycle: {@link io.graphsnap.bench.SyntheticGraph#of SyntheticGraph.of(scale, seed)} plans the files →
 * it serves them lazily as an {@link io.graphsnap.builder.ObjectSource} to the builder (or
 * {@link io.graphsnap.bench.SyntheticJsonl} writes them as JSON Lines) → {@link io.graphsnap.bench.BenchData}
 * caches the snapshot under {@code bench/target/bench-data} → {@link io.graphsnap.bench.LookupBenchmark} and
 * {@link io.graphsnap.bench.NeighboursBenchmark} map it in each JMH fork. The side-by-side harness against peers
 * is in {@link io.graphsnap.bench.harness}.
 */
package io.graphsnap.bench;
