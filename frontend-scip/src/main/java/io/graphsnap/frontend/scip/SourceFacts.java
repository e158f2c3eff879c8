package io.graphsnap.frontend.scip;

/**
 * What is known about a document's source file apart from the index: the SHA-256 of its bytes and its line count,
 * from the file on disk ({@link SourceFiles}). Immutable.
 *
 * @param sha256 the file's SHA-256 (32 bytes), or {@code null} if unknown
 * @param lineCount lines in the file (one more than its newlines), or -1 if unknown
 */
public record SourceFacts(byte[] sha256, int lineCount) {
  /** Nothing known: no hash, ranges checked for shape only. */
  public static final SourceFacts NONE = new SourceFacts(null, -1);

  /** Copies the hash. */
  public SourceFacts {
    sha256 = sha256 == null ? null : sha256.clone();
  }

  /** A copy of the hash, or {@code null}. */
  @Override
  public byte[] sha256() {
    return sha256 == null ? null : sha256.clone();
  }
}
