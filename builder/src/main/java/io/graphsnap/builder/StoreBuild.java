package io.graphsnap.builder;

import java.util.Optional;

/**
 * What {@link StoreSnapshots#build} did. Immutable.
 *
 * @param result the published snapshot (for {@link How#UNCHANGED}, the last build's, republished)
 * @param how how it was obtained
 * @param changedFiles paths whose object changed since the last build (-1 when unknown: no last build)
 * @param note why a full build ran instead of an incremental one, if that happened
 */
public record StoreBuild(BuildResult result, How how, int changedFiles, Optional<String> note) {
  /** How a snapshot was obtained. */
  public enum How {
    /** Every object compiled. */
    FULL,
    /** The last build plus the changes. */
    INCREMENTAL,
    /** Nothing changed since the last build; it was republished without writing a file. */
    UNCHANGED
  }
}
