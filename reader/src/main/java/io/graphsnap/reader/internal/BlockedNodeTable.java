package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.BitPacking;
import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;

/**
 * The NODES section in blocks ({@link BlockedNodeFormat}). Open checks the Header (as {@link PackedNodeTable} does),
 * BlockBit[0] = 0 and the length against BlockBit[B], in O(1); each read checks its block (its fields and record
 * inside it, its widths at most the Header's, the FileIndex below its Files) and what the Header cannot bound: a
 * kind id against K, a file id against F, the lines against the int range. {@link #verifyEncoding} checks that every
 * block is the rule's (its Files exactly its nodes' distinct files in order, its minima and widths the smallest, no
 * bits between blocks), the Header is the rule's and the padding is zero. A failure is a corrupt-snapshot exception
 * naming NODES and the offset. Immutable; thread-safe.
 */
final class BlockedNodeTable implements NodeTable {
  private final Section section;
  private final PackedNodeFormat.Header header;
  private final BlockedNodeFormat.Fields fields;
  private final int nodeCount;
  private final int kindCount;
  private final int fileCount;
  private final long totalBits;

  BlockedNodeTable(Section section, int nodeCount, int kindCount, int fileCount) {
    PackedNodeFormat.Header h = PackedNodeTable.checkedHeader(section);
    long blocks = BlockedNodeFormat.blockCount(nodeCount);
    long least = BlockedNodeFormat.blocksAt(nodeCount) + BitPacking.areaBytes(0);
    if (section.length() < least) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + least + " ("
          + (blocks + 1) + " block offsets and at least the zero word)");
    }
    long first = section.bytes().get(io.graphsnap.format.snapshot.LittleEndian.LONG, BlockedNodeFormat.blockBitAt(0));
    if (first != 0) {
      throw section.corrupt(BlockedNodeFormat.blockBitAt(0), "BlockBit[0] is not 0: actual=" + first);
    }
    long total = section.bytes().get(io.graphsnap.format.snapshot.LittleEndian.LONG,
        BlockedNodeFormat.blockBitAt(blocks));
    if (total < 0 || total > 8 * section.length()) {
      throw section.corrupt(BlockedNodeFormat.blockBitAt(blocks), "BlockBit[B] out of range: actual=" + total
          + " vs expected in [0, 8 * the section's length]");
    }
    section.requireLength(BlockedNodeFormat.sectionBytes(nodeCount, total), blocks + " blocks of " + total
        + " bits");
    this.section = section;
    this.header = h;
    this.fields = new BlockedNodeFormat.Fields(section.bytes(), h, nodeCount);
    this.nodeCount = nodeCount;
    this.kindCount = kindCount;
    this.fileCount = fileCount;
    this.totalBits = total;
  }

  private RuntimeException damaged(int id) {
    long b = (long) id >>> BlockedNodeFormat.BLOCK_SHIFT;
    return section.corrupt(BlockedNodeFormat.blockBitAt(b), "block " + b + " of node " + id + " is damaged: its"
        + " fields or records run past its end (BlockBit[" + (b + 1) + "]), a width exceeds the Header's, or a"
        + " FileIndex is past its Files");
  }

  @Override
  public int fileId(int id) {
    long file = fields.fileId(id);
    if (file == BlockedNodeFormat.Fields.DAMAGED) {
      throw damaged(id);
    }
    return PackedNodeTable.checkedFile(this, id, file, fileCount);
  }

  @Override
  public int kindId(int id) {
    long kind = fields.kindId(id);
    if (kind == BlockedNodeFormat.Fields.DAMAGED) {
      throw damaged(id);
    }
    return PackedNodeTable.checkedKind(this, id, kind, kindCount);
  }

  @Override
  public int lineStart(int id) {
    return line(id, fields.lineStart(id), "LineStart");
  }

  @Override
  public int lineEnd(int id) {
    return line(id, fields.lineEnd(id), "LineEnd");
  }

  private int line(int id, long line, String what) {
    if (line == BlockedNodeFormat.Fields.DAMAGED) {
      throw damaged(id);
    }
    if (line != (int) line) {
      throw section.corrupt(fileIdOffset(id), "node " + id + " " + what + " outside the int range: actual=" + line);
    }
    return (int) line;
  }

  @Override
  public int flags(int id) {
    int flags = fields.flags(id);
    if (flags < 0) {
      throw damaged(id);
    }
    return flags;
  }

  @Override
  public Section section() {
    return section;
  }

  @Override
  public long flagsOffset(int id) {
    return fileIdOffset(id);
  }

  @Override
  public long kindIdOffset(int id) {
    return fileIdOffset(id);
  }

  /** Offset of the first byte of node {@code id}'s record, or of its block's BlockBit when the block is damaged. */
  @Override
  public long fileIdOffset(int id) {
    BlockedNodeFormat.Fields.Block block = fields.block(id);
    return block == null ? BlockedNodeFormat.blockBitAt((long) id >>> BlockedNodeFormat.BLOCK_SHIFT)
        : fields.offsetOf(block.record());
  }

  @Override
  public void verifyEncoding() {
    long[] max = new long[4]; // File, Start, Span, Kind as stored (from the Header's bases)
    long minStart = Long.MAX_VALUE;
    long minSpan = Long.MAX_VALUE;
    long previousEnd = 0;
    for (int from = 0; from < nodeCount; from += BlockedNodeFormat.BLOCK) {
      int to = Math.min(nodeCount, from + BlockedNodeFormat.BLOCK);
      long blockAt = BlockedNodeFormat.blockBitAt((long) from >>> BlockedNodeFormat.BLOCK_SHIFT);
      long begin = section.bytes().get(io.graphsnap.format.snapshot.LittleEndian.LONG, blockAt);
      if (begin != previousEnd) {
        throw section.corrupt(blockAt, "block of node " + from + " does not start where the one before ends: "
            + "BlockBit=" + begin + " vs expected=" + previousEnd);
      }
      BlockedNodeFormat.Fields.Block block = fields.block(from);
      if (block == null) {
        throw damaged(from);
      }
      if (block.recordsEnd() != block.end()) {
        throw section.corrupt(blockAt, "block of node " + from + " has " + (block.end() - block.recordsEnd()) + " bits after"
            + " its records (expected none)");
      }
      boolean[] used = new boolean[block.fileCount()];
      long blockStartMin = Long.MAX_VALUE;
      long blockStartMax = 0;
      long blockSpanMin = Long.MAX_VALUE;
      long blockSpanMax = 0;
      for (int v = from; v < to; v++) {
        fileId(v);
        int kind = kindId(v);
        lineStart(v);
        lineEnd(v);
        flags(v);
        BlockedNodeFormat.Fields.Block r = fields.block(v);
        long index = fields.field(r.record(), r.indexBits());
        used[(int) index] = true;
        long start = fields.field(r.record() + r.indexBits(), r.startWidth());
        long span = fields.field(r.record() + r.indexBits() + r.startWidth(), r.spanWidth());
        blockStartMin = Math.min(blockStartMin, start);
        blockStartMax = Math.max(blockStartMax, start);
        blockSpanMin = Math.min(blockSpanMin, span);
        blockSpanMax = Math.max(blockSpanMax, span);
        max[1] = Math.max(max[1], block.startMin() + start);
        max[2] = Math.max(max[2], block.spanMin() + span);
        max[3] = Math.max(max[3], kind);
        minStart = Math.min(minStart, block.startMin() + start);
        minSpan = Math.min(minSpan, block.spanMin() + span);
      }
      long previousFile = -1;
      for (int i = 0; i < block.fileCount(); i++) {
        long file = fields.field(block.files() + (long) i * header.fileBits(), header.fileBits());
        if (!used[i] || file <= previousFile) {
          throw section.corrupt(blockAt, "Files of the block of node " + from + " are not its nodes' distinct files in"
              + " increasing order (entry " + i + ")");
        }
        previousFile = file;
        max[0] = Math.max(max[0], file);
      }
      if (blockStartMin != 0 || blockSpanMin != 0 || BitPacking.widthFor(blockStartMax) != block.startWidth()
          || BitPacking.widthFor(blockSpanMax) != block.spanWidth()) {
        throw section.corrupt(blockAt, "StartMin, SpanMin or a width of the block of node " + from + " is not the"
            + " rule's (the smallest value, the bits of the largest difference)");
      }
      previousEnd = block.end();
    }
    if (previousEnd != totalBits) {
      throw section.corrupt(BlockedNodeFormat.blockBitAt(BlockedNodeFormat.blockCount(nodeCount)), "BlockBit[B] is not"
          + " where the last block ends: actual=" + totalBits + " vs expected=" + previousEnd);
    }
    PackedNodeTable.checkHeaderRule(section, header, nodeCount, max, minStart, minSpan);
    PackedNodeTable.checkZeroPadding(section, BlockedNodeFormat.blocksAt(nodeCount), totalBits);
  }
}
