package io.graphsnap.reader.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Random access to a snapshot section through NIO buffer views, for the reads that jump from node to node
 * (edge cursors, breadth-first search, Tarjan). A buffer holds at most 2 GiB, so a segment is viewed as parts of
 * 2<sup>{@value #SHIFT}</sup> elements and element {@code i} is {@code parts[i >>> SHIFT].get(i & mask)}.
 *
 * <p>Why buffers: {@code MemorySegment.get(layout, offset)} runs through var-handle code that every segment of
 * every kind in the JVM shares; once heap, native and mapped segments have all passed through it, its type
 * profile is megamorphic and a hot loop of such reads stops being inlined (measured on JDK 25: the same BFS
 * over mapped memory then took 2.3× as long as over heap arrays). A buffer's {@code get} is a method of the
 * buffer's own class, profiled at the caller's call site, so these loops stay monomorphic whatever else the
 * JVM does. Streaming loops copy blocks instead ({@code io.graphsnap.reader.analysis.Blocks}).
 *
 * <p>The views read the segment's memory and share its lifetime (a read after the snapshot is closed throws
 * {@link IllegalStateException}, which {@link Closing#translate} turns into the reader's own exception). Immutable; the buffers are never
 * repositioned, only read by index, so they are safe to share between threads.
 */
public final class BufferParts {
  /** log2 of the elements per part. */
  public static final int SHIFT = 27;
  /** Mask of an element's index within its part. */
  public static final long MASK = (1L << SHIFT) - 1;

  private BufferParts() {}

  /** Views {@code segment} as little-endian longs. */
  public static LongBuffer[] longs(MemorySegment segment) {
    int count = parts(segment.byteSize() / Long.BYTES);
    LongBuffer[] parts = new LongBuffer[count];
    for (int p = 0; p < count; p++) {
      parts[p] = slice(segment, p, Long.BYTES).asLongBuffer();
    }
    return parts;
  }

  /** Views {@code segment} as little-endian ints. */
  public static IntBuffer[] ints(MemorySegment segment) {
    int count = parts(segment.byteSize() / Integer.BYTES);
    IntBuffer[] parts = new IntBuffer[count];
    for (int p = 0; p < count; p++) {
      parts[p] = slice(segment, p, Integer.BYTES).asIntBuffer();
    }
    return parts;
  }

  /** Views {@code segment} as bytes. */
  public static ByteBuffer[] bytes(MemorySegment segment) {
    int count = parts(segment.byteSize());
    ByteBuffer[] parts = new ByteBuffer[count];
    for (int p = 0; p < count; p++) {
      parts[p] = slice(segment, p, 1);
    }
    return parts;
  }

  /** Element {@code i}. */
  public static long get(LongBuffer[] parts, long i) {
    return parts[(int) (i >>> SHIFT)].get((int) (i & MASK));
  }

  /** Element {@code i}. */
  public static int get(IntBuffer[] parts, long i) {
    return parts[(int) (i >>> SHIFT)].get((int) (i & MASK));
  }

  /** Element {@code i}, unsigned. */
  public static int get(ByteBuffer[] parts, long i) {
    return parts[(int) (i >>> SHIFT)].get((int) (i & MASK)) & 0xFF;
  }

  private static int parts(long elements) {
    return (int) Math.max(1, (elements + MASK) >>> SHIFT);
  }

  private static ByteBuffer slice(MemorySegment segment, int part, int elementBytes) {
    long from = ((long) part << SHIFT) * elementBytes;
    long length = Math.min((MASK + 1) * elementBytes, segment.byteSize() - from);
    return segment.asSlice(from, Math.max(0, length)).asByteBuffer().order(io.graphsnap.format.snapshot.LittleEndian.ORDER);
  }
}
