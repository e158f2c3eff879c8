package io.graphsnap.builder;

import io.graphsnap.format.snapshot.Conflict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build wrote: the snapshot's id and place, its counts, its conflicts and how long each phase took.
 * Immutable. The maps iterate in the snapshot's order of their keys (code-point order).
 *
 * @param snapshotId lower-case hex SHA-256 of the snapshot file's bytes
 * @param path the snapshot file
 * @param bytes the file's size
 * @param nodeCount nodes, external ones included
 * @param externalNodeCount nodes that no file declares (unresolved edge targets)
 * @param edgeCount distinct edges (source, type, target)
 * @param fileCount files (objects) in the snapshot
 * @param edgesByType distinct edges per edge type
 * @param nodesByKind nodes per kind ({@code external} included when there are external nodes)
 * @param conflicts the conflicting declarations left out, sorted by name, then dropped path
 * @param phaseDurations wall time of each phase, in the order they ran
 * @param sitesBytes the length of the CALL_SITES section (the lines of each call), 0 when the file has none
 */
public record BuildResult(
    String snapshotId,
    Path path,
    long bytes,
    long nodeCount,
    long externalNodeCount,
    long edgeCount,
    long fileCount,
    Map<String, Long> edgesByType,
    Map<String, Long> nodesByKind,
    List<Conflict> conflicts,
    Map<String, Duration> phaseDurations,
    long sitesBytes) {

  /** Copies the collections into unmodifiable ones that keep their iteration order. */
  public BuildResult {
    edgesByType = Collections.unmodifiableMap(new LinkedHashMap<>(edgesByType));
    nodesByKind = Collections.unmodifiableMap(new LinkedHashMap<>(nodesByKind));
    conflicts = List.copyOf(conflicts);
    phaseDurations = Collections.unmodifiableMap(new LinkedHashMap<>(phaseDurations));
  }

  /** Edge targets no file declares: the same as {@link #externalNodeCount()}. */
  public long unresolvedTargetCount() {
    return externalNodeCount;
  }

  /** The CALL_SITES bytes per {@code calls} edge, 0 when there are no calls edges. */
  public double sitesBytesPerCallEdge() {
    long calls = edgesByType.getOrDefault("calls", 0L);
    return calls == 0 ? 0.0 : (double) sitesBytes / calls;
  }

  /** The sum of the phase durations. */
  public Duration totalDuration() {
    Duration total = Duration.ZERO;
    for (Duration d : phaseDurations.values()) {
      total = total.plus(d);
    }
    return total;
  }
}
