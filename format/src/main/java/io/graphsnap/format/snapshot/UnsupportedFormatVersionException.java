package io.graphsnap.format.snapshot;

/**
 * A snapshot's format version is outside the range this code reads. Carries the version found and the
 * supported range, so that a tool can say "rebuild the snapshot" or "upgrade graphsnap".
 */
public final class UnsupportedFormatVersionException extends CorruptSnapshotException {
  private static final long serialVersionUID = 1L;

  private final int found;
  private final int minSupported;
  private final int maxSupported;

  /** Creates the exception for {@code resource} with the version found and the supported range. */
  public UnsupportedFormatVersionException(String resource, int found, int minSupported, int maxSupported) {
    super(resource, "header", 8, "format version " + found + (found > maxSupported ? " is too new" : " is too old")
        + ": actual=" + found + " vs expected=[" + minSupported + ", " + maxSupported + "]");
    this.found = found;
    this.minSupported = minSupported;
    this.maxSupported = maxSupported;
  }

  /** The version written in the file. */
  public int found() {
    return found;
  }

  /** The oldest version this code reads. */
  public int minSupported() {
    return minSupported;
  }

  /** The newest version this code reads. */
  public int maxSupported() {
    return maxSupported;
  }
}
