package io.graphsnap.objects;

import io.graphsnap.format.object.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The id of a loose object: the SHA-256 of its bytes. Immutable; compares by unsigned bytes, which is the
 * order of its hex form. Thread-safe.
 */
public final class ObjectId implements Comparable<ObjectId> {
  /** Bytes of an id. */
  public static final int BYTES = 32;

  /**
   * Each thread's digest for {@link #of}: {@code MessageDigest.getInstance} looks the provider up on every call, which
   * cost a bulk ingest's workers about a fiftieth of their time. {@code digest} leaves it reset.
   */
  private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(ObjectId::sha256);

  private final byte[] sha256;

  private ObjectId(byte[] sha256) {
    this.sha256 = sha256;
  }

  /** The id of {@code bytes}: their SHA-256. O(length). Thread-safe (each thread reuses its own digest). */
  public static ObjectId of(byte[] bytes) {
    return new ObjectId(DIGESTS.get().digest(bytes));
  }

  /**
   * Wraps 32 bytes of SHA-256 (copied).
   *
   * @throws IllegalArgumentException if {@code sha256} is not 32 bytes
   */
  public static ObjectId fromBytes(byte[] sha256) {
    if (sha256 == null || sha256.length != BYTES) {
      throw new IllegalArgumentException("an object id is 32 bytes, not " + (sha256 == null ? "null" : sha256.length));
    }
    return new ObjectId(sha256.clone());
  }

  /** Wraps {@code sha256}, 32 bytes the caller gives up (no copy): for this package's lists of ids. */
  static ObjectId owning(byte[] sha256) {
    return new ObjectId(sha256);
  }

  /**
   * Parses 64 hex digits.
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static ObjectId parse(String hex) {
    try {
      return new ObjectId(Hex.sha256(hex, "object id"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an object id (64 hex digits): " + hex, e);
    }
  }

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return sha256.clone();
  }

  /** Copies the 32 bytes into {@code target} from {@code offset} on. */
  public void copyInto(byte[] target, int offset) {
    System.arraycopy(sha256, 0, target, offset, BYTES);
  }

  /** The first byte, 0 to 255: the fan-out folder of the object's loose file, and its bucket in a pack's index. */
  public int fanOut() {
    return sha256[0] & 0xff;
  }

  /** Whether {@code bytes[offset, offset + 32)} are this id's bytes: for ids kept flat, one after another. */
  public boolean matches(byte[] bytes, int offset) {
    return Arrays.equals(sha256, 0, BYTES, bytes, offset, offset + BYTES);
  }

  /** The 64-digit lower-case hex form. */
  public String hex() {
    return Hex.of(sha256);
  }

  @Override
  public int compareTo(ObjectId o) {
    return Arrays.compareUnsigned(sha256, o.sha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId other && Arrays.equals(sha256, other.sha256);
  }

  @Override
  public int hashCode() {
    return hashCodeAt(sha256, 0);
  }

  /** {@link #hashCode()} of the id whose 32 bytes start at {@code bytes[offset]}: its first four, big-endian. */
  public static int hashCodeAt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
        | (bytes[offset + 3] & 0xff);
  }

  @Override
  public String toString() {
    return hex();
  }
}
