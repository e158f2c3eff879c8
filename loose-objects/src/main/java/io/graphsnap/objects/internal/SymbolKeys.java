package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys of the index's symbol set: one key per (symbol name, defining object). Not API. Thread-safe,
 * stateless.
 *
 * <pre>
 * Key --&gt; NameUtf8, 0x00, ObjectId(32 bytes)
 * </pre>
 *
 * Names never contain NUL (the model rejects it), and keys compare as unsigned bytes, so all keys of one
 * name form the range {@code [name 0x00, name 0x01)}, sorted by object id.
 */
public final class SymbolKeys {
  private SymbolKeys() {}

  /** The key of ({@code name}, {@code id}). */
  public static byte[] key(String name, ObjectId id) {
    byte[] prefix = lowerBound(name);
    byte[] key = Arrays.copyOf(prefix, prefix.length + ObjectId.BYTES);
    System.arraycopy(id.toBytes(), 0, key, prefix.length, ObjectId.BYTES);
    return key;
  }

  /** The smallest key of {@code name} (inclusive bound). */
  public static byte[] lowerBound(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("symbol name contains NUL");
    }
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1); // trailing 0x00
  }

  /** The bound just above every key of {@code name} (exclusive). */
  public static byte[] upperBound(String name) {
    byte[] bound = lowerBound(name);
    bound[bound.length - 1] = 1;
    return bound;
  }

  /** The object id at the end of {@code key}. */
  public static ObjectId objectId(byte[] key) {
    return ObjectId.fromBytes(Arrays.copyOfRange(key, key.length - ObjectId.BYTES, key.length));
  }

  /** The name at the start of {@code key}. */
  public static String name(byte[] key) {
    return new String(key, 0, key.length - ObjectId.BYTES - 1, StandardCharsets.UTF_8);
  }
}
