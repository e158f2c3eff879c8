package io.graphsnap.format.snapshot;

/**
 * Reads of one node's fields from a NODES section in one of the compact encodings ({@link PackedNodeFormat},
 * {@link BlockedNodeFormat}), as stored: values are longs so that a damaged one is not wrapped, and the callers (the
 * reader's node tables, the incremental builder's base) check or trust them as they need. O(1) per read;
 * implementations are immutable and thread-safe and read mapped memory they do not own.
 */
public interface NodeFields {
  /** Node {@code id}'s FileId, −1 for none. */
  long fileId(long id);

  /** Node {@code id}'s LineStart. */
  long lineStart(long id);

  /** Node {@code id}'s LineEnd. */
  long lineEnd(long id);

  /** Node {@code id}'s KindId. */
  long kindId(long id);

  /** Node {@code id}'s Flags. */
  int flags(long id);
}
