/**
 * Whole-graph analysis over a snapshot's CSR at memory speed: reachability (direction-optimising BFS),
 * strongly connected components, effect closures with witness paths, shortest paths, dead code and PageRank.
 * Everything works on node ids with primitive arrays and bitsets, reads the mapped CSR in place, and runs
 * parallel steps in the common fork-join pool where they pay.
 *
 * <p>Life cycle: open a {@link io.graphsnap.reader.GraphSnapshot}; take {@code CsrGraph.of(snapshot)} (O(1));
 * run analyses ({@code Reachability.reach(...)}, {@code StronglyConnectedComponents.of(...)},
 * {@code EffectClosure.of(snapshot)}, {@code PageRank.on(graph).run()}, ...), each reentrant and thread-safe;
 * read their heap results (which stay valid); close the snapshot, after which the graph and anything that
 * still reads the mapping throw {@link io.graphsnap.reader.AlreadyClosedException}. Edge types are chosen
 * with an {@link io.graphsnap.reader.analysis.EdgeTypeMask} ({@code null} means all types).
 */
package io.graphsnap.reader.analysis;
