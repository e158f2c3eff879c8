package io.graphsnap.objects.internal;

import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.ObjectId;
import java.util.Arrays;

/**
 * The value bytes of the index's path → entry map. Not API. Thread-safe, stateless.
 *
 * <pre>
 * Value --&gt; Version(1 byte = 1), Flags(1 byte: bit 0 = has source hash), ObjectId(32 bytes), SourceSha256(32 bytes)?
 * </pre>
 */
public final class FileEntryCodec {
  /** The only version written. */
  public static final byte VERSION = 1;

  private static final int HAS_SOURCE = 1;
  private static final int HEADER = 2;

  private FileEntryCodec() {}

  /** Encodes the object id and source hash of {@code entry} (the path is the map key). */
  public static byte[] encode(FileEntry entry) {
    byte[] source = entry.sourceSha256();
    byte[] out = new byte[HEADER + ObjectId.BYTES + (source == null ? 0 : 32)];
    out[0] = VERSION;
    out[1] = (byte) (source == null ? 0 : HAS_SOURCE);
    System.arraycopy(entry.objectId().toBytes(), 0, out, HEADER, ObjectId.BYTES);
    if (source != null) {
      System.arraycopy(source, 0, out, HEADER + ObjectId.BYTES, 32);
    }
    return out;
  }

  /**
   * Decodes the value stored for {@code path}.
   *
   * @throws IllegalArgumentException if the bytes are not a value of this format; the message says why
   */
  public static FileEntry decode(String path, byte[] value) {
    if (value == null || value.length < HEADER) {
      throw new IllegalArgumentException("entry of " + path + " is " + (value == null ? "null" : value.length + " bytes"));
    }
    if (value[0] != VERSION) {
      throw new IllegalArgumentException("entry of " + path + " has version " + value[0] + " (supported: " + VERSION + ")");
    }
    boolean hasSource = (value[1] & HAS_SOURCE) != 0;
    int expected = HEADER + ObjectId.BYTES + (hasSource ? 32 : 0);
    if (value.length != expected || (value[1] & ~HAS_SOURCE) != 0) {
      throw new IllegalArgumentException("entry of " + path + " is " + value.length + " bytes with flags " + value[1]
          + ", expected " + expected);
    }
    ObjectId id = ObjectId.fromBytes(Arrays.copyOfRange(value, HEADER, HEADER + ObjectId.BYTES));
    byte[] source = hasSource ? Arrays.copyOfRange(value, HEADER + ObjectId.BYTES, expected) : null;
    return new FileEntry(path, id, source);
  }
}
