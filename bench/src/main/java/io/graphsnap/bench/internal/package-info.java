/**
 * Samplers, per-file plans and the byte-level file drafts behind {@link io.graphsnap.bench.SyntheticGraph}; not API.
 *
 * <p>Life cycle: the graph draws one {@link io.graphsnap.bench.internal.FilePlan} per file from a seeded
 * generator and keeps it in a {@link io.graphsnap.bench.internal.PlanTable} → prefix sums over the plans (looked
 * up through {@link io.graphsnap.bench.internal.RangeOwners}) let an edge name any symbol → each file's content is
 * drawn from a second seeded generator with {@link io.graphsnap.bench.internal.PowerLaw} and
 * {@link io.graphsnap.bench.internal.ZipfRanks} → Zipf ranks are scattered by an
 * {@link io.graphsnap.bench.internal.AffinePermutation} → the file is written into a
 * {@link io.graphsnap.bench.internal.FileDraft} (names as bytes in a {@link io.graphsnap.bench.internal.NameArena},
 * fixed words as {@link io.graphsnap.bench.internal.SummaryWords} numbers) → either a
 * {@link io.graphsnap.format.object.FileSummary} ({@code FileDraft.toSummary}) or a JSON line
 * ({@link io.graphsnap.bench.internal.JsonLineEncoder}, edges in {@link io.graphsnap.bench.internal.CanonicalEdgeOrder}).
 */
package io.graphsnap.bench.internal;
