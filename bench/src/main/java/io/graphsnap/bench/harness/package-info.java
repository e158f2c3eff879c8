/**
 * The side-by-side harness: graphsnap against SQLite, MapDB, JGraphT and a bare heap CSR on one synthetic graph.
 *
 * <p>Life cycle: {@link io.graphsnap.bench.harness.BenchHarness} generates the graph, resolves it
 * ({@link io.graphsnap.bench.harness.GraphResolver}) into the file peers load and draws the
 * {@link io.graphsnap.bench.harness.Queries} → each {@link io.graphsnap.bench.harness.GraphSystem} runs in its own
 * JVM through {@link io.graphsnap.bench.harness.SystemRunner} (load, open, answers, JMH latencies, BFS, PageRank)
 * and writes a {@link io.graphsnap.bench.harness.SystemResult} → {@link io.graphsnap.bench.harness.AnswerCheck}
 * refuses to report disagreeing answers → {@link io.graphsnap.bench.harness.MarkdownReport} and
 * {@link io.graphsnap.bench.harness.RatioChart} write {@code bench/results/<scale>.md} and {@code .png}.
 */
package io.graphsnap.bench.harness;
