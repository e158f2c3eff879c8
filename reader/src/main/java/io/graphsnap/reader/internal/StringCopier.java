package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;

/**
 * Copies strings of a StringList out of the mapped bytes into one reused array, so that a scan can test raw
 * UTF-8 without decoding a {@code String} per item. Reads go through NIO buffer views ({@link BufferParts}: a
 * scan over a million names through {@code MemorySegment} accessors ran several times slower), the ends as
 * longs and the data by bulk copies; a string that straddles two buffer parts (2<sup>27</sup> bytes each) is
 * copied from the segment. Each copy checks the item's ends (a damaged list gives a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException}). Not thread-safe: one per scan. O(1) to create.
 */
public final class StringCopier implements NameCursor {
  /** The longest string copied (a longer one can only come from a damaged or hostile file). */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

  private final EndsList list;
  private final LongBuffer[] ends;
  private final ByteBuffer[] data;
  private final long dataLength;
  private byte[] buffer = new byte[64];
  private int length;

  /** A copier over {@code strings}. */
  public StringCopier(StringListView strings) {
    this.list = strings.ends();
    MemorySegment bytes = list.bytes();
    long endsAt = StringListFormat.endOffset(0);
    this.ends = BufferParts.longs(bytes.asSlice(endsAt, list.dataBase() - endsAt));
    this.dataLength = list.dataLength();
    this.data = BufferParts.bytes(bytes.asSlice(list.dataBase(), dataLength));
  }

  @Override
  public byte[] copy(int i) {
    long s = BufferParts.get(ends, i);
    long e = BufferParts.get(ends, i + 1L);
    if (s < 0 || s > e || e > dataLength) {
      list.checkRange(i, s, e); // throws, naming the item
    }
    long n = e - s;
    if (n > MAX_BYTES) {
      throw list.section().corrupt(StringListFormat.endOffset(i), "string " + i + " is " + n + " bytes, longer than "
          + MAX_BYTES);
    }
    if (n > buffer.length) {
      buffer = new byte[(int) Math.min(MAX_BYTES, Math.max(n, 2L * buffer.length))];
    }
    int part = (int) (s >>> BufferParts.SHIFT);
    if (n > 0 && part == (int) ((e - 1) >>> BufferParts.SHIFT)) {
      data[part].get((int) (s & BufferParts.MASK), buffer, 0, (int) n);
    } else if (n > 0) {
      MemorySegment.copy(list.bytes(), ValueLayout.JAVA_BYTE, list.dataBase() + s, buffer, 0, (int) n);
    }
    length = (int) n;
    return buffer;
  }

  @Override
  public int length() {
    return length;
  }
}
