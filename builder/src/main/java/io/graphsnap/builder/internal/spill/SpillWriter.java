package io.graphsnap.builder.internal.spill;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends little-endian values to one spill file through a heap buffer; a {@link SectionSink}, so section bytes
 * can be staged in a spill file through the format classes and copied into the snapshot later. Not forced (a
 * temporary). Positions are {@code long}. Mutable, single-threaded; {@link #close()} flushes and closes.
 */
public final class SpillWriter implements SectionSink, AutoCloseable {
  private final SpillFiles files;
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private long flushed;

  /** Writes {@code path} (an empty file of {@code files}) from its start, buffering {@code bufferBytes}. */
  public SpillWriter(SpillFiles files, Path path, int bufferBytes) throws IOException {
    this.files = files;
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
    this.buffer = ByteBuffer.allocate(Math.max(64, bufferBytes)).order(LittleEndian.ORDER);
  }

  /** The file written. */
  public Path path() {
    return path;
  }

  /** Bytes written so far (the file's length once closed). */
  public long position() {
    return flushed + buffer.position();
  }

  @Override
  public void putByte(int b) throws IOException {
    ensure(1);
    buffer.put((byte) b);
  }

  @Override
  public void putShort(int s) throws IOException {
    ensure(2);
    buffer.putShort((short) s);
  }

  @Override
  public void putInt(int i) throws IOException {
    ensure(4);
    buffer.putInt(i);
  }

  @Override
  public void putLong(long l) throws IOException {
    ensure(8);
    buffer.putLong(l);
  }

  @Override
  public void put(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      ensure(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  @Override
  public void putInts(int[] values, int count) throws IOException {
    putInts(values, 0, count);
  }

  /** Writes {@code values[from, from + count)}. */
  public void putInts(int[] values, int from, int count) throws IOException {
    for (int i = from, end = from + count; i < end; ) {
      ensure(4);
      int n = Math.min(end - i, buffer.remaining() / 4);
      buffer.asIntBuffer().put(values, i, n);
      buffer.position(buffer.position() + 4 * n);
      i += n;
    }
  }

  @Override
  public void put(MemorySegment source, long offset, long length) throws IOException {
    while (length > 0) {
      ensure(1);
      int n = (int) Math.min(length, buffer.remaining());
      MemorySegment.copy(source, offset, MemorySegment.ofBuffer(buffer), 0, n);
      buffer.position(buffer.position() + n);
      offset += n;
      length -= n;
    }
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
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
