package io.graphsnap.format.object;

import java.util.HexFormat;

/** Lower-case hex of hashes, and its strict inverse. Thread-safe, stateless. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Lower-case hex of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Parses a 64-digit hex SHA-256.
   *
   * @throws InvalidSummaryException if {@code hex} is not exactly 64 hex digits
   */
  public static byte[] sha256(String hex, String field) {
    if (hex == null || hex.length() != 64) {
      throw new InvalidSummaryException(field + " must be 64 hex digits");
    }
    try {
      return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSummaryException(field + " must be 64 hex digits: " + RepoPaths.quote(hex));
    }
  }
}
