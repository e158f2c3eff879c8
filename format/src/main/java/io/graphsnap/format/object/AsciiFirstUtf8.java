package io.graphsnap.format.object;

import com.google.flatbuffers.Utf8;
import com.google.flatbuffers.Utf8Safe;
import java.nio.ByteBuffer;

/**
 * The UTF-8 coder of {@link LooseObjectCodec}'s builders: a string of ASCII characters only (every name of a typical
 * input) is copied into the builder's array as it is, which is its UTF-8 form; any other string, and any buffer without
 * an array, goes to FlatBuffers' own {@link Utf8Safe}. So the bytes written are Utf8Safe's, byte for byte, and a string
 * Utf8Safe refuses (an unpaired surrogate) is still refused by it.
 *
 * <p>{@code FlatBufferBuilder.createString} asks {@link #encodedLength} and then {@link #encodeUtf8} for the same
 * string: the first call remembers whether it was ASCII, so the second does not look at its characters again. O(length)
 * per call. Not thread-safe: one instance per builder (the builders are per thread).
 */
final class AsciiFirstUtf8 extends Utf8 {
  private final Utf8Safe general = new Utf8Safe();
  /** The string the last {@link #encodedLength} found to be ASCII only, or null. */
  private String ascii;

  @Override
  public int encodedLength(CharSequence in) {
    if (in instanceof String s && isAscii(s)) {
      ascii = s;
      return s.length();
    }
    ascii = null;
    return general.encodedLength(in);
  }

  @Override
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low 8 bits of each char, exact for ASCII
  public void encodeUtf8(CharSequence in, ByteBuffer out) {
    String s = ascii;
    ascii = null;
    if (in != s || !out.hasArray()) {
      general.encodeUtf8(in, out);
      return;
    }
    int length = s.length();
    int position = out.position();
    if (length > out.remaining()) {
      throw new IndexOutOfBoundsException("not enough space in the buffer for " + length + " bytes");
    }
    s.getBytes(0, length, out.array(), out.arrayOffset() + position);
    out.position(position + length);
  }

  @Override
  public String decodeUtf8(ByteBuffer buffer, int offset, int length) {
    return general.decodeUtf8(buffer, offset, length);
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
