package io.graphsnap.format.object;

import java.util.HexFormat;

/** Lower-case hex of hashes, and its strict inverse. Thread-safe, stateless. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /**
   * Lower-case hex of {@code bytes}. A plain loop, not {@link HexFormat#formatHex(byte[])}: on Temurin 25.0.3 the C2
   * compiler's code for that path returned null about one run in two of the loose-objects tests (object ids hexed on
   * the ingest's worker threads; never with C1 alone, {@code -XX:TieredStopAtLevel=1}).
   */
  public static String of(byte[] bytes) {
    byte[] out = new byte[2 * bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
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
