/**
 * The systems of the harness behind {@link io.graphsnap.bench.harness.GraphSystem}: graphsnap and its peers.
 *
 * <p>Life cycle: {@link io.graphsnap.bench.harness.SystemRunner#create} makes one → {@code load} builds or loads
 * the graph (repeated, each from scratch) → {@code reopen} for stores on disk → questions in the shared node
 * numbering → {@code close}. Each keeps its files under {@code <work>/<system>/}.
 */
package io.graphsnap.bench.harness.systems;
