package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes sections sequentially to a file channel through 1 MiB little-endian buffers: each section starts at a
 * multiple of {@link SnapshotFormat#SECTION_ALIGNMENT} after zero padding, and its CRC32C is computed over its
 * bytes as they are flushed. Full buffers are written by a thread of its own ({@link WriteBehind}) while the
 * next one fills; {@link #flush()} and {@link #finish()} wait for them. Mutable, single-use, used from one thread; {@link #close()}
 * stops the writer thread; does not close the channel.
 */
public final class SectionWriter extends BufferedSink implements AutoCloseable {
  static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  /** Writes full buffers behind the producer; started by the first full buffer (small files never start it). */
  private WriteBehind writes;
  private final CRC32C crc = new CRC32C();
  private final long[] longs = new long[8192];
  /** File offset of buffer position 0. */
  private long bufferStart;
  /** Buffer position where the current section's not yet checksummed bytes begin, or -1 outside a section. */
  private int crcMark = -1;
  private SectionId current;
  private long sectionStart;

  /** Writes from file offset {@code start} on. */
  SectionWriter(FileChannel channel, long start) {
    super(ByteBuffer.allocateDirect(BUFFER_BYTES).order(LittleEndian.ORDER));
    this.channel = channel;
    this.bufferStart = start;
  }

  /** The file offset of the next byte. */
  long position() {
    return bufferStart + buffer.position();
  }

  /** Pads with zeros to the next aligned offset and starts {@code id}. */
  void begin(SectionId id) throws IOException {
    if (current != null) {
      throw new IllegalStateException("section " + current + " not ended before " + id);
    }
    long pad = SnapshotFormat.align(position()) - position();
    for (long i = 0; i < pad; i++) {
      putByte(0);
    }
    current = id;
    sectionStart = position();
    crc.reset();
    crcMark = buffer.position();
  }

  /** Ends the current section; returns its table entry. */
  SectionEntry end() {
    checksum();
    crcMark = -1;
    SectionEntry entry = new SectionEntry(current.id(), (int) crc.getValue(), sectionStart, position() - sectionStart);
    current = null;
    return entry;
  }

  /**
   * Writes {@code count} little-endian longs read from {@code source} at {@code offset}, each plus {@code shift}
   * (the offsets of a copied run, moved). Bulk copies through a heap array; O(count).
   */
  public void putLongsShifted(MemorySegment source, long offset, int count, long shift) throws IOException {
    for (int i = 0; i < count; ) {
      int n = Math.min(count - i, longs.length);
      MemorySegment.copy(source, LittleEndian.LONG, offset + (long) Long.BYTES * i, longs, 0, n);
      for (int k = 0; k < n; k++) {
        longs[k] += shift;
      }
      putLongs(longs, n);
      i += n;
    }
  }

  /** Writes {@code strings}, UTF-8 (checked), as a {@link StringListFormat StringList}. */
  public void putStringList(String[] strings) throws IOException {
    StringListFormat.write(this, strings.length, i -> Utf8.length(strings[i], "string"),
        (i, out) -> out.put(Utf8.encode(strings[i], "string")));
  }

  /** Writes {@code bitmaps} in RoaringBitmap's portable serialisation as a {@link BitmapListFormat BitmapList}. */
  public void putBitmapList(RoaringBitmap[] bitmaps) throws IOException {
    byte[][] serialised = new byte[bitmaps.length][];
    for (int i = 0; i < bitmaps.length; i++) {
      ByteBuffer bytes = ByteBuffer.allocate(bitmaps[i].serializedSizeInBytes()).order(LittleEndian.ORDER);
      bitmaps[i].serialize(bytes);
      serialised[i] = bytes.array();
    }
    BitmapListFormat.write(this, serialised);
  }

  /** Writes every byte so far to the channel before returning; rethrows a failed write. */
  void flush() throws IOException {
    if (writes == null) {
      checksum();
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer, bufferStart + buffer.position());
      }
      bufferStart += buffer.limit();
      buffer.clear();
      if (crcMark >= 0) {
        crcMark = 0;
      }
    } else {
      handOff();
      writes.drain();
    }
  }

  /** Flushes and stops the writer thread; rethrows a failed write. */
  void finish() throws IOException {
    flush();
    if (writes != null) {
      writes.finish();
    }
  }

  /** Stops the writer thread, if started (after the queued writes); idempotent. Call in a finally block. */
  @Override
  public void close() {
    if (writes != null) {
      writes.close();
    }
  }

  /** Hands the full buffer to the writer thread (started on first use) and continues in an empty one. */
  private void handOff() throws IOException {
    checksum();
    buffer.flip();
    int n = buffer.limit();
    if (n > 0) {
      if (writes == null) {
        writes = new WriteBehind(channel, BUFFER_BYTES);
      }
      buffer = writes.swap(buffer, bufferStart);
    } else {
      buffer.clear();
    }
    bufferStart += n;
    if (crcMark >= 0) {
      crcMark = 0;
    }
  }

  @Override
  protected void drainBuffer() throws IOException {
    handOff();
  }

  /** Adds the current section's bytes written since the last call to its CRC. */
  private void checksum() {
    if (crcMark >= 0 && buffer.position() > crcMark) {
      ByteBuffer view = buffer.duplicate();
      view.limit(buffer.position()).position(crcMark);
      crc.update(view);
      crcMark = buffer.position();
    }
  }
}
