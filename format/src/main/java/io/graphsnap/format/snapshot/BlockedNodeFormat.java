package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The node table of a compact file from format version {@link SnapshotFormat#VERSION_BLOCKED_NODES}
 * ({@link SectionId#NODES}): {@link PackedNodeFormat}'s fields, in blocks of {@value #BLOCK} nodes, each block with its
 * own widths. Ids follow name order, so a block holds a few classes' members: they come from a few files and their
 * lines are small numbers, while a table-wide width pays for the largest file id and the longest file everywhere. A
 * block lists its distinct files once (each node stores an index into that list) and stores its lines from its own
 * smallest ones. The grammar:
 *
 * <pre>
 * Nodes     --&gt; Header, BlockBit UInt64^(B+1), Blocks                B = ⌈N / {@value #BLOCK}⌉
 * Header    --&gt; as {@link PackedNodeFormat}'s: FileBits, StartBits, SpanBits, KindBits, FlagBits UInt8, Zero Byte^3,
 *               StartBase Int64, SpanBase Int64
 * Blocks    --&gt; {@link BitPacking Packed} of BlockBit[B] bits; block b at bit BlockBit[b] (BlockBit[0] = 0)
 * Block     --&gt; FilesLess1 UInt6, StartWidth UInt6, SpanWidth UInt6, StartMin (StartBits), SpanMin (SpanBits),
 *               File^(FilesLess1+1) (FileBits each), Record^c               c = min({@value #BLOCK}, N − {@value #BLOCK}·b)
 * Record    --&gt; FileIndex (IndexBits), Start (StartWidth), Span (SpanWidth), Kind (KindBits), Flags (FlagBits)
 * </pre>
 *
 * <ul>
 *   <li>The stored values are {@link PackedNodeFormat}'s: File = FileId + 1, Start = LineStart − StartBase, Span =
 *       LineEnd − LineStart − SpanBase, Kind, Flags; the Header is the one {@link PackedNodeFormat#write} writes for
 *       the same columns (table-wide widths and bases by its rule).
 *   <li>A block's Files are the distinct File values of its nodes, increasing; a node's FileIndex is its File's
 *       position there, in IndexBits = {@link BitPacking#widthFor}(FilesLess1) bits. StartMin and SpanMin are the
 *       smallest Start and Span of the block; a Record holds Start − StartMin and Span − SpanMin; StartWidth and
 *       SpanWidth are {@link BitPacking#widthFor} of the block's largest of those (so at most StartBits, SpanBits).
 *       That is the rule, so a full and an incremental build give the same bytes.
 *   <li>BlockBit[b + 1] − BlockBit[b] is block b's length in bits; the section is
 *       {@value #HEADER_BYTES} + 8·(B + 1) + {@link BitPacking#areaBytes}(BlockBit[B]) bytes.
 * </ul>
 * A read is O(1): two directory loads (BlockBit[b] and BlockBit[b + 1], one cache line), then the block's fixed-position fields (the three widths in one load, the two
 * minima), so every position in the block is known at once; then the record's fields, all within the block (a cache
 * line or two). Stateless and thread-safe; {@link Fields} is immutable.
 */
public final class BlockedNodeFormat {
  /** Nodes per block. */
  public static final int BLOCK = 64;
  /** log2 of {@link #BLOCK}. */
  public static final int BLOCK_SHIFT = 6;
  /** Bits of FilesLess1, StartWidth and SpanWidth. */
  public static final int SMALL_BITS = 6;
  private static final long SMALL_MASK = (1L << SMALL_BITS) - 1;
  /** Bytes of the Header (as {@link PackedNodeFormat#HEADER_BYTES}). */
  public static final int HEADER_BYTES = PackedNodeFormat.HEADER_BYTES;

  private BlockedNodeFormat() {}

  /**
   * Whether NODES of a file is blocked: a file with the compact adjacency from version
   * {@link SnapshotFormat#VERSION_BLOCKED_NODES} on (before it, {@link PackedNodeFormat#packed} says packed or fixed).
   */
  public static boolean blocked(int formatVersion, CompactCsrFormat.Layout layout) {
    return formatVersion >= SnapshotFormat.VERSION_BLOCKED_NODES && layout == CompactCsrFormat.Layout.COMPACT;
  }

  /** {@link #blocked(int, CompactCsrFormat.Layout)} for a file with this header. */
  public static boolean blocked(SnapshotHeader header) {
    return blocked(header.formatVersion(), CompactCsrFormat.layoutOf(header));
  }

  /** Number of blocks for {@code nodeCount} nodes. */
  public static long blockCount(long nodeCount) {
    return (nodeCount + BLOCK - 1) >>> BLOCK_SHIFT;
  }

  /** Offset of BlockBit[b]. */
  public static long blockBitAt(long b) {
    return HEADER_BYTES + 8 * b;
  }

  /** Offset of Blocks for {@code nodeCount} nodes. */
  public static long blocksAt(long nodeCount) {
    return blockBitAt(blockCount(nodeCount) + 1);
  }

  /** The section's length for {@code nodeCount} nodes whose blocks take {@code blockBits} bits in all. */
  public static long sectionBytes(long nodeCount, long blockBits) {
    return blocksAt(nodeCount) + BitPacking.areaBytes(blockBits);
  }

  /**
   * Writes the section for the node columns {@code [0, nodeCount)} (as {@link PackedNodeFormat#write} takes them),
   * by the rule. Two passes over the columns (the directory before the blocks); O(N) time, O(1) memory.
   *
   * @throws IllegalArgumentException if a flag other than the two known ones is set, or a FileId is below −1
   */
  public static void write(SectionSink out, int nodeCount, int[] fileId, int[] lineStart, int[] lineEnd, int[] kindId,
      int[] flags) throws IOException {
    PackedNodeFormat.Header h = PackedNodeFormat.writeHeader(out, nodeCount, fileId, lineStart, lineEnd, kindId, flags);
    BlockWriter blocks = new BlockWriter(h, fileId, lineStart, lineEnd, kindId, flags);
    long bit = 0;
    out.putLong(0);
    for (int from = 0; from < nodeCount; from += BLOCK) {
      bit += blocks.layout(from, Math.min(nodeCount, from + BLOCK));
      out.putLong(bit);
    }
    BitPacking.Writer packed = new BitPacking.Writer(out);
    for (int from = 0; from < nodeCount; from += BLOCK) {
      int to = Math.min(nodeCount, from + BLOCK);
      blocks.layout(from, to);
      blocks.write(packed, from, to);
    }
    packed.finish();
  }

  /** One block's layout computed from the columns, then its bits written. Scratch arrays; single-threaded. */
  private static final class BlockWriter {
    private final PackedNodeFormat.Header h;
    private final int[] fileId;
    private final int[] lineStart;
    private final int[] lineEnd;
    private final int[] kindId;
    private final int[] flags;
    private final long[] files = new long[BLOCK];
    private int fileCount;
    private int indexBits;
    private long startMin;
    private long spanMin;
    private int startWidth;
    private int spanWidth;

    BlockWriter(PackedNodeFormat.Header h, int[] fileId, int[] lineStart, int[] lineEnd, int[] kindId, int[] flags) {
      this.h = h;
      this.fileId = fileId;
      this.lineStart = lineStart;
      this.lineEnd = lineEnd;
      this.kindId = kindId;
      this.flags = flags;
    }

    private long start(int v) {
      return lineStart[v] - h.startBase();
    }

    private long span(int v) {
      return (long) lineEnd[v] - lineStart[v] - h.spanBase();
    }

    /** Computes the layout of the block of nodes [from, to); returns its length in bits. */
    long layout(int from, int to) {
      long startMax = 0;
      long spanMax = 0;
      startMin = Long.MAX_VALUE;
      spanMin = Long.MAX_VALUE;
      for (int v = from; v < to; v++) {
        files[v - from] = fileId[v] + 1L;
        startMin = Math.min(startMin, start(v));
        startMax = Math.max(startMax, start(v));
        spanMin = Math.min(spanMin, span(v));
        spanMax = Math.max(spanMax, span(v));
      }
      Arrays.sort(files, 0, to - from);
      fileCount = 0;
      for (int i = 0; i < to - from; i++) {
        if (i == 0 || files[i] != files[i - 1]) {
          files[fileCount++] = files[i];
        }
      }
      indexBits = BitPacking.widthFor(fileCount - 1);
      startWidth = BitPacking.widthFor(startMax - startMin);
      spanWidth = BitPacking.widthFor(spanMax - spanMin);
      long header = 3L * SMALL_BITS + (long) fileCount * h.fileBits() + h.startBits() + h.spanBits();
      long record = indexBits + startWidth + spanWidth + h.kindBits() + h.flagBits();
      return header + (to - from) * record;
    }

    /** Writes the block of nodes [from, to), whose {@link #layout} was computed last. */
    void write(BitPacking.Writer out, int from, int to) throws IOException {
      out.add(fileCount - 1, SMALL_BITS);
      out.add(startWidth, SMALL_BITS);
      out.add(spanWidth, SMALL_BITS);
      out.add(startMin, h.startBits());
      out.add(spanMin, h.spanBits());
      for (int i = 0; i < fileCount; i++) {
        out.add(files[i], h.fileBits());
      }
      for (int v = from; v < to; v++) {
        out.add(Arrays.binarySearch(files, 0, fileCount, fileId[v] + 1L), indexBits);
        out.add(start(v) - startMin, startWidth);
        out.add(span(v) - spanMin, spanWidth);
        out.add(kindId[v], h.kindBits());
        out.add(flags[v], h.flagBits());
      }
    }
  }

  /**
   * Node reads over a blocked section whose Header and BlockBit[B] the caller has checked against the section's
   * length: each read locates its block and checks that the block's fields and the record lie within it (BlockBit
   * ordered, the block's widths at most the Header's, the FileIndex within Files), so no read leaves the section;
   * a read from a damaged block returns {@link #DAMAGED} (a value no field can hold) instead. O(1) per read.
   * Immutable; thread-safe.
   */
  public static final class Fields implements NodeFields {
    /** What a read of a damaged block returns (below −1, outside the int range). */
    public static final long DAMAGED = Long.MIN_VALUE;

    private final MemorySegment nodes;
    private final PackedNodeFormat.Header h;
    private final long blocks;
    private final long totalBits;
    private final long nodeCount;

    /** Reads over {@code nodes} of {@code nodeCount} nodes, whose header is {@code h}. */
    public Fields(MemorySegment nodes, PackedNodeFormat.Header h, long nodeCount) {
      this.nodes = nodes;
      this.h = h;
      this.nodeCount = nodeCount;
      this.blocks = blocksAt(nodeCount);
      this.totalBits = nodes.get(LONG, blockBitAt(blockCount(nodeCount)));
    }

    /** The layout of the block of node {@code id}, checked; null if it does not fit in its block. */
    public Block block(long id) {
      long b = id >>> BLOCK_SHIFT;
      long first = nodes.get(LONG, blockBitAt(b));
      long end = nodes.get(LONG, blockBitAt(b + 1));
      if (first < 0 || first > end || end > totalBits) {
        return null;
      }
      long files = first + 3 * SMALL_BITS + h.startBits() + h.spanBits();
      if (files > end) {
        return null;
      }
      long widths = get(first, 3 * SMALL_BITS); // FilesLess1, StartWidth, SpanWidth: one load
      int fileCount = (int) (widths & SMALL_MASK) + 1;
      int startWidth = (int) (widths >>> SMALL_BITS & SMALL_MASK);
      int spanWidth = (int) (widths >>> 2 * SMALL_BITS);
      long startMin = get(first + 3 * SMALL_BITS, h.startBits());
      long spanMin = get(first + 3 * SMALL_BITS + h.startBits(), h.spanBits());
      long p = files + (long) fileCount * h.fileBits();
      if (startWidth > h.startBits() || spanWidth > h.spanBits()) {
        return null;
      }
      int indexBits = BitPacking.widthFor(fileCount - 1);
      int recordBits = indexBits + startWidth + spanWidth + h.kindBits() + h.flagBits();
      long count = Math.min(BLOCK, nodeCount - (b << BLOCK_SHIFT));
      if (p + count * recordBits > end) {
        return null;
      }
      return new Block(files, fileCount, indexBits, startWidth, startMin, spanWidth, spanMin,
          p + (id & (BLOCK - 1)) * recordBits, p, p + count * recordBits, end);
    }

    /**
     * One block's layout and one node's record in it (bit positions in Blocks).
     *
     * @param files bit of Files
     * @param record bit of the node's Record
     * @param records bit of the block's first Record
     * @param recordsEnd bit one past the block's last Record
     * @param end BlockBit[b + 1]
     */
    public record Block(long files, int fileCount, int indexBits, int startWidth, long startMin, int spanWidth,
        long spanMin, long record, long records, long recordsEnd, long end) {}

    private long get(long bit, int width) {
      return BitPacking.get(nodes, blocks, bit, width);
    }

    /** Byte offset in the section of bit {@code bit} of Blocks (for messages). */
    public long offsetOf(long bit) {
      return blocks + (bit >>> 3);
    }

    /** The raw field of {@code width} bits at bit {@code bit} of Blocks (for checks; the caller keeps it inside). */
    public long field(long bit, int width) {
      return get(bit, width);
    }

    @Override
    public long fileId(long id) {
      Block block = block(id);
      if (block == null) {
        return DAMAGED;
      }
      long index = get(block.record, block.indexBits);
      return index >= block.fileCount ? DAMAGED : get(block.files + index * h.fileBits(), h.fileBits()) - 1;
    }

    @Override
    public long lineStart(long id) {
      Block block = block(id);
      return block == null ? DAMAGED : h.startBase() + block.startMin + get(block.record + block.indexBits, block.startWidth);
    }

    @Override
    public long lineEnd(long id) {
      Block block = block(id);
      if (block == null) {
        return DAMAGED;
      }
      long at = block.record + block.indexBits;
      return h.startBase() + block.startMin + get(at, block.startWidth) + h.spanBase() + block.spanMin
          + get(at + block.startWidth, block.spanWidth);
    }

    @Override
    public long kindId(long id) {
      Block block = block(id);
      return block == null ? DAMAGED : get(block.record + block.indexBits + block.startWidth + block.spanWidth, h.kindBits());
    }

    @Override
    public int flags(long id) {
      Block block = block(id);
      return block == null ? -1 : (int) get(block.record + block.indexBits + block.startWidth + block.spanWidth + h.kindBits(),
          h.flagBits());
    }
  }
}
