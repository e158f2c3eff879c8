package io.graphsnap.format.object;

import com.google.flatbuffers.Utf8Safe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A FlatBuffers builder on a plain array for {@link LooseObjectCodec}: for every sequence of calls it writes exactly
 * the bytes flatbuffers-java 2.0.8's {@code FlatBufferBuilder} writes for the same calls (the same back-to-front
 * layout, alignment padding, zero bytes, vtable sharing and root/identifier), which {@code FlatWriterTest} checks
 * against the generated classes over many objects. It skips what costs that builder time per call: a {@code
 * ByteBuffer}'s checked accessors, and the UTF-8 encoder for ASCII strings (their chars are their bytes).
 *
 * <p>Only the operations loose objects use: strings, byte and int vectors, vectors of offsets, tables of int and
 * offset fields (a field equal to its default, 0, is left out, as the generated code does), and finishing with a file
 * identifier. Offsets are counted from the end of the buffer, as FlatBuffers counts them, so growing the array does
 * not change the bytes. Not thread-safe: one instance per thread, {@link #clear}ed before each object. O(1) amortised
 * per byte written; a table's end compares its vtable with each distinct vtable written so far (a few per object).
 */
final class FlatWriter {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** FlatBufferBuilder's largest buffer. */
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private final Utf8Safe utf8 = new Utf8Safe();
  private byte[] buf;
  /** The first byte written: the data is {@code buf[space, buf.length)}. */
  private int space;
  private int minAlign = 1;
  private int[] vtable = new int[8];
  private int vtableInUse;
  private int objectStart;
  /** The vtables written so far, as offsets from the end. */
  private int[] vtables = new int[16];
  private int vtableCount;
  private int vectorElements;

  FlatWriter(int initialCapacity) {
    buf = new byte[Math.max(1, initialCapacity)];
    space = buf.length;
  }

  /** Forgets the last object (the array is kept). */
  void clear() {
    space = buf.length;
    minAlign = 1;
    Arrays.fill(vtable, 0, vtableInUse, 0);
    vtableInUse = 0;
    vtableCount = 0;
    vectorElements = 0;
    objectStart = 0;
  }

  /** The bytes written so far; offsets are relative to the end. */
  int offset() {
    return buf.length - space;
  }

  /** The array's length: what the writer holds on to between objects. */
  int capacity() {
    return buf.length;
  }

  /** Pads so that after {@code additional} more bytes the next {@code size}-byte value is aligned; grows as needed. */
  private void prep(int size, int additional) {
    if (size > minAlign) {
      minAlign = size;
    }
    int alignSize = (~(buf.length - space + additional) + 1) & (size - 1);
    while (space < alignSize + size + additional) {
      grow();
    }
    for (int i = 0; i < alignSize; i++) {
      buf[--space] = 0;
    }
  }

  /** Doubles the array, the data moving to its end (as FlatBufferBuilder's growByteBuffer). */
  private void grow() {
    int old = buf.length;
    if (old == MAX_CAPACITY) {
      throw new AssertionError("FlatBuffers: cannot grow buffer beyond 2 gigabytes.");
    }
    int capacity = (old & 0xC0000000) != 0 ? MAX_CAPACITY : old << 1;
    byte[] grown = new byte[capacity];
    System.arraycopy(buf, space, grown, capacity - old + space, old - space);
    space += capacity - old;
    buf = grown;
  }

  private void putInt(int value) {
    space -= Integer.BYTES;
    INT.set(buf, space, value);
  }

  void addByte(byte value) {
    prep(1, 0);
    buf[--space] = value;
  }

  void addShort(short value) {
    prep(Short.BYTES, 0);
    space -= Short.BYTES;
    SHORT.set(buf, space, value);
  }

  void addInt(int value) {
    prep(Integer.BYTES, 0);
    putInt(value);
  }

  /** An offset to {@code target} (an {@link #offset()} returned earlier), relative to where it is written. */
  void addOffset(int target) {
    prep(Integer.BYTES, 0);
    putInt(offset() - target + Integer.BYTES);
  }

  void startVector(int elementSize, int count, int alignment) {
    vectorElements = count;
    prep(Integer.BYTES, elementSize * count);
    prep(alignment, elementSize * count);
  }

  int endVector() {
    putInt(vectorElements);
    return offset();
  }

  /** A string: its UTF-8 bytes and a NUL, as {@code FlatBufferBuilder.createString}, whose coder writes non-ASCII ones. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low 8 bits of each char, exact for ASCII
  int createString(String s) {
    boolean ascii = isAscii(s);
    int length = ascii ? s.length() : utf8.encodedLength(s);
    addByte((byte) 0);
    startVector(1, length, 1);
    space -= length;
    if (ascii) {
      s.getBytes(0, length, buf, space);
    } else {
      utf8.encodeUtf8(s, ByteBuffer.wrap(buf, space, length));
    }
    return endVector();
  }

  /**
   * A string whose UTF-8 bytes are {@code src[from, from + length)}: the bytes {@link #createString(String)} writes
   * for the string they encode. The caller has checked them.
   */
  int createString(byte[] src, int from, int length) {
    addByte((byte) 0);
    startVector(1, length, 1);
    space -= length;
    System.arraycopy(src, from, buf, space, length);
    return endVector();
  }

  int createByteVector(byte[] bytes) {
    startVector(1, bytes.length, 1);
    space -= bytes.length;
    System.arraycopy(bytes, 0, buf, space, bytes.length);
    return endVector();
  }

  /** A vector of offsets to tables or strings, as the generated {@code createXVector(builder, int[])}. */
  int createOffsetVector(int[] offsets, int count) {
    startVector(Integer.BYTES, count, Integer.BYTES);
    for (int i = count - 1; i >= 0; i--) {
      addOffset(offsets[i]);
    }
    return endVector();
  }

  void startTable(int fields) {
    if (vtable.length < fields) {
      vtable = new int[fields];
    }
    vtableInUse = fields;
    Arrays.fill(vtable, 0, fields, 0);
    objectStart = offset();
  }

  /** Field {@code field} of the open table, left out when 0 (its default). */
  void addIntField(int field, int value) {
    if (value != 0) {
      addInt(value);
      vtable[field] = offset();
    }
  }

  /** Offset field {@code field} of the open table, left out when 0 (absent). */
  void addOffsetField(int field, int target) {
    if (target != 0) {
      addOffset(target);
      vtable[field] = offset();
    }
  }

  /** Ends the open table: writes its vtable, or points it at an equal one written before. */
  int endTable() {
    addInt(0);
    int tableOffset = offset();
    int i = vtableInUse - 1;
    while (i >= 0 && vtable[i] == 0) {
      i--;
    }
    int trimmed = i + 1;
    for (; i >= 0; i--) {
      addShort((short) (vtable[i] != 0 ? tableOffset - vtable[i] : 0));
    }
    addShort((short) (tableOffset - objectStart));
    addShort((short) ((trimmed + 2) * Short.BYTES));
    int existing = 0;
    int length = (short) SHORT.get(buf, space);
    for (int k = 0; k < vtableCount; k++) {
      int other = buf.length - vtables[k];
      if ((short) SHORT.get(buf, other) == length && Arrays.equals(buf, other, other + length, buf, space, space + length)) {
        existing = vtables[k];
        break;
      }
    }
    if (existing != 0) {
      space = buf.length - tableOffset;
      INT.set(buf, space, existing - tableOffset);
    } else {
      if (vtableCount == vtables.length) {
        vtables = Arrays.copyOf(vtables, vtableCount * 2);
      }
      vtables[vtableCount++] = offset();
      INT.set(buf, buf.length - tableOffset, offset() - tableOffset);
    }
    return tableOffset;
  }

  /** Finishes the buffer with its root table and 4-character file identifier. */
  void finish(int root, String identifier) {
    prep(minAlign, Integer.BYTES + 4);
    for (int i = 3; i >= 0; i--) {
      addByte((byte) identifier.charAt(i));
    }
    prep(minAlign, Integer.BYTES);
    addOffset(root);
  }

  /** A copy of the finished bytes. */
  byte[] toByteArray() {
    return Arrays.copyOfRange(buf, space, buf.length);
  }

  /** Whether every char of {@code s} is below U+0080. */
  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
