package io.graphsnap.format.snapshot;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Where a section's bytes go: the little-endian primitive writes the {@code *Format} classes' writers are made
 * of. The builder's streaming writer implements it over a file channel (with the section's CRC32C computed as
 * it goes); {@link #ofBytes()} gives one over a heap array for small sections and tests. Implementations are
 * mutable and single-threaded.
 */
public interface SectionSink {
  /** Writes one byte (the low 8 bits of {@code b}). */
  void putByte(int b) throws IOException;

  /** Writes the low 16 bits of {@code s}, little-endian. */
  void putShort(int s) throws IOException;

  /** Writes {@code i}, little-endian. */
  void putInt(int i) throws IOException;

  /** Writes {@code l}, little-endian. */
  void putLong(long l) throws IOException;

  /** Writes {@code bytes[offset, offset + length)}. */
  void put(byte[] bytes, int offset, int length) throws IOException;

  /** Writes every byte of {@code bytes}. */
  default void put(byte[] bytes) throws IOException {
    put(bytes, 0, bytes.length);
  }

  /** Writes every int of {@code values[0, count)}, little-endian. */
  default void putInts(int[] values, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      putInt(values[i]);
    }
  }

  /** Writes every long of {@code values[0, count)}, little-endian. */
  default void putLongs(long[] values, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      putLong(values[i]);
    }
  }

  /** Copies {@code length} bytes of {@code source} from {@code offset} (such as a mapped section of another file). */
  void put(MemorySegment source, long offset, long length) throws IOException;

  /** A sink over a growing heap array; {@link Bytes#toByteArray()} returns what was written. */
  static Bytes ofBytes() {
    return new Bytes();
  }

  /** A {@link SectionSink} over a heap array, for small sections and tests. Mutable, not thread-safe. */
  final class Bytes implements SectionSink {
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    private final byte[] scratch = new byte[8];
    private final MemorySegment scratchSegment = MemorySegment.ofArray(scratch);

    private Bytes() {}

    @Override
    public void putByte(int b) {
      out.write(b);
    }

    @Override
    public void putShort(int s) {
      scratchSegment.set(LittleEndian.SHORT, 0, (short) s);
      out.write(scratch, 0, 2);
    }

    @Override
    public void putInt(int i) {
      scratchSegment.set(LittleEndian.INT, 0, i);
      out.write(scratch, 0, 4);
    }

    @Override
    public void putLong(long l) {
      scratchSegment.set(LittleEndian.LONG, 0, l);
      out.write(scratch, 0, 8);
    }

    @Override
    public void put(byte[] bytes, int offset, int length) {
      out.write(bytes, offset, length);
    }

    @Override
    public void put(MemorySegment source, long offset, long length) {
      out.writeBytes(source.asSlice(offset, length).toArray(LittleEndian.BYTE));
    }

    /** The bytes written so far, copied. */
    public byte[] toByteArray() {
      return out.toByteArray();
    }

    /**
     * Runs {@code writer} on a fresh sink and returns its bytes: the one-line way to encode a small section.
     *
     * @throws java.io.UncheckedIOException never in practice (a heap sink does not fail)
     */
    public static byte[] of(Writer writer) {
      Bytes sink = new Bytes();
      try {
        writer.writeTo(sink);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return sink.toByteArray();
    }
  }

  /** Something that writes a section's bytes to a sink. */
  @FunctionalInterface
  interface Writer {
    /** Writes this section's bytes to {@code out}. */
    void writeTo(SectionSink out) throws IOException;
  }
}
