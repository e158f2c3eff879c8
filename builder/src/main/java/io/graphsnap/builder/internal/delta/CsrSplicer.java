package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.SectionWriter;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Writes one direction of the new CSR (offsets, neighbours, types) from the base's and a {@link Delta}: copied
 * runs of nodes take their base edge ranges, with neighbour ids and type ids remapped through flat arrays when
 * they moved (raw bulk copies when they did not); touched nodes take their new sorted lists. Remaps are monotone,
 * so copied ranges stay sorted by (type, neighbour). Reads the base's raw mapping in chunks (bulk copies into
 * heap arrays, no per-element segment access) and evicts the neighbour and type sections behind it ({@link
 * Drain}). Scratch buffers; not thread-safe.
 */
final class CsrSplicer {
  private static final int CHUNK = 1 << 16;

  private final Delta d;
  private final BaseSnapshot base;
  private final Splice nodes;
  private final int[] ints = new int[CHUNK];
  private final byte[] bytes = new byte[CHUNK];

  CsrSplicer(Delta delta) {
    this.d = delta;
    this.base = delta.base;
    this.nodes = delta.nodes;
  }

  /** The base's section {@code part} (0 offsets, 1 neighbours, 2 types) of one direction. */
  private MemorySegment section(boolean reverse, int part) {
    SectionId[] ids = CsrFormat.sections(reverse);
    return base.section(ids[part]);
  }

  private MemorySegment offsets(boolean reverse) {
    return section(reverse, 0);
  }

  private static int[] newList(NodeState s, boolean reverse) {
    return reverse ? s.inSources : s.outTargets;
  }

  /** {@code Offsets --> UInt64^(N+1)}. */
  void writeOffsets(SectionWriter out, boolean reverse) throws IOException {
    MemorySegment offsets = offsets(reverse);
    long at = 0;
    for (int seg = 0; seg < nodes.segments(); seg++) {
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        out.putLong(at);
        int[] list = newList(s, reverse);
        at += list != null ? list.length : s.oldId < 0 ? 0 : offset(offsets, s.oldId + 1) - offset(offsets, s.oldId);
        continue;
      }
      int from = nodes.oldStart[seg];
      int to = from + nodes.length[seg];
      long shift = at - offset(offsets, from);
      if (shift == 0) {
        out.put(offsets, CsrFormat.offsetAt(from), CsrFormat.offsetAt(to) - CsrFormat.offsetAt(from));
      } else {
        out.putLongsShifted(offsets, CsrFormat.offsetAt(from), to - from, shift);
      }
      at = offset(offsets, to) + shift;
    }
    out.putLong(at);
  }

  /** {@code Targets --> Int32^E} (forward) or {@code Sources --> Int32^E} (reverse). */
  void writeOthers(SectionWriter out, boolean reverse) throws IOException {
    MemorySegment offsets = offsets(reverse);
    MemorySegment others = section(reverse, 1);
    Drain drain = new Drain(base, others);
    int[] remap = nodes.remap();
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int from = nodes.oldStart[seg];
      int to = from + nodes.length[seg];
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        int[] list = newList(s, reverse);
        if (list != null) {
          out.putInts(list, list.length);
          continue;
        }
        if (s.oldId < 0) {
          continue;
        }
      }
      copyInts(out, others, offset(offsets, from), offset(offsets, to), remap, drain);
    }
    drain.finish();
  }

  /** {@code Types --> UInt8^E}. */
  void writeTypes(SectionWriter out, boolean reverse) throws IOException {
    MemorySegment offsets = offsets(reverse);
    MemorySegment types = section(reverse, 2);
    Drain drain = new Drain(base, types);
    int[] remap = DeltaSections.isIdentity(d.typeRemap, d.edgeTypes.length) ? null : d.typeRemap;
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int from = nodes.oldStart[seg];
      int to = from + nodes.length[seg];
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        int[] list = newList(s, reverse);
        if (list != null) {
          byte[] t = reverse ? s.inTypes : s.outTypes;
          out.put(t, 0, t.length);
          continue;
        }
        if (s.oldId < 0) {
          continue;
        }
      }
      copyBytes(out, types, offset(offsets, from), offset(offsets, to), remap, drain);
    }
    drain.finish();
    // The offsets were read by all three sections of this direction: done with them now.
    base.evict(offsets);
  }

  /** Copies ints {@code [from, to)} of {@code source}, through {@code remap} unless it is null. */
  private void copyInts(SectionWriter out, MemorySegment source, long from, long to, int[] remap, Drain drain)
      throws IOException {
    for (long i = from; i < to; ) {
      int n = (int) Math.min(CHUNK, to - i);
      if (remap == null) {
        out.put(source, CsrFormat.neighbourAt(i), CsrFormat.neighboursBytes(n));
      } else {
        MemorySegment.copy(source, LittleEndian.INT, CsrFormat.neighbourAt(i), ints, 0, n);
        for (int k = 0; k < n; k++) {
          ints[k] = remap[ints[k]];
        }
        out.putInts(ints, n);
      }
      i += n;
      drain.consumed(CsrFormat.neighbourAt(i));
    }
  }

  /** Copies bytes {@code [from, to)} of {@code source}, through {@code remap} unless it is null. */
  private void copyBytes(SectionWriter out, MemorySegment source, long from, long to, int[] remap, Drain drain)
      throws IOException {
    for (long i = from; i < to; ) {
      int n = (int) Math.min(CHUNK, to - i);
      if (remap == null) {
        out.put(source, CsrFormat.typeAt(i), CsrFormat.typesBytes(n));
      } else {
        MemorySegment.copy(source, LittleEndian.BYTE, CsrFormat.typeAt(i), bytes, 0, n);
        for (int k = 0; k < n; k++) {
          bytes[k] = (byte) remap[bytes[k] & 0xFF];
        }
        out.put(bytes, 0, n);
      }
      i += n;
      drain.consumed(CsrFormat.typeAt(i));
    }
  }

  private static long offset(MemorySegment offsets, int node) {
    return CsrFormat.offset(offsets, node);
  }
}
