package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.BitPacking;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.PackedFileSymbolsFormat;
import java.lang.foreign.MemorySegment;

/**
 * The FILE_SYMBOLS section read in place ({@link FileSymbolsFormat} has the grammar and the rule; a compact file from
 * format version 7 stores the same lists bit-packed, {@link PackedFileSymbolsFormat}): each file's nodes in line order.
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
  /** Where a packed section's parts lie, or {@code null} for {@link FileSymbolsFormat}'s Int32 arrays. */
  private final PackedFileSymbolsFormat.Areas packed;

  private FileSymbolsView(Section section, int fileCount, int nodeCount, long symbolCount,
      PackedFileSymbolsFormat.Areas packed) {
    this.section = section;
    this.bytes = section.bytes();
    this.fileCount = fileCount;
    this.nodeCount = nodeCount;
    this.symbolCount = symbolCount;
    this.packed = packed;
  }

  /**
   * Opens FILE_SYMBOLS: {@code packed} says which encoding ({@link
   * io.graphsnap.format.snapshot.PackedNodeFormat#packed}); as {@link #open(Section, int, int)}, and for a packed one
   * checks OffsetBits and the reserved bytes too. O(1).
   */
  public static FileSymbolsView open(Section section, boolean packed, int fileCount, int nodeCount) {
    if (!packed) {
      return open(section, fileCount, nodeCount);
    }
    MemorySegment b = section.bytes();
    if (section.length() < PackedFileSymbolsFormat.HEADER_BYTES) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>="
          + PackedFileSymbolsFormat.HEADER_BYTES + " (the widths)");
    }
    String[] names = {"OffsetBits", "StartBits", "BaseBits"};
    for (int i = 0; i < names.length; i++) {
      int bits = PackedFileSymbolsFormat.width(b, i);
      if (bits > PackedFileSymbolsFormat.MAX_BITS) {
        throw section.corrupt(i, names[i] + " out of range: actual=" + bits + " vs expected<="
            + PackedFileSymbolsFormat.MAX_BITS);
      }
    }
    if (PackedFileSymbolsFormat.zero(b) != 0) {
      throw section.corrupt(3, "reserved bytes are not zero: actual=0x" + Long.toHexString(PackedFileSymbolsFormat.zero(b)));
    }
    PackedFileSymbolsFormat.Areas areas = PackedFileSymbolsFormat.Areas.of(b, fileCount);
    long minimum = areas.sectionBytes(0);
    if (section.length() < minimum) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + minimum
          + " (widths, Starts and Bases of F=" + fileCount + " files)");
    }
    long first = areas.start(b, 0);
    if (first != 0) {
      throw section.corrupt(areas.startOffset(0), "Starts[0] is not zero: actual=" + first + " vs expected=0");
    }
    long s = areas.start(b, fileCount);
    if (s > nodeCount) {
      throw section.corrupt(areas.startOffset(fileCount), "Starts[F] out of range: actual=" + s
          + " vs expected<=" + nodeCount + " (N)");
    }
    section.requireLength(areas.sectionBytes(s), "widths, Starts, Bases and S=" + s + " offsets of "
        + areas.offsetBits() + " bits, F=" + fileCount);
    return new FileSymbolsView(section, fileCount, nodeCount, s, areas);
  }

  /** Starts[f] as stored. */
  private long start(int f) {
    return packed == null ? FileSymbolsFormat.start(bytes, f) : packed.start(bytes, f);
  }

  /** Offset of Starts[f], for messages. */
  private long startOffset(int f) {
    return packed == null ? FileSymbolsFormat.startOffset(f) : packed.startOffset(f);
  }

  /** Offset of the byte holding listed node {@code i}, for messages. */
  private long idOffset(long i) {
    return packed == null ? FileSymbolsFormat.nodeOffset(fileCount, i) : packed.offsetOffset(i);
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
    return new FileSymbolsView(section, fileCount, nodeCount, s, null);
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
    long from = start(fromFile);
    long to = start(toFile);
    if (from > to || to > symbolCount) {
      throw section.corrupt(startOffset(fromFile), "Starts of files [" + fromFile + ", " + toFile
          + ") out of order or range: [" + from + ", " + to + ") vs expected within [0, " + symbolCount + "]");
    }
    int[] ids = new int[(int) (to - from)];
    if (packed == null) {
      MemorySegment.copy(bytes, LittleEndian.INT, FileSymbolsFormat.nodeOffset(fileCount, from), ids, 0, ids.length);
    } else {
      unpack(fromFile, toFile, from, ids);
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= nodeCount) {
        throw section.corrupt(idOffset(from + i), "node id out of range: actual="
            + ids[i] + " vs expected in [0, " + nodeCount + ")");
      }
    }
    return ids;
  }

  /**
   * Fills {@code ids} with the packed ids of files {@code [fromFile, toFile)}, which start at {@code from}: base plus
   * offset, each file's Starts checked to lie within the ones of the range. An id past the int range reads as −1 (the
   * caller reports it).
   */
  private void unpack(int fromFile, int toFile, long from, int[] ids) {
    long end = from + ids.length;
    long s = from;
    for (int f = fromFile; f < toFile; f++) {
      long e = packed.start(bytes, f + 1);
      if (e < s || e > end) {
        throw section.corrupt(startOffset(f + 1), "Starts[" + (f + 1) + "] out of order: actual=" + e
            + " vs expected in [" + s + ", " + end + "]");
      }
      long base = packed.base(bytes, f);
      for (long i = s; i < e; i++) {
        long id = base + packed.offset(bytes, i);
        ids[(int) (i - from)] = id == (int) id ? (int) id : -1;
      }
      s = e;
    }
  }

  /** Checks the whole section against {@code nodes}, as the class documentation says. */
  public void verify(NodeTable nodes) {
    boolean[] seen = new boolean[nodeCount];
    long listed = 0;
    for (int f = 0; f < fileCount; f++) {
      int[] ids = nodes(f);
      long at = start(f);
      for (int i = 0; i < ids.length; i++) {
        int v = ids[i];
        long offset = idOffset(at + i);
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
    }    if (packed != null) {
      verifyPacking();
    }
  }

  /**
   * The packed encoding's rule: each base its file's smallest id, each width its array's largest value's, the bits
   * after each packed area's last value zero.
   */
  private void verifyPacking() {
    long maxOffset = 0;
    long maxBase = 0;
    for (int f = 0; f < fileCount; f++) {
      int[] ids = nodes(f);
      int min = 0;
      int max = 0;
      for (int i = 0; i < ids.length; i++) {
        min = i == 0 ? ids[i] : Math.min(min, ids[i]);
        max = i == 0 ? ids[i] : Math.max(max, ids[i]);
      }
      long base = packed.base(bytes, f);
      if (base != min) {
        throw section.corrupt(packed.baseOffset(f), "Bases[" + f + "] is not the file's smallest id: actual=" + base
            + " vs expected=" + min);
      }
      maxOffset = Math.max(maxOffset, (long) max - min);
      maxBase = Math.max(maxBase, min);
    }
    long[] max = {maxOffset, symbolCount, maxBase};
    int[] widths = {packed.offsetBits(), packed.startBits(), packed.baseBits()};
    String[] names = {"OffsetBits", "StartBits", "BaseBits"};
    for (int i = 0; i < max.length; i++) {
      if (BitPacking.widthFor(max[i]) != widths[i]) {
        throw section.corrupt(i, names[i] + " is not the rule's: actual=" + widths[i] + " vs expected="
            + BitPacking.widthFor(max[i]) + " (the largest value's bits)");
      }
    }
    zeroAfter(packed.starts() * 8 + (fileCount + 1L) * packed.startBits(), packed.bases());
    zeroAfter(packed.bases() * 8 + (long) fileCount * packed.baseBits(), packed.offsets());
    zeroAfter(packed.offsets() * 8 + symbolCount * packed.offsetBits(), section.length());
  }

  /** Checks that the bits from bit {@code fromBit} of the section to byte {@code toByte} are zero. */
  private void zeroAfter(long fromBit, long toByte) {
    long first = fromBit >>> 3;
    for (long at = first; at < toByte; at++) {
      int b = Byte.toUnsignedInt(bytes.get(LittleEndian.BYTE, at));
      if ((b & ~(at == first ? (1 << (fromBit & 7)) - 1 : 0)) != 0) {
        throw section.corrupt(at, "padding after a packed area is not zero: actual=0x" + Integer.toHexString(b));
      }
    }
  }

}
