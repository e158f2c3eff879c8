package io.graphsnap.format.object;

import java.nio.charset.StandardCharsets;

/** Shared argument checks of the model records; every failure names the field and shows the value. */
final class Checks {
  private Checks() {}

  /**
   * As {@link #name(String, String)} for the field {@code "<field> of <owner>"}: the two are joined only for a
   * message, so that checking a valid name allocates nothing.
   */
  static String name(String field, String owner, String value) {
    if (value != null && !value.isEmpty() && value.length() <= Limits.MAX_NAME_BYTES && isAsciiWithoutNul(value)) {
      return value; // the common case
    }
    return name(field + " of " + owner, value);
  }

  /** As {@link #text(String, String)} for the field {@code "<field> of <owner>"}, joined only for a message. */
  static String text(String field, String owner, String value) {
    if (value != null && value.length() <= Limits.MAX_TEXT_BYTES && isAsciiWithoutNul(value)) {
      return value; // ASCII: its UTF-8 length is its length, and it has no surrogates
    }
    return text(field + " of " + owner, value);
  }

  /** As {@link #hash(String, byte[])} for the field {@code "<field> of <owner>"}, joined only for a message. */
  static byte[] hash(String field, String owner, byte[] value) {
    boolean valid = value == null || value.length == 0 || value.length == 32;
    return hash(valid ? field : field + " of " + owner, value);
  }

  static String name(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidSummaryException(field + " is missing or empty");
    }
    if (isAsciiWithoutNul(value)) { // the common case, in one pass: UTF-8 length = length, no surrogates
      if (value.length() > Limits.MAX_NAME_BYTES) {
        throw new InvalidSummaryException(
            field + " is longer than " + Limits.MAX_NAME_BYTES + " bytes: " + RepoPaths.quote(value));
      }
      return value;
    }
    if (utf8Length(value) > Limits.MAX_NAME_BYTES) {
      throw new InvalidSummaryException(
          field + " is longer than " + Limits.MAX_NAME_BYTES + " bytes: " + RepoPaths.quote(value));
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidSummaryException(field + " contains NUL: " + RepoPaths.quote(value));
    }
    checkSurrogates(field, value);
    return value;
  }

  static String text(String field, String value) {
    if (value == null) {
      throw new InvalidSummaryException(field + " is missing");
    }
    if (utf8Length(value) > Limits.MAX_TEXT_BYTES) {
      throw new InvalidSummaryException(field + " is longer than " + Limits.MAX_TEXT_BYTES + " bytes");
    }
    checkSurrogates(field, value);
    return value;
  }

  /** Whether every char of {@code value} is in U+0001..U+007F. O(length), one pass. */
  private static boolean isAsciiWithoutNul(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Rejects unpaired UTF-16 surrogates: they have no UTF-8 form, so two different names could collide. */
  static void checkSurrogates(String field, String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidSummaryException(field + " contains an unpaired surrogate (U+"
            + String.format("%04X", (int) c) + ") at index " + i);
      }
    }
  }

  static byte[] hash(String field, byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    if (value.length != 32) {
      throw new InvalidSummaryException(field + " must be 32 bytes (SHA-256), not " + value.length);
    }
    return value.clone();
  }

  static int utf8Length(String s) {
    // Fast path for ASCII; exact count otherwise.
    int n = s.length();
    if (n > Limits.MAX_TEXT_BYTES * 4) {
      return n; // certainly too long whatever the encoding
    }
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }
}
