package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A {@link SectionSink} over one little-endian {@link ByteBuffer}: every put fills the buffer and, when it is full,
 * asks the subclass to empty it ({@link #drainBuffer()}), which may also swap it for another. The snapshot's
 * {@link SectionWriter} and the build's spill files share it. Mutable, single-threaded.
 */
public abstract class BufferedSink implements SectionSink {
  /** The buffer being filled, little-endian; a subclass may replace it in {@link #drainBuffer()}. */
  protected ByteBuffer buffer;

  /** A sink filling {@code buffer} (little-endian order set by the caller). */
  protected BufferedSink(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  /** Empties {@link #buffer} (writes its bytes [0, position) somewhere) so that it has room again. */
  protected abstract void drainBuffer() throws IOException;

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      drainBuffer();
    }
  }

  /** Writes one byte. */
  @Override
  public final void putByte(int b) throws IOException {
    ensure(1);
    buffer.put((byte) b);
  }

  /** Writes the low 16 bits of {@code s}, little-endian. */
  @Override
  public final void putShort(int s) throws IOException {
    ensure(2);
    buffer.putShort((short) s);
  }

  /** Writes {@code i}, little-endian. */
  @Override
  public final void putInt(int i) throws IOException {
    ensure(4);
    buffer.putInt(i);
  }

  /** Writes {@code l}, little-endian. */
  @Override
  public final void putLong(long l) throws IOException {
    ensure(8);
    buffer.putLong(l);
  }

  /** Writes every byte of {@code bytes}. */
  @Override
  public final void put(byte[] bytes) throws IOException {
    put(bytes, 0, bytes.length);
  }

  /** Writes {@code bytes[offset, offset + length)}. */
  @Override
  public final void put(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      ensure(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  /** Writes every int of {@code values[0, count)}. */
  @Override
  public final void putInts(int[] values, int count) throws IOException {
    putInts(values, 0, count);
  }

  /** Writes {@code values[from, from + count)}. */
  public final void putInts(int[] values, int from, int count) throws IOException {
    for (int i = from, end = from + count; i < end; ) {
      ensure(4);
      int n = Math.min(end - i, buffer.remaining() / 4);
      buffer.asIntBuffer().put(values, i, n);
      buffer.position(buffer.position() + 4 * n);
      i += n;
    }
  }

  /** Writes every long of {@code values[0, count)}. */
  @Override
  public final void putLongs(long[] values, int count) throws IOException {
    for (int i = 0; i < count; ) {
      ensure(8);
      int n = Math.min(count - i, buffer.remaining() / 8);
      buffer.asLongBuffer().put(values, i, n);
      buffer.position(buffer.position() + 8 * n);
      i += n;
    }
  }

  /**
   * Copies {@code length} bytes of {@code source} from {@code offset} (a mapped section of another snapshot, a
   * staged file) in buffer-sized chunks. O(length), sequential.
   */
  @Override
  public final void put(MemorySegment source, long offset, long length) throws IOException {
    while (length > 0) {
      ensure(1);
      int n = (int) Math.min(length, buffer.remaining());
      // ofBuffer's segment starts at the buffer's position
      MemorySegment.copy(source, offset, MemorySegment.ofBuffer(buffer), 0, n);
      buffer.position(buffer.position() + n);
      offset += n;
      length -= n;
    }
  }
}
