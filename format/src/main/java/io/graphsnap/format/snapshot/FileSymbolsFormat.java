package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The per-file symbol index ({@link SectionId#FILE_SYMBOLS}, since format version
 * {@link SnapshotFormat#VERSION_FILE_SYMBOLS}): for each file, the nodes it defines in line order, so that "what
 * does this file declare" and "which symbol encloses this line" read one file's list instead of every node.
 * The grammar:
 *
 * <pre>
 * FileSymbols --&gt; Starts UInt32^(F+1), NodeIds Int32^S
 * </pre>
 *
 * <ul>
 *   <li>F is the file count of FILE_PATHS; S = Starts[F] is the number of nodes whose FileId (in NODES) is not
 *       -1. Starts[0] = 0 and Starts is non-decreasing; file f's nodes are NodeIds[Starts[f], Starts[f+1]).
 *       The section is {@code 4·(F+1) + 4·S} bytes ({@link #sectionBytes}).
 *   <li>The rule, exact so that a full and an incremental build give the same bytes: file f's list holds every
 *       node whose FileId is f, once, sorted by LineStart ascending, then LineEnd descending (an enclosing
 *       symbol before the symbols it encloses when both start on one line), then node id ascending
 *       ({@link #compare}). Lines are those of the node's NODES record. ({@link #order} computes it.)
 *   <li>A merged namespace appears once, under the file its NODES record names.
 * </ul>
 * Alignment: none needed beyond the section's own (all fields are 4 bytes, read unaligned). Stateless and
 * thread-safe; the reads are unchecked (the reader checks Starts against S and ids against N).
 */
public final class FileSymbolsFormat {
  /** Bytes of one Starts entry and of one NodeIds entry. */
  public static final int ENTRY_BYTES = 4;

  private FileSymbolsFormat() {}

  /** The section's length for {@code fileCount} files and {@code symbolCount} listed nodes. */
  public static long sectionBytes(int fileCount, long symbolCount) {
    return ENTRY_BYTES * ((long) fileCount + 1 + symbolCount);
  }

  /** Offset of Starts[f]. */
  public static long startOffset(int f) {
    return (long) ENTRY_BYTES * f;
  }

  /** Offset of NodeIds[i] in a section for {@code fileCount} files. */
  public static long nodeOffset(int fileCount, long i) {
    return ENTRY_BYTES * ((long) fileCount + 1 + i);
  }

  /** Starts[f] as stored, unsigned; unchecked. */
  public static long start(MemorySegment section, int f) {
    return Integer.toUnsignedLong(section.get(INT, startOffset(f)));
  }

  /** NodeIds[i]; unchecked. */
  public static int nodeId(MemorySegment section, int fileCount, long i) {
    return section.get(INT, nodeOffset(fileCount, i));
  }

  /**
   * The order of the rule: negative if node {@code a} (lines {@code aStart}-{@code aEnd}) comes before node
   * {@code b}.
   */
  public static int compare(int aStart, int aEnd, int a, int bStart, int bEnd, int b) {
    if (aStart != bStart) {
      return Integer.compare(aStart, bStart);
    }
    if (aEnd != bEnd) {
      return Integer.compare(bEnd, aEnd);
    }
    return Integer.compare(a, b);
  }

  /**
   * The section's content by the rule: {@code starts} (F+1 entries) and {@code nodeIds} (S entries), from every
   * node's FileId (-1: none) and lines, indexed by node id. O(N + F + S log(largest file)); 4·(N + F) bytes
   * besides the result.
   *
   * @throws IllegalArgumentException if a FileId is outside [-1, F) or the arrays differ in length
   */
  public static Index order(int fileCount, int[] nodeFile, int[] lineStart, int[] lineEnd) {
    int n = nodeFile.length;
    if (lineStart.length != n || lineEnd.length != n) {
      throw new IllegalArgumentException("arrays differ in length: nodeFile=" + n + " lineStart=" + lineStart.length
          + " lineEnd=" + lineEnd.length);
    }
    int[] starts = new int[fileCount + 1];
    for (int v = 0; v < n; v++) {
      int f = nodeFile[v];
      if (f < -1 || f >= fileCount) {
        throw new IllegalArgumentException("node " + v + " has file id " + f + ", outside [-1, " + fileCount + ")");
      }
      if (f >= 0) {
        starts[f + 1]++;
      }
    }
    for (int f = 0; f < fileCount; f++) {
      starts[f + 1] += starts[f];
    }
    int[] ids = new int[starts[fileCount]];
    int[] next = java.util.Arrays.copyOf(starts, fileCount);
    for (int v = 0; v < n; v++) { // ascending ids: each file's list starts in id order
      int f = nodeFile[v];
      if (f >= 0) {
        ids[next[f]++] = v;
      }
    }
    int[] scratch = new int[0];
    for (int f = 0; f < fileCount; f++) {
      int from = starts[f];
      int to = starts[f + 1];
      if (to - from > 1 && !sorted(ids, from, to, lineStart, lineEnd)) {
        if (scratch.length < to - from) {
          scratch = new int[to - from];
        }
        mergeSort(ids, from, to, scratch, lineStart, lineEnd);
      }
    }
    return new Index(starts, ids);
  }

  /** The content of a FILE_SYMBOLS section: Starts (F+1) and NodeIds (S). Arrays owned by the record. */
  public record Index(int[] starts, int[] nodeIds) {}

  /** Writes the section: Starts, then NodeIds. */
  public static void write(SectionSink out, Index index) throws IOException {
    out.putInts(index.starts(), index.starts().length);
    out.putInts(index.nodeIds(), index.nodeIds().length);
  }

  private static boolean sorted(int[] ids, int from, int to, int[] start, int[] end) {
    for (int i = from + 1; i < to; i++) {
      int a = ids[i - 1];
      int b = ids[i];
      if (compare(start[a], end[a], a, start[b], end[b], b) > 0) {
        return false;
      }
    }
    return true;
  }

  /** A primitive merge sort of ids[from, to) by {@link #compare}; no boxing. */
  private static void mergeSort(int[] ids, int from, int to, int[] scratch, int[] start, int[] end) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(ids, from, mid, scratch, start, end);
    mergeSort(ids, mid, to, scratch, start, end);
    System.arraycopy(ids, from, scratch, 0, to - from);
    int i = 0;
    int iEnd = mid - from;
    int j = iEnd;
    int jEnd = to - from;
    int k = from;
    while (i < iEnd && j < jEnd) {
      int a = scratch[i];
      int b = scratch[j];
      ids[k++] = compare(start[a], end[a], a, start[b], end[b], b) <= 0 ? scratch[i++] : scratch[j++];
    }
    while (i < iEnd) {
      ids[k++] = scratch[i++];
    }
    while (j < jEnd) {
      ids[k++] = scratch[j++];
    }
  }
}
