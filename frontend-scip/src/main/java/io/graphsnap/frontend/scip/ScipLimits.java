package io.graphsnap.frontend.scip;

/**
 * The caps the SCIP reader checks every length field against before it allocates: a document larger than {@code
 * maxDocumentBytes} is skipped as it streams past (its path is still looked for, so that the error can name it),
 * and the metadata larger than {@code maxMetadataBytes} is skipped. Everything else (external symbols, unknown
 * fields) is skipped without being held. Immutable.
 *
 * @param maxDocumentBytes the largest Document message held in memory and decoded (default 64 MiB)
 * @param maxMetadataBytes the largest Metadata message decoded (default 1 MiB)
 */
public record ScipLimits(int maxDocumentBytes, int maxMetadataBytes) {
  /** The default largest document: 64 MiB, the size of the largest loose object. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 64 << 20;
  /** The default largest metadata message: 1 MiB. */
  public static final int DEFAULT_MAX_METADATA_BYTES = 1 << 20;
  /** The defaults. */
  public static final ScipLimits DEFAULTS = new ScipLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_METADATA_BYTES);

  /** Checks that both caps are positive and below 2 GiB - 8 (the largest Java array). */
  public ScipLimits {
    if (maxDocumentBytes < 1 || maxDocumentBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxDocumentBytes must be 1.." + (Integer.MAX_VALUE - 8) + ", not " + maxDocumentBytes);
    }
    if (maxMetadataBytes < 1 || maxMetadataBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxMetadataBytes must be 1.." + (Integer.MAX_VALUE - 8) + ", not " + maxMetadataBytes);
    }
  }

  /** These limits with a different document cap. */
  public ScipLimits withMaxDocumentBytes(int bytes) {
    return new ScipLimits(bytes, maxMetadataBytes);
  }
}
