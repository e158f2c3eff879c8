package io.graphsnap.builder.internal.spill;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import io.graphsnap.format.snapshot.LittleEndian;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The collected edges, in arrival order, as columns in blocks of bounded size: the current block is in memory;
 * when it passes its byte cap at the end of an object, it is appended to one spill file and emptied. Each edge is
 * a source declaration, a provisional type id and a provisional target name id; an edge with lines (a site) also
 * has its index in the block and the end of its lines in the block's line column. {@link #forEachBlock} reads the
 * spilled blocks back in order (checking every count against the file), then the block in memory.
 *
 * <p>Spill file layout, per block: {@code Edges Int32, Sited Int32, Lines Int32, Packed Int32, Target Int32^Edges,
 * Packed Byte^Packed}, little-endian; the targets stay fixed-width so that {@link #rewriteTargets} rewrites them in
 * place; the packed bytes are varints (LEB128): each source as the zigzag difference from the edge before it (an
 * object's declarations are numbered in a row, so mostly one byte), each type, each sited edge's index and line end
 * as the gap from the sited edge before it, each line as the zigzag difference from the line before it. About 6 bytes
 * an edge on disk instead of 12. Memory: 12 bytes per edge, 8 per sited edge and 4 per line of the current block, at
 * most the cap plus one object's edges. Mutable, not thread-safe.
 */
public final class EdgeBlocks {
  /** A spilled block's counts: edges, sited edges, lines, packed bytes. */
  private static final int BLOCK_HEADER_BYTES = 16;

  /** Source declaration of each edge of the current block. */
  public IntArrayList source = new IntArrayList();
  /** Provisional type id of each edge. */
  public IntArrayList type = new IntArrayList();
  /** Provisional target name id of each edge. */
  public IntArrayList target = new IntArrayList();
  /** The block index of each edge with lines, increasing. */
  public IntArrayList sitedEdge = new IntArrayList();
  /** The end of each sited edge's lines in {@link #siteLines}. */
  public IntArrayList sitedLineEnd = new IntArrayList();
  /** Lines of the sited edges, one after the other. */
  public IntArrayList siteLines = new IntArrayList();

  private final SpillFiles files;
  private final long blockBytes;
  private SpillWriter out;
  private long spilledBytes;
  private long spilledEdges;
  private long spilledLines;
  private int spilledBlocks;

  /** Edges spilled to {@code files} in blocks of about {@code blockBytes}. */
  public EdgeBlocks(SpillFiles files, long blockBytes) {
    this.files = files;
    this.blockBytes = blockBytes;
  }

  /** Edges collected, spilled or not. */
  public long edgeCount() {
    return spilledEdges + source.size();
  }

  /** Lines collected, spilled or not. */
  public long lineCount() {
    return spilledLines + siteLines.size();
  }

  /** Whether any block was spilled. */
  public boolean spilled() {
    return spilledBlocks > 0;
  }

  /** The bytes the current block holds. */
  private long bytes() {
    return 12L * source.size() + 8L * sitedEdge.size() + 4L * siteLines.size();
  }

  /** Called at the end of each object: spills the current block if it passed the cap. */
  public void endObject() throws IOException {
    if (bytes() > blockBytes) {
      spill();
    }
  }

  private void spill() throws IOException {
    if (out == null) {
      Path path = files.create("edges");
      out = new SpillWriter(files, path, 1 << 16);
    }
    spilledEdges += source.size();
    spilledLines += siteLines.size();
    long packed = packedBytes(source, Packing.SIGNED_GAP) + packedBytes(type, Packing.PLAIN)
        + packedBytes(sitedEdge, Packing.GAP) + packedBytes(sitedLineEnd, Packing.GAP)
        + packedBytes(siteLines, Packing.SIGNED_GAP);
    out.putInt(source.size());
    out.putInt(sitedEdge.size());
    out.putInt(siteLines.size());
    out.putInt(Math.toIntExact(packed));
    out.putInts(target.elements(), 0, target.size());
    long start = out.position();
    putPacked(source, Packing.SIGNED_GAP);
    putPacked(type, Packing.PLAIN);
    putPacked(sitedEdge, Packing.GAP);
    putPacked(sitedLineEnd, Packing.GAP);
    putPacked(siteLines, Packing.SIGNED_GAP);
    if (out.position() - start != packed) {
      throw new IllegalStateException("edge block packed to " + (out.position() - start) + " bytes, counted " + packed);
    }
    for (IntArrayList column : new IntArrayList[] {source, type, target, sitedEdge, sitedLineEnd, siteLines}) {
      column.clear();
    }
    spilledBlocks++;
    spilledBytes = out.position();
  }

  /** How a column is packed into varints. */
  private enum Packing {
    /** Each value as is (non-negative). */
    PLAIN,
    /** Each value as the gap from the one before, the first from 0 (a column that never decreases). */
    GAP,
    /** Each value as the zigzag difference from the one before, the first from 0. */
    SIGNED_GAP;

    long encode(int value, int last) {
      return switch (this) {
        case PLAIN -> value;
        case GAP -> (long) value - last;
        case SIGNED_GAP -> SpillWriter.zigzag((long) value - last);
      };
    }

    long decode(long stored, int last) {
      return switch (this) {
        case PLAIN -> stored;
        case GAP -> last + stored;
        case SIGNED_GAP -> last + SpillWriter.unzigzag(stored);
      };
    }
  }

  private static long packedBytes(IntArrayList column, Packing packing) {
    int[] v = column.elements();
    long bytes = 0;
    int last = 0;
    for (int i = 0, n = column.size(); i < n; i++) {
      bytes += SpillWriter.varLongBytes(packing.encode(v[i], last));
      last = v[i];
    }
    return bytes;
  }

  private void putPacked(IntArrayList column, Packing packing) throws IOException {
    int[] v = column.elements();
    int last = 0;
    for (int i = 0, n = column.size(); i < n; i++) {
      out.putVarLong(packing.encode(v[i], last));
      last = v[i];
    }
  }

  /** Reads {@code count} packed values into a column ({@code into} if long enough); a value off an int is damage. */
  private static int[] getPacked(SpillReader in, int[] into, int count, Packing packing) throws IOException {
    int[] a = into.length >= count ? into : new int[count];
    int last = 0;
    for (int i = 0; i < count; i++) {
      long v = packing.decode(in.getVarLong(), last);
      if (v != (int) v || (packing != Packing.SIGNED_GAP && v < 0)) {
        throw new IOException("spill file " + in.path() + ": a packed edge column holds " + v
            + ", not a valid id (a damaged temporary file)");
      }
      a[i] = last = (int) v;
    }
    return a;
  }

  /** One block's columns, valid during the visit: arrays with {@link #edges}, {@link #sited}, {@link #lines} used. */
  public static final class Block {
    /** Source declaration, provisional type, provisional target of each edge. */
    public int[] source;
    /** See {@link #source}. */
    public int[] type;
    /** See {@link #source}. */
    public int[] target;
    /** Block index of each sited edge, and the end of its lines. */
    public int[] sitedEdge;
    /** See {@link #sitedEdge}. */
    public int[] sitedLineEnd;
    /** The lines. */
    public int[] siteLines;
    /** Counts. */
    public int edges;
    /** See {@link #edges}. */
    public int sited;
    /** See {@link #edges}. */
    public int lines;
  }

  /** What is done with each block. */
  @FunctionalInterface
  public interface BlockVisitor {
    /** Visits {@code block}; its arrays may be reused after the call. */
    void visit(Block block) throws IOException;
  }

  /**
   * Visits every block in arrival order: the spilled ones read back from the file (one at a time, in reused
   * arrays), then the one in memory (its own arrays, which the visitor may modify; empty once anything spilled).
   *
   * @throws IOException if the spill file cannot be read or a count in it does not fit (truncated, damaged)
   */
  public void forEachBlock(BlockVisitor visitor) throws IOException {
    sealLastBlock();
    if (out != null) {
      Block b = new Block();
      b.source = b.type = b.target = b.sitedEdge = b.sitedLineEnd = b.siteLines = new int[0];
      try (SpillReader in = new SpillReader(out.path(), 0, spilledBytes, 1 << 16)) {
        for (int i = 0; i < spilledBlocks; i++) {
          b.edges = in.getInt();
          b.sited = in.getInt();
          b.lines = in.getInt();
          int packed = in.getInt();
          long need = 4L * b.edges + packed;
          // A varint is at least one byte: the packed bytes hold at least one per value.
          if (b.edges < 0 || b.sited < 0 || b.lines < 0 || b.sited > b.edges || packed < 0
              || packed < 2L * b.edges + 2L * b.sited + b.lines || need > in.remaining()) {
            throw new IOException("spill file " + out.path() + ": block " + i + " claims " + b.edges + " edges, "
                + b.sited + " sited, " + b.lines + " lines, " + packed + " packed bytes (" + need + " bytes), "
                + in.remaining() + " bytes remain (a damaged or truncated temporary file)");
          }
          long blockEnd = in.remaining() - need;
          b.target = fill(in, b.target, b.edges);
          b.source = getPacked(in, b.source, b.edges, Packing.SIGNED_GAP);
          b.type = getPacked(in, b.type, b.edges, Packing.PLAIN);
          b.sitedEdge = getPacked(in, b.sitedEdge, b.sited, Packing.GAP);
          b.sitedLineEnd = getPacked(in, b.sitedLineEnd, b.sited, Packing.GAP);
          b.siteLines = getPacked(in, b.siteLines, b.lines, Packing.SIGNED_GAP);
          if (in.remaining() != blockEnd) {
            throw new IOException("spill file " + out.path() + ": block " + i + "'s packed columns end "
                + (blockEnd - in.remaining()) + " bytes off their declared length " + packed
                + " (a damaged temporary file)");
          }
          visitor.visit(b);
        }
      }
    }
    Block b = new Block();
    b.source = source.elements();
    b.type = type.elements();
    b.target = target.elements();
    b.sitedEdge = sitedEdge.elements();
    b.sitedLineEnd = sitedLineEnd.elements();
    b.siteLines = siteLines.elements();
    b.edges = source.size();
    b.sited = sitedEdge.size();
    b.lines = siteLines.size();
    visitor.visit(b);
  }

  /**
   * Once anything spilled, the last block goes too and the columns are freed (the blocks are then read back one at a
   * time into one set of arrays, never two blocks' worth on the heap), and the file is closed for reading.
   */
  private void sealLastBlock() throws IOException {
    if (out != null && !source.isEmpty()) {
      spill();
      for (IntArrayList column : new IntArrayList[] {source, type, target, sitedEdge, sitedLineEnd, siteLines}) {
        column.trim();
      }
    }
    if (out != null) {
      out.close();
    }
  }

  private static int[] fill(SpillReader in, int[] into, int count) throws IOException {
    int[] a = into.length >= count ? into : new int[count];
    in.getInts(a, 0, count);
    return a;
  }

  /** Maps a column of ids in place. */
  @FunctionalInterface
  public interface IdMap {
    /** Replaces each of {@code ids[0, count)} by its image. */
    void apply(int[] ids, int count) throws IOException;
  }

  /**
   * Replaces every edge's target id by its image under {@code map}, visiting the edges in arrival order: the spilled
   * blocks in place in their file (in slices of at most 64 Ki targets), then the block in memory. Used once, after the
   * collection, when the names spilled and their ids change from provisional to sorted.
   *
   * @throws IOException if the spill file cannot be read or written, or is shorter than its blocks
   */
  public void rewriteTargets(IdMap map) throws IOException {
    sealLastBlock();
    if (out != null) {
      try (FileChannel ch = FileChannel.open(out.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate(BLOCK_HEADER_BYTES).order(LittleEndian.ORDER);
        int[] slice = new int[0];
        ByteBuffer bytes = null;
        long pos = 0;
        for (int i = 0; i < spilledBlocks; i++) {
          head.clear();
          readFully(ch, head, pos);
          int edges = head.getInt(0);
          int packed = head.getInt(12);
          if (edges < 0 || packed < 0) {
            throw new IOException("spill file " + out.path() + ": block " + i + " at offset " + pos + " claims "
                + edges + " edges and " + packed + " packed bytes (a damaged temporary file)");
          }
          long targets = pos + BLOCK_HEADER_BYTES;
          for (int from = 0; from < edges; ) {
            int n = Math.min(edges - from, 1 << 16);
            if (slice.length < n) {
              slice = new int[n];
              bytes = ByteBuffer.allocate(4 * n).order(LittleEndian.ORDER);
            }
            bytes.clear().limit(4 * n);
            readFully(ch, bytes, targets + 4L * from);
            bytes.asIntBuffer().get(slice, 0, n);
            map.apply(slice, n);
            bytes.clear().limit(4 * n);
            bytes.asIntBuffer().put(slice, 0, n);
            while (bytes.hasRemaining()) {
              ch.write(bytes, targets + 4L * from + bytes.position());
            }
            from += n;
          }
          pos += BLOCK_HEADER_BYTES + 4L * edges + packed;
        }
      }
    }
    map.apply(target.elements(), target.size());
  }

  private void readFully(FileChannel ch, ByteBuffer into, long at) throws IOException {
    while (into.hasRemaining()) {
      if (ch.read(into, at + into.position()) < 0) {
        throw new IOException("spill file " + out.path() + " is truncated at offset " + (at + into.position())
            + " (a temporary file changed or cut during the build)");
      }
    }
    into.flip();
  }

  /** Drops the columns in memory and deletes the spill file: the blocks are not read again. */
  public void release() throws IOException {
    source = type = target = sitedEdge = sitedLineEnd = siteLines = null;
    if (out != null) {
      out.close();
      files.delete(out.path());
    }
  }
}
