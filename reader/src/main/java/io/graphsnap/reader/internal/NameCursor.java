package io.graphsnap.reader.internal;

/**
 * Copies strings of a list (node names, paths) out of the mapped bytes into one reused array, so that a scan can
 * read raw UTF-8 without decoding a {@code String} per item. Mutable, not thread-safe: one per scan.
 */
public interface NameCursor {
  /**
   * Copies string {@code i} and returns the buffer holding it in {@code [0, length())}: valid until the next copy,
   * and not to be modified (a front-coded cursor decodes the next string from it).
   */
  byte[] copy(int i);

  /** The length of the string last copied. */
  int length();
}
