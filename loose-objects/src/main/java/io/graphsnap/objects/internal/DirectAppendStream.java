package io.graphsnap.objects.internal;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An output stream that appends to a new, empty file with direct I/O ({@code O_DIRECT}: from an aligned buffer of its
 * own straight to the device, not through the page cache) where the operating system and the file system allow it,
 * else through the file's ordinary channel. Not API. For the store's bulk files, written once and read back later if
 * at all: packs ({@link PackWriter}) and symbol runs ({@link SymbolRunWriter}), as databases write their flushes and
 * compactions. On the bench's VM, whose memory the host backs lazily, every page-cache page a buffered write fills is
 * fresh guest memory: 2.4 s of CPU per GB written ({@code dd bs=1M}), against 0.1 s per GB with direct I/O and 0.2 s
 * to rewrite pages already cached; an ingest writes its objects' compressed bytes once and its symbol runs a few times.
 *
 * <p>Bytes are gathered in a buffer (the first of {@value #FIRST_BUFFER_BYTES} bytes, then twice as large each time it
 * fills, up to {@value #BUFFER_BYTES}, so that a small file costs little), written whole when it fills (a write the
 * caller waits for: the device's time, not the CPU's). {@link #flush()} puts every byte written so far in the file: the
 * whole blocks directly, the last partial block through the ordinary channel (kept, and written directly again once
 * its block fills). Durability stays with the owner, who forces the ordinary channel after {@link #flush()}: a sync
 * covers the file whichever channel wrote it. Reads through the ordinary channel see every flushed byte (a direct
 * write drops the cached pages it overwrites).
 *
 * <p>Falls back to ordinary writes, silently and for good, when the file cannot be opened for direct I/O (another
 * system, tmpfs) or its first direct write is refused. Not thread-safe: one owner. Memory: the buffers, off the heap
 * (under 2 MiB in all), released by {@link #close()}.
 */
public final class DirectAppendStream extends OutputStream {
  /** The largest buffer: whole blocks of any file system this runs on (a power of two up to this size). */
  static final int BUFFER_BYTES = 1 << 20;
  /** The first buffer's size (or the block size, if larger). */
  static final int FIRST_BUFFER_BYTES = 64 << 10;
  /** Alignment assumed when the file system does not tell its block size. */
  private static final int DEFAULT_BLOCK_BYTES = 4096;

  private final FileChannel ordinary;
  private final Arena arena = Arena.ofShared();
  private ByteBuffer buffer;
  private final int blockBytes;
  /** The channel with direct I/O, or null when writing through {@link #ordinary}. */
  private FileChannel direct;
  /** Whether a direct write has succeeded (after one, a failure is an error, not a reason to fall back). */
  private boolean directWorks;
  /** Where the buffer's first byte goes in the file: a multiple of {@link #blockBytes} while writing directly. */
  private long bufferPosition;
  private boolean closed;

  /**
   * A stream appending to {@code file}, empty, which the owner opened as {@code ordinary} for writing (and keeps, and
   * forces, and closes).
   */
  public DirectAppendStream(Path file, FileChannel ordinary) throws IOException {
    this(file, ordinary, true);
  }

  /** As {@link #DirectAppendStream(Path, FileChannel)}; {@code tryDirect} false writes through the page cache (tests). */
  DirectAppendStream(Path file, FileChannel ordinary, boolean tryDirect) throws IOException {
    this.ordinary = ordinary;
    int block = blockSize(file);
    this.blockBytes = block;
    this.buffer = allocate(Math.max(FIRST_BUFFER_BYTES, block));
    if (tryDirect) {
      try {
        direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
      } catch (IOException | UnsupportedOperationException e) {
        direct = null; // no direct I/O here: ordinary writes
      }
    }
  }

  private ByteBuffer allocate(int bytes) {
    MemorySegment segment = arena.allocate(bytes, blockBytes);
    return segment.asByteBuffer();
  }

  /** The file system's block size if it is a power of two that divides the buffer, else the usual 4 KiB. */
  private static int blockSize(Path file) {
    try {
      long size = Files.getFileStore(file).getBlockSize();
      if (size > 0 && size <= BUFFER_BYTES && Long.bitCount(size) == 1) {
        return (int) size;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // unknown: the usual block size
    }
    return DEFAULT_BLOCK_BYTES;
  }

  /** Whether bytes go to the device directly (false: through the page cache). */
  public boolean isDirect() {
    return direct != null;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    while (length > 0) {
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
      if (!buffer.hasRemaining()) {
        writeBuffered(buffer.position());
        if (buffer.capacity() < BUFFER_BYTES) {
          buffer = allocate(Math.min(BUFFER_BYTES, 2 * buffer.capacity())); // empty now: the next one is larger
        }
      }
    }
  }

  /**
   * Puts every byte written so far in the file: whole blocks directly, the rest through the ordinary channel (then
   * kept in the buffer). Does not force them to disk.
   */
  @Override
  public void flush() throws IOException {
    checkOpen();
    int filled = buffer.position();
    int whole = direct == null ? filled : filled - filled % blockBytes;
    if (whole > 0) {
      writeBuffered(whole);
    }
    int tail = buffer.position();
    if (tail > 0) {
      writeFully(ordinary, buffer.duplicate().position(0).limit(tail), bufferPosition);
    }
  }

  /**
   * Writes the buffer's first {@code length} bytes at {@link #bufferPosition} and moves what follows them to its start.
   */
  private void writeBuffered(int length) throws IOException {
    ByteBuffer out = buffer.duplicate().position(0).limit(length);
    if (direct != null) {
      try {
        writeFully(direct, out, bufferPosition);
        directWorks = true;
      } catch (IOException e) {
        if (directWorks) {
          throw e;
        }
        closeDirect(); // refused from the start (the file system takes the flag but not the writes): ordinary writes
        writeFully(ordinary, out.position(0), bufferPosition);
      }
    } else {
      writeFully(ordinary, out, bufferPosition);
    }
    bufferPosition += length;
    int rest = buffer.position() - length;
    if (rest > 0) {
      ByteBuffer remaining = buffer.duplicate().position(length).limit(length + rest);
      buffer.position(0);
      buffer.put(remaining);
    } else {
      buffer.position(0);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
  }

  private void closeDirect() throws IOException {
    FileChannel channel = direct;
    direct = null;
    channel.close();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("stream is closed");
    }
  }

  /**
   * Closes the direct channel and frees the buffer, without writing what was not {@link #flush() flushed}; the
   * ordinary channel stays the owner's. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (direct != null) {
        closeDirect();
      }
    } finally {
      arena.close();
    }
  }
}
