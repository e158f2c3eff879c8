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
