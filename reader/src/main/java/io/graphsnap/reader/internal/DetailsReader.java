package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.reader.NodeDetails;

/**
 * The NODE_DETAILS section as the reader sees it, whatever its encoding: one entry per node ({@link
 * io.graphsnap.format.snapshot.NodeDetailsFormat}) or only the entries that say something ({@link
 * io.graphsnap.format.snapshot.SparseDetailsFormat}, compact files from format version 7). Finding an entry is O(1);
 * decoding it O(its bytes), every length checked, so a corrupt entry gives a {@link
 * io.graphsnap.format.snapshot.CorruptSnapshotException} and allocates no more than its bytes justify.
 * Implementations are immutable and thread-safe, and read the snapshot's memory (they must not outlive it).
 */
public interface DetailsReader {
  /**
   * Opens NODE_DETAILS for {@code nodeCount} nodes: {@code sparse} says which encoding. Checks its ends in O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if they do not fit the section
   */
  static DetailsReader open(Section section, boolean sparse, int nodeCount) {
    return sparse ? new SparseDetailsReader(section, nodeCount) : new DenseDetailsReader(section, nodeCount);
  }

  /** The length in bytes of node {@code id}'s stored entry (0 when it has none), its ends checked. */
  long entryLength(int id);

  /** Decodes node {@code id}'s entry; {@link NodeDetails#EMPTY} when it has none. O(entry bytes). */
  NodeDetails read(int id);

  /** Checks the whole section: ends ordered, every entry decodes (and the encoding's own rules). O(N + bytes). */
  void verify();

  /**
   * Decodes node {@code id}'s entry {@code [from, to)} of {@code section} (offsets in the section), a malformed one
   * reported as the section's corruption. O(entry bytes).
   */
  static NodeDetails decode(Section section, int id, long from, long to) {
    try {
      NodeDetailsFormat.Entry entry = NodeDetailsFormat.decodeEntry(section.bytes(), from, to);
      return new NodeDetails(entry.hash(), entry.notes(), entry.metadata());
    } catch (NodeDetailsFormat.MalformedEntryException ex) {
      throw section.corrupt(ex.offset(), "node " + id + " details: " + ex.getMessage());
    }
  }
}
