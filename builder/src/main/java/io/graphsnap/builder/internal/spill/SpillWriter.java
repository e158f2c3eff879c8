package io.graphsnap.builder.internal.spill;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.builder.internal.BufferedSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends little-endian values to one spill file through a heap buffer; a section sink, so section bytes
 * can be staged in a spill file through the format classes and copied into the snapshot later. Not forced (a
 * temporary). Positions are {@code long}. Mutable, single-threaded; {@link #close()} flushes and closes.
 */
public final class SpillWriter extends BufferedSink implements AutoCloseable {
  private final SpillFiles files;
  private final Path path;
  private final FileChannel channel;
  private long flushed;

  /** Writes {@code path} (an empty file of {@code files}) from its start, buffering {@code bufferBytes}. */
  public SpillWriter(SpillFiles files, Path path, int bufferBytes) throws IOException {
    super(ByteBuffer.allocate(Math.max(64, bufferBytes)).order(LittleEndian.ORDER));
    this.files = files;
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
  }

  /** The file written. */
  public Path path() {
    return path;
  }

  /** Bytes written so far (the file's length once closed). */
  public long position() {
    return flushed + buffer.position();
  }

  /**
   * Appends {@code value} as an unsigned LEB128 varint: 7 bits a byte, low first, the high bit set on every byte but
   * the last (1 byte below 128, at most 10). {@link SpillReader#getVarLong} reads it.
   */
  public void putVarLong(long value) throws IOException {
    if (buffer.remaining() < SpillReader.MAX_VARLONG_BYTES) {
      drainBuffer();
    }
    while ((value & ~0x7FL) != 0) {
      buffer.put((byte) (value | 0x80));
      value >>>= 7;
    }
    buffer.put((byte) value);
  }

  /** The bytes {@link #putVarLong} writes for {@code value}: 1 to 10. */
  public static int varLongBytes(long value) {
    return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
  }

  /** Zigzag: a signed delta as an unsigned value, small in magnitude → small (0, -1, 1, -2 → 0, 1, 2, 3). */
  public static long zigzag(long delta) {
    return delta << 1 ^ delta >> 63;
  }

  /** The inverse of {@link #zigzag}. */
  public static long unzigzag(long value) {
    return value >>> 1 ^ -(value & 1);
  }

  @Override
  protected void drainBuffer() throws IOException {
    flush();
  }

  private void flush() throws IOException {
    buffer.flip();
    int n = buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer, flushed + buffer.position());
    }
    flushed += n;
    files.spilled(n);
    buffer.clear();
  }

  /** Flushes and closes the channel; returns the file's length. */
  public long finish() throws IOException {
    close();
    return flushed;
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      try {
        flush();
      } finally {
        channel.close();
      }
    }
  }
}
