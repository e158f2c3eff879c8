package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * Where each edge occurs ({@link SectionId#CALL_SITES}, since format version
 * {@link SnapshotFormat#VERSION_CALL_SITES}): the source lines of the edges whose loose objects give them (the
 * Java front end gives the line of every call; JSON Lines and SCIP may give lines for any edge type), stored
 * beside the forward CSR and aligned with it. A site's file is its source node's file (NODES), so only lines are
 * stored. The grammar:
 *
 * <pre>
 * CallSites --&gt; Count UInt32, Zero UInt32, Ends UInt32^(Count+1), Nodes Int32^Count, Data
 * Entry     --&gt; EdgeSites^k                          (k &ge; 1) node Nodes[i]'s entry is Data[Ends[i], Ends[i+1])
 * EdgeSites --&gt; Head VarInt, MoreLines VarInt?, First ZigZag, Gap VarInt^(LineCount-1)
 * Head      --&gt; Skip &middot; 8 + min(LineCount, 8) - 1      MoreLines = LineCount - 8, present iff Head mod 8 = 7
 * VarInt    --&gt; unsigned LEB128, 1 to 5 bytes (value &lt; 2^35);   ZigZag --&gt; VarInt of (d &lt;&lt; 1) ^ (d &gt;&gt; 63)
 * </pre>
 *
 * <ul>
 *   <li>Count at offset 0 ({@link #COUNT}), a zero reserved field at 4, {@code Ends[i]} at {@link #endOffset
 *       endOffset(i)} = 8 + 4·i, {@code Nodes[i]} at {@link #nodeOffset nodeOffset(Count, i)} = 12 + 4·Count + 4·i,
 *       Data at {@link #dataOffset dataOffset(Count)} = 12 + 8·Count; the section is {@code 12 + 8·Count +
 *       Ends[Count]} bytes, and Data is below 4 GiB. {@code Ends[0] = 0}, Ends non-decreasing; each entry non-empty.
 *   <li>Nodes lists, strictly increasing, exactly the nodes that have at least one edge with lines (Count &le; N);
 *       each has a file.
 *   <li>An entry walks its node's out-edges in forward CSR order (type id, then target id): the j-th EdgeSites
 *       belongs to the edge at row position {@code p_j = p_(j-1) + 1 + Skip_j} ({@code p_(-1) = -1}), which must
 *       be below the node's out-degree; edges without lines are skipped. Its LineCount lines are strictly increasing
 *       and at least 1: the first is {@code F_j = F_(j-1) + d} with d the ZigZag value ({@code F_(-1) = 0}), each next
 *       one the previous plus its Gap (&ge; 1); all below 2^31. (A call edge of Java code has one or two sites and
 *       follows the previous one in its row, so its Head is one byte and its First one or two.)
 *   <li>The rule, exact so that a full and an incremental build give the same bytes: an edge's lines are those its
 *       source's <em>winning</em> declaration gives in its loose object (the declaration NODES takes the record
 *       from; for a merged namespace, the file that sorts first: other files' lines of its edges are not kept, as
 *       a site's file is the node's file). Since node ids and type ids follow the order of the names, an entry
 *       depends only on names and lines, never on ids: a node whose edges and lines did not change keeps its
 *       entry's bytes.
 * </ul>
 * The section is optional: a file without it (format version 3 and older) answers "no sites". Finding one edge's
 * lines is a binary search over Nodes (O(log Count)), then a decode of the node's entry up to that edge
 * (O(the node's site bytes)). Stateless and thread-safe; the reads are unchecked (the reader checks them).
 */
public final class CallSitesFormat {
  /** Offset of Count. */
  public static final int COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Offset of Ends. */
  public static final int ENDS = 8;
  /** Bytes of one end. */
  public static final int END_BYTES = 4;
  /** Data is below this many bytes (Ends are UInt32). */
  public static final long MAX_DATA_BYTES = 1L << 32;
  /** The lines a Head holds; more are counted by MoreLines. */
  public static final int HEAD_LINES = 8;
  /** Bytes of one node id. */
  public static final int NODE_BYTES = 4;
  /** Most bytes of one VarInt. */
  public static final int MAX_VARINT_BYTES = 5;

  private CallSitesFormat() {}

  /** Offset of {@code Ends[i]}. */
  public static long endOffset(long i) {
    return ENDS + END_BYTES * i;
  }

  /** Offset of {@code Nodes[i]} in a section of {@code count} entries. */
  public static long nodeOffset(long count, long i) {
    return endOffset(count + 1) + NODE_BYTES * i;
  }

  /** Offset of Data in a section of {@code count} entries. */
  public static long dataOffset(long count) {
    return nodeOffset(count, count);
  }

  /** Count as stored, unsigned; unchecked. */
  public static long storedCount(MemorySegment section) {
    return Integer.toUnsignedLong(section.get(INT, COUNT));
  }

  /** The reserved field as stored (zero in a sound section). */
  public static int storedZero(MemorySegment section) {
    return section.get(INT, ZERO);
  }

  /** {@code Ends[i]}, unsigned; unchecked. */
  public static long end(MemorySegment section, long i) {
    return Integer.toUnsignedLong(section.get(INT, endOffset(i)));
  }

  /** {@code Nodes[i]}; unchecked. */
  public static int node(MemorySegment section, long count, long i) {
    return section.get(INT, nodeOffset(count, i));
  }

  /**
   * The index i with {@code Nodes[i] == node}, or -1: a binary search (O(log count)) that assumes the order; on a
   * damaged section it may miss, never read out of bounds (the caller checked the section's length).
   */
  public static long find(MemorySegment section, long count, int node) {
    long lo = 0;
    long hi = count - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      int v = node(section, count, mid);
      if (v < node) {
        lo = mid + 1;
      } else if (v > node) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * The first index i in [0, count] with {@code Nodes[i] >= node}: a binary search (O(log count)) that assumes the
   * order; unchecked like {@link #find}.
   */
  public static long lowerBound(MemorySegment section, long count, int node) {
    long lo = 0;
    long hi = count;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (node(section, count, mid) < node) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Writes the section in one pass: {@code count} entries, entry i of node {@code node(i)} (strictly increasing)
   * being {@code entryBytes(i)} bytes written by {@code entry}.
   *
   * @throws IllegalArgumentException if the entries reach {@link #MAX_DATA_BYTES}, before anything is written
   */
  public static void write(SectionSink out, int count, IntUnaryOperator node, IntToLongFunction entryBytes,
      StringListFormat.ItemWriter entry) throws IOException {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += entryBytes.applyAsLong(i);
    }
    if (total >= MAX_DATA_BYTES) {
      throw new IllegalArgumentException("the call sites take " + total + " bytes, more than the " + MAX_DATA_BYTES
          + " a snapshot holds (Ends are UInt32)");
    }
    out.putInt(count);
    out.putInt(0);
    long end = 0;
    out.putInt(0);
    for (int i = 0; i < count; i++) {
      end += entryBytes.applyAsLong(i);
      out.putInt((int) end);
    }
    for (int i = 0; i < count; i++) {
      out.putInt(node.applyAsInt(i));
    }
    for (int i = 0; i < count; i++) {
      entry.write(i, out);
    }
  }

  /** Writes the section from {@code nodes[0, count)} (strictly increasing) and their entries. */
  public static void write(SectionSink out, int[] nodes, byte[][] entries, int count) throws IOException {
    write(out, count, i -> nodes[i], i -> entries[i].length, (i, o) -> o.put(entries[i]));
  }

  /**
   * Builds one entry: {@link #add} each edge with lines in row order, then {@link #toByteArray}. Reusable after
   * {@link #reset}. Mutable, single-threaded; O(bytes written).
   */
  public static final class EntryEncoder {
    private byte[] bytes = new byte[64];
    private int size;
    private int lastPosition = -1;
    private long lastFirst;

    /** Starts a new entry. */
    public EntryEncoder reset() {
      size = 0;
      lastPosition = -1;
      lastFirst = 0;
      return this;
    }

    /** Whether nothing was added since the last reset. */
    public boolean isEmpty() {
      return size == 0;
    }

    /**
     * Adds the edge at row position {@code position} with lines {@code lines[from, from + count)}, strictly
     * increasing and at least 1.
     *
     * @throws IllegalArgumentException if the position does not increase or the lines break the rule
     */
    public EntryEncoder add(int position, int[] lines, int from, int count) {
      if (position <= lastPosition || count < 1) {
        throw new IllegalArgumentException("row position " + position + " after " + lastPosition + " with "
            + count + " lines");
      }
      long skip = position - lastPosition - 1L;
      varInt(skip * HEAD_LINES + Math.min(count, HEAD_LINES) - 1);
      if (count >= HEAD_LINES) {
        varInt(count - HEAD_LINES);
      }
      int first = lines[from];
      if (first < 1) {
        throw new IllegalArgumentException("line " + first + " is below 1");
      }
      long d = first - lastFirst;
      varInt((d << 1) ^ (d >> 63));
      int previous = first;
      for (int i = from + 1; i < from + count; i++) {
        if (lines[i] <= previous) {
          throw new IllegalArgumentException("lines not strictly increasing: " + lines[i] + " after " + previous);
        }
        varInt(lines[i] - previous);
        previous = lines[i];
      }
      lastPosition = position;
      lastFirst = first;
      return this;
    }

    /** Adds the edge at {@code position} with all of {@code lines}. */
    public EntryEncoder add(int position, int[] lines) {
      return add(position, lines, 0, lines.length);
    }

    /** The entry's bytes (a new array). */
    public byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void varInt(long value) {
      if (bytes.length - size < MAX_VARINT_BYTES) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      long v = value;
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) (v & 0x7F | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }
  }

  // ---------------------------------------------------------------- reads

  /** An entry that does not follow the grammar: where (an offset in the section) and what. */
  public static final class MalformedEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    MalformedEntryException(long offset, String problem) {
      super(problem, null, false, false);
      this.offset = offset;
    }

    /** The offset in the section where the problem lies. */
    public long offset() {
      return offset;
    }
  }

  /**
   * Walks one entry, {@code section[from, to)}, of a node with {@code rowLength} out-edges: {@link #next()} moves
   * to the next edge with lines and returns its row position (or -1 at the end), then {@link #lineCount()} and
   * {@link #line(int)} give its lines. Every value is checked against the grammar and the entry's bounds, so a
   * damaged entry raises {@link MalformedEntryException} and allocates no more than its bytes justify (the lines
   * buffer holds at most one line per byte read). Mutable, single-threaded.
   */
  public static final class EntryDecoder {
    private final MemorySegment section;
    private final long limit;
    private final int rowLength;
    private long pos;
    private int position = -1;
    private long lastFirst;
    private int[] lines = new int[8];
    private int lineCount;

    /** A decoder over {@code section[from, to)} for a row of {@code rowLength} edges. */
    public EntryDecoder(MemorySegment section, long from, long to, int rowLength) {
      this.section = section;
      this.pos = from;
      this.limit = to;
      this.rowLength = rowLength;
    }

    /**
     * The row position of the next edge with lines, or -1 when the entry is exhausted.
     *
     * @throws MalformedEntryException if the bytes break the grammar
     */
    public int next() {
      if (pos >= limit) {
        return -1;
      }
      long at = pos;
      long head = varInt("Head");
      long p = position + 1L + head / HEAD_LINES;
      if (p >= rowLength) {
        throw new MalformedEntryException(at, "edge position out of range: actual=" + p + " vs expected<"
            + rowLength + " (the node's out-degree)");
      }
      long countAt = pos;
      long count = head % HEAD_LINES + 1;
      if (count == HEAD_LINES) {
        count += varInt("MoreLines");
      }
      if (count > limit - pos) {
        throw new MalformedEntryException(countAt, "LineCount out of range: actual=" + count + " vs expected in [1, "
            + (limit - pos) + "] (one byte per line at least)");
      }
      if (lines.length < count) {
        lines = new int[(int) Math.max(count, 2L * lines.length)];
      }
      long firstAt = pos;
      long z = varInt("First");
      long first = lastFirst + ((z >>> 1) ^ -(z & 1));
      if (first < 1 || first > Integer.MAX_VALUE) {
        throw new MalformedEntryException(firstAt, "first line out of range: actual=" + first + " vs expected in [1, "
            + Integer.MAX_VALUE + "]");
      }
      lines[0] = (int) first;
      long line = first;
      for (int i = 1; i < count; i++) {
        long gapAt = pos;
        long gap = varInt("Gap");
        line += gap;
        if (gap < 1 || line > Integer.MAX_VALUE) {
          throw new MalformedEntryException(gapAt, "line gap out of range: actual=" + gap + " (line " + line
              + ") vs expected>=1 and lines<=" + Integer.MAX_VALUE);
        }
        lines[i] = (int) line;
      }
      lineCount = (int) count;
      lastFirst = first;
      position = (int) p;
      return position;
    }

    /** The number of lines of the current edge. */
    public int lineCount() {
      return lineCount;
    }

    /** Line {@code i} of the current edge. */
    public int line(int i) {
      return lines[i];
    }

    /** The current edge's lines, a new array. */
    public int[] lines() {
      return Arrays.copyOf(lines, lineCount);
    }

    private long varInt(String what) {
      long start = pos;
      long value = 0;
      for (int shift = 0; shift < 7 * MAX_VARINT_BYTES; shift += 7) {
        if (pos >= limit) {
          throw new MalformedEntryException(pos, what + " runs past the entry (ends at " + limit + ")");
        }
        int b = section.get(BYTE, pos++) & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value; // below 2^35: five 7-bit groups

        }
      }
      throw new MalformedEntryException(start, what + " VarInt is longer than " + MAX_VARINT_BYTES + " bytes");
    }
  }
}
