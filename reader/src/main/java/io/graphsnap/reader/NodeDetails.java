package io.graphsnap.reader;

import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.Note;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's lazily read details: the content hash of its text, its notes and its metadata. Immutable; a copy
 * on the heap, valid after the snapshot is closed.
 *
 * @param contentHash the SHA-256 of the symbol's text (32 bytes), or {@code null} when the node has none
 * @param notes the notes in stored order
 * @param metadata the metadata, sorted by key
 */
public record NodeDetails(byte[] contentHash, List<Note> notes, SortedMap<String, String> metadata) {
  /** No hash, no notes, no metadata: the details of external nodes. */
  public static final NodeDetails EMPTY = new NodeDetails(null, List.of(), new TreeMap<>());

  /** Copies every component; {@code contentHash} must be null or 32 bytes. */
  public NodeDetails {
    if (contentHash != null && contentHash.length != 32) {
      throw new IllegalArgumentException("contentHash must be 32 bytes, not " + contentHash.length);
    }
    contentHash = contentHash == null ? null : contentHash.clone();
    notes = List.copyOf(notes);
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /** A copy of the content hash, or {@code null}. */
  @Override
  public byte[] contentHash() {
    return contentHash == null ? null : contentHash.clone();
  }

  /** The content hash as 64 lowercase hex digits, or {@code null}. */
  public String contentHashHex() {
    return contentHash == null ? null : Hex.of(contentHash);
  }

  /** Whether there is no hash, no note and no metadata. */
  public boolean isEmpty() {
    return contentHash == null && notes.isEmpty() && metadata.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeDetails d && Arrays.equals(contentHash, d.contentHash) && notes.equals(d.notes)
        && metadata.equals(d.metadata);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(contentHash) * 31 + notes.hashCode()) * 31 + metadata.hashCode();
  }

  @Override
  public String toString() {
    return "NodeDetails[contentHash=" + contentHashHex() + ", notes=" + notes + ", metadata=" + metadata + "]";
  }
}
