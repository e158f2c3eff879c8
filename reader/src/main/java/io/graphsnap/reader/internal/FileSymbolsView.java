package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import java.lang.foreign.MemorySegment;

/**
 * The FILE_SYMBOLS section read in place ({@link FileSymbolsFormat} has the grammar and the rule): each file's
 * nodes in line order.
 *
 * <p>{@link #open} checks in O(1) that Starts[0] is 0 and that the length is {@code 4·(F+1) + 4·Starts[F]} with
 * Starts[F] ≤ N. {@link #nodes} checks the two Starts it reads (ordered, within S) and every id it returns
 * (below N). {@link #verify} checks the whole section against NODES in O(N + S log): Starts non-decreasing,
 * every listed node's FileId is its file, each file's list in the rule's order, and every node with a file listed
 * exactly once. A damaged section can make these answers wrong only until verify, never read out of bounds.
 *
 * <p>Immutable and thread-safe; reads the snapshot's memory and must not outlive it.
 */
public final class FileSymbolsView {
  private final Section section;
  private final MemorySegment bytes;
  private final int fileCount;
  private final int nodeCount;
  private final long symbolCount;

  private FileSymbolsView(Section section, int fileCount, int nodeCount, long symbolCount) {
    this.section = section;
    this.bytes = section.bytes();
    this.fileCount = fileCount;
    this.nodeCount = nodeCount;
    this.symbolCount = symbolCount;
  }

  /**
   * Checks Starts[0], Starts[F] and the length of {@code section} for {@code fileCount} files and {@code nodeCount}
   * nodes; O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if they are wrong
   */
  public static FileSymbolsView open(Section section, int fileCount, int nodeCount) {
    long minimum = FileSymbolsFormat.sectionBytes(fileCount, 0);
    if (section.length() < minimum) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + minimum
          + " (Starts of F+1=" + (fileCount + 1) + " entries)");
    }
    long first = FileSymbolsFormat.start(section.bytes(), 0);
    if (first != 0) {
      throw section.corrupt(0, "Starts[0] is not zero: actual=" + first + " vs expected=0");
    }
    long s = FileSymbolsFormat.start(section.bytes(), fileCount);
    if (s > nodeCount) {
      throw section.corrupt(FileSymbolsFormat.startOffset(fileCount), "Starts[F] out of range: actual=" + s
          + " vs expected<=" + nodeCount + " (N)");
    }
    section.requireLength(FileSymbolsFormat.sectionBytes(fileCount, s), "4·(F+1) + 4·S bytes, F=" + fileCount + ", S=" + s);
    return new FileSymbolsView(section, fileCount, nodeCount, s);
  }

  /** S, the number of listed nodes. */
  public long symbolCount() {
    return symbolCount;
  }

  /** File {@code f}'s nodes in line order, as a new array (a bulk copy of the mapped ids). O(its nodes). */
  public int[] nodes(int f) {
    return nodes(f, f + 1);
  }

  /**
   * The nodes of files {@code [fromFile, toFile)}, file by file, each file's in line order: one bulk copy of the
   * mapped ids, {@code NodeIds[Starts[fromFile], Starts[toFile])}. O(their nodes).
   */
  public int[] nodes(int fromFile, int toFile) {
    long from = FileSymbolsFormat.start(bytes, fromFile);
    long to = FileSymbolsFormat.start(bytes, toFile);
    if (from > to || to > symbolCount) {
      throw section.corrupt(FileSymbolsFormat.startOffset(fromFile), "Starts of files [" + fromFile + ", " + toFile
          + ") out of order or range: [" + from + ", " + to + ") vs expected within [0, " + symbolCount + "]");
    }
    int[] ids = new int[(int) (to - from)];
    MemorySegment.copy(bytes, LittleEndian.INT, FileSymbolsFormat.nodeOffset(fileCount, from), ids, 0, ids.length);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= nodeCount) {
        throw section.corrupt(FileSymbolsFormat.nodeOffset(fileCount, from + i), "node id out of range: actual="
            + ids[i] + " vs expected in [0, " + nodeCount + ")");
      }
    }
    return ids;
  }

  /** Checks the whole section against {@code nodes}, as the class documentation says. */
  public void verify(NodeTable nodes) {
    boolean[] seen = new boolean[nodeCount];
    long listed = 0;
    for (int f = 0; f < fileCount; f++) {
      int[] ids = nodes(f);
      long at = FileSymbolsFormat.start(bytes, f);
      for (int i = 0; i < ids.length; i++) {
        int v = ids[i];
        long offset = FileSymbolsFormat.nodeOffset(fileCount, at + i);
        if (nodes.fileId(v) != f) {
          throw section.corrupt(offset, "node " + v + " is listed under file " + f + " but its NODES record names file "
              + nodes.fileId(v));
        }
        if (seen[v]) {
          throw section.corrupt(offset, "node " + v + " is listed twice");
        }
        seen[v] = true;
        if (i > 0) {
          int u = ids[i - 1];
          if (FileSymbolsFormat.compare(nodes.lineStart(u), nodes.lineEnd(u), u, nodes.lineStart(v), nodes.lineEnd(v), v) >= 0) {
            throw section.corrupt(offset, "file " + f + "'s nodes are not in line order: node " + u + " before node " + v);
          }
        }
      }
      listed += ids.length;
    }
    for (int v = 0; v < nodeCount; v++) {
      if (!seen[v] && nodes.fileId(v) >= 0) {
        throw section.corrupt(0, "node " + v + " has file " + nodes.fileId(v) + " but is not listed; listed=" + listed);
      }
    }
  }
}
