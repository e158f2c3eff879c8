package io.graphsnap.format.object;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outgoing edges of one file as a byte-level reader finds them in its input: each edge's source symbol index,
 * and its type and target as ranges of one byte array that holds their text, with the edge's lines if it has any.
 * {@link LooseObjectCodec#encode(String, String, byte[], java.util.List, RawEdges)} writes an object straight from
 * these ranges, without a {@code String} or an {@link EdgeSummary} per edge, and checks them as {@link FileSummary}
 * checks its edges.
 *
 * <p>Each edge is compared with the one before as it is added, so a reader learns at once that a file's edges are not
 * in the canonical order (by source, then type and target as unsigned bytes, which for ASCII is {@code String}'s
 * order) and can stop reading them as ranges.
 *
 * <p>Flat int arrays grown by doubling (five ints and one reference an edge); {@link #reset} keeps them for the next
 * file, so a reader that reuses one instance allocates nothing per edge. Not thread-safe: one instance per thread.
 * The text array is referenced, not copied: it must not change until the object is encoded.
 */
public final class RawEdges {
  private static final int INTS = 5; // source, type start, type length, target start, target length
  private static final int[][] NO_LINES = new int[0][];

  private byte[] text;
  private int count;
  private int[] fields = new int[64 * INTS];
  private int[][] lines = NO_LINES;
  /** Edges below this index may hold lines (the rest are null). */
  private int linesInUse;
  /** Whether every edge added since the last reset came strictly after the one before it. */
  private boolean canonical = true;

  /** Forgets the last file's edges (the arrays are kept); the next ranges are of {@code text}. */
  public void reset(byte[] text) {
    this.text = text;
    Arrays.fill(lines, 0, linesInUse, null);
    linesInUse = 0;
    count = 0;
    canonical = true;
  }

  /**
   * Adds an edge from symbol {@code source} whose type is {@code text[typeStart, typeStart + typeLength)} and target
   * {@code text[targetStart, targetStart + targetLength)}, occurring on {@code edgeLines} (null or empty when unknown;
   * the array is kept, not copied). Returns whether the edges are still in canonical order and distinct: false once
   * an edge does not come strictly after the one before it. O(1) amortised, plus the comparison of the two names.
   *
   * @throws IndexOutOfBoundsException if a range is not within the text
   */
  public boolean add(int source, int typeStart, int typeLength, int targetStart, int targetLength, int[] edgeLines) {
    Objects.checkFromIndexSize(typeStart, typeLength, text.length);
    Objects.checkFromIndexSize(targetStart, targetLength, text.length);
    if ((count + 1) * INTS > fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
    }
    int f = count * INTS;
    fields[f] = source;
    fields[f + 1] = typeStart;
    fields[f + 2] = typeLength;
    fields[f + 3] = targetStart;
    fields[f + 4] = targetLength;
    if (edgeLines != null && edgeLines.length > 0) {
      if (lines.length <= count) {
        lines = Arrays.copyOf(lines, Math.max(64, 2 * (count + 1)));
      }
      lines[count] = edgeLines;
      linesInUse = count + 1;
    }
    if (canonical && count > 0 && compare(count - 1, count) >= 0) {
      canonical = false;
    }
    count++;
    return canonical;
  }

  /** Whether the edges added since the last {@link #reset} are in canonical order and distinct. */
  public boolean inCanonicalOrder() {
    return canonical;
  }

  /** Edge {@code a} against edge {@code b} in the canonical order (unsigned bytes: for ASCII, {@code String}'s). */
  private int compare(int a, int b) {
    int c = Integer.compare(source(a), source(b));
    if (c == 0) {
      c = Arrays.compareUnsigned(text, typeStart(a), typeStart(a) + typeLength(a), text, typeStart(b),
          typeStart(b) + typeLength(b));
    }
    return c != 0 ? c : Arrays.compareUnsigned(text, targetStart(a), targetStart(a) + targetLength(a), text,
        targetStart(b), targetStart(b) + targetLength(b));
  }

  /** The number of edges added since the last {@link #reset}. */
  public int size() {
    return count;
  }

  /** The array the ranges are of. */
  byte[] text() {
    return text;
  }

  int source(int edge) {
    return fields[edge * INTS];
  }

  int typeStart(int edge) {
    return fields[edge * INTS + 1];
  }

  int typeLength(int edge) {
    return fields[edge * INTS + 2];
  }

  int targetStart(int edge) {
    return fields[edge * INTS + 3];
  }

  int targetLength(int edge) {
    return fields[edge * INTS + 4];
  }

  /** The lines given for {@code edge}, or null when none were. */
  int[] lines(int edge) {
    return edge < linesInUse ? lines[edge] : null;
  }

  /** The memory the instance holds on to between files, in bytes (about). */
  public long retainedBytes() {
    return 4L * fields.length + 8L * lines.length;
  }
}
