package io.graphsnap.reader;

/**
 * A test on a string's UTF-8 bytes, for scans that read names or paths in place instead of decoding each into
 * a {@code String} ({@link GraphSnapshot#namesMatching}, {@link GraphSnapshot#filesMatching}).
 * Implementations must not keep or modify the array, which the scan reuses for the next string.
 */
@FunctionalInterface
public interface Utf8Predicate {
  /** Whether the string held in {@code utf8[0, length)} passes. */
  boolean test(byte[] utf8, int length);
}
