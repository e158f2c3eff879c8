/**
 * Samplers and per-file plans behind {@link io.graphsnap.bench.SyntheticGraph}; not API.
 *
 * <p>Life cycle: the graph draws one {@link io.graphsnap.bench.internal.FilePlan} per file from a seeded
 * generator → prefix sums over the plans let an edge name any symbol → each file's content is drawn from a
 * second seeded generator with {@link io.graphsnap.bench.internal.PowerLaw} → Zipf ranks are scattered by an
 * {@link io.graphsnap.bench.internal.AffinePermutation}.
 */
package io.graphsnap.bench.internal;
