/**
 * Samplers, per-file plans and the byte-level file drafts behind {@link io.graphsnap.bench.SyntheticGraph}; not API.
 *
 * <p>Life cycle: the graph draws one {@link io.graphsnap.bench.internal.FilePlan} per file from a seeded
 * generator and keeps it in a {@link io.graphsnap.bench.internal.PlanTable} → prefix sums over the plans (looked
 * up through {@link io.graphsnap.bench.internal.RangeOwners}) let an edge name any symbol → each file's content is
 * drawn from a second seeded generator with {@link io.graphsnap.bench.internal.PowerLaw} and
 * {@link io.graphsnap.bench.internal.ZipfRanks}, Zipf ranks scattered by an
 * {@link io.graphsnap.bench.internal.AffinePermutation}, into a {@link io.graphsnap.bench.internal.FileDraft}
 * whose names are {@link io.graphsnap.bench.internal.NameRef}s and whose kinds, edge types and effects are
 * {@link io.graphsnap.bench.internal.SummaryWords} numbers → the refs are resolved and spelled
 * ({@link io.graphsnap.bench.internal.NameSpeller}) into the draft's {@link io.graphsnap.bench.internal.NameArena}
 * → the draft becomes a {@link io.graphsnap.format.object.FileSummary} ({@code FileDraft.toSummary}) or a JSON
 * line ({@link io.graphsnap.bench.internal.JsonLineEncoder}, edges in
 * {@link io.graphsnap.bench.internal.CanonicalEdgeOrder}).
 */
package io.graphsnap.bench.internal;
