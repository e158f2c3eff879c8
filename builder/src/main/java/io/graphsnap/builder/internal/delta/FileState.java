package io.graphsnap.builder.internal.delta;

/**
 * A file-table entry an incremental build rewrites: a changed, added or deleted path, or an unchanged file whose
 * symbol count moved (it won or lost a name). Mutable while planning.
 */
final class FileState {
  final String path;
  /** Its id in the base, or -1 if new. */
  final int baseFileId;
  /** Its id in the new table, once assigned; -1 if deleted. */
  int newId = -1;
  /** Source SHA-256 (32 bytes) or null when unknown; only for changed files ({@code null} otherwise: base's). */
  byte[] sourceSha256;
  /** Object id bytes; null keeps the base's. */
  byte[] objectId;
  /** Language tag; null keeps the base's. */
  String language;
  /** The new symbol count. */
  int symbolCount;

  FileState(String path, int baseFileId) {
    this.path = path;
    this.baseFileId = baseFileId;
  }

  /** True if the record's object (and so sha and language) changes. */
  boolean replaced() {
    return objectId != null;
  }
}
