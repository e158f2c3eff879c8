package io.graphsnap.builder.internal.spill;

import io.graphsnap.format.snapshot.LittleEndian;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a region of a spill file sequentially, with bounds checks: reading past the region's declared length, or a
 * file that ends before it (a truncated run), throws an {@link IOException} naming the file, the offset and the
 * length expected, never returns garbage. Little-endian, buffered; positions are {@code long}. Mutable,
 * single-threaded; {@link #close()} closes the channel.
 */
public final class SpillReader implements AutoCloseable {
  /** The longest varint: 64 bits at 7 a byte. */
  static final int MAX_VARLONG_BYTES = 10;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final long end;
  /** File offset of the buffer's limit (the next byte to read from the file). */
  private long filePosition;

  /**
   * Reads {@code path}'s bytes {@code [start, start + length)}, buffering {@code bufferBytes}.
   *
   * @throws IOException if the file cannot be opened
   */
  public SpillReader(Path path, long start, long length, int bufferBytes) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.buffer = ByteBuffer.allocate(Math.max(64, bufferBytes)).order(LittleEndian.ORDER);
    this.buffer.limit(0);
    this.filePosition = start;
    this.end = start + length;
  }

  /** The file read. */
  public Path path() {
    return path;
  }

  /** Bytes of the region not yet read. */
  public long remaining() {
    return end - filePosition + buffer.remaining();
  }

  /** Reads one int. */
  public int getInt() throws IOException {
    ensure(4);
    return buffer.getInt();
  }

  /** Reads one long. */
  public long getLong() throws IOException {
    ensure(8);
    return buffer.getLong();
  }

  /**
   * Reads one unsigned LEB128 varint (7 bits a byte, low first; at most 10 bytes), as {@link SpillWriter#putVarLong}
   * wrote it.
   *
   * @throws IOException if it passes the region's end or runs over 10 bytes (a damaged file)
   */
  public long getVarLong() throws IOException {
    if (buffer.remaining() < MAX_VARLONG_BYTES) {
      ensure((int) Math.min(MAX_VARLONG_BYTES, remaining()));
    }
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!buffer.hasRemaining()) {
        throw new IOException("spill file " + path + ": a varint at offset " + (filePosition - buffer.remaining())
            + " passes the end of its run at " + end + " (a damaged or truncated temporary file)");
      }
      byte b = buffer.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("spill file " + path + ": a varint longer than " + MAX_VARLONG_BYTES + " bytes before offset "
        + (filePosition - buffer.remaining()) + " (a damaged temporary file)");
  }

  /**
   * Reads a varint that must fit a non-negative int.
   *
   * @throws IOException if it does not (a damaged file), or as {@link #getVarLong}
   */
  public int getVarInt() throws IOException {
    long v = getVarLong();
    if (v > Integer.MAX_VALUE || v < 0) {
      throw new IOException("spill file " + path + ": varint " + Long.toUnsignedString(v) + " before offset "
          + (filePosition - buffer.remaining()) + " does not fit an int (a damaged temporary file)");
    }
    return (int) v;
  }

  /** Reads {@code count} ints into {@code into[from, from + count)}. */
  public void getInts(int[] into, int from, int count) throws IOException {
    for (int i = from, stop = from + count; i < stop; ) {
      ensure(4);
      int n = Math.min(stop - i, buffer.remaining() / 4);
      buffer.asIntBuffer().get(into, i, n);
      buffer.position(buffer.position() + 4 * n);
      i += n;
    }
  }

  /** Reads {@code length} bytes into {@code into[offset, offset + length)}; any length, past the buffer's too. */
  public void getBytes(byte[] into, int offset, int length) throws IOException {
    for (int i = offset, stop = offset + length; i < stop; ) {
      ensure(1);
      int n = Math.min(stop - i, buffer.remaining());
      buffer.get(into, i, n);
      i += n;
    }
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    if (remaining() < bytes) {
      throw new IOException("spill file " + path + ": reading " + bytes + " bytes at offset "
          + (filePosition - buffer.remaining()) + " passes the end of its run at " + end);
    }
    buffer.compact();
    int want = (int) Math.min(buffer.remaining(), end - filePosition);
    buffer.limit(buffer.position() + want);
    while (buffer.position() < buffer.limit() && buffer.position() < bytes) {
      int n = channel.read(buffer, filePosition);
      if (n < 0) {
        throw new IOException("spill file " + path + " is truncated: it ends at offset " + filePosition
            + ", its run should end at " + end + " (a temporary file changed or cut during the build)");
      }
      filePosition += n;
    }
    buffer.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
