package io.graphsnap.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The server's bearer token ({@code --token-file}): requests must send {@code Authorization: Bearer TOKEN}.
 * Compared in constant time: both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so the time taken reveals neither the token's length nor how much of it
 * matched. Immutable and thread-safe.
 */
public final class BearerToken {
  /** Fewest characters a token may have. */
  static final int MIN_LENGTH = 16;
  /** Most bytes read from a token file. */
  static final int MAX_FILE = 4096;

  private final byte[] digest;

  private BearerToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * Reads the token from {@code file}: its first line, trimmed.
   *
   * @throws IllegalArgumentException if the file is not a regular file, is too large, or its token is shorter
   *     than {@value #MIN_LENGTH} characters
   */
  public static BearerToken read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--token-file " + file + ": not a regular file");
    }
    if (Files.size(file) > MAX_FILE) {
      throw new IllegalArgumentException("--token-file " + file + ": larger than " + MAX_FILE + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String token = (nl < 0 ? text : text.substring(0, nl)).trim();
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("--token-file " + file + ": the token must have at least " + MIN_LENGTH
          + " characters (e.g. openssl rand -hex 32 > " + file + ")");
    }
    return new BearerToken(token);
  }

  /** True if {@code authorization} (an {@code Authorization} header, may be null) carries this token. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).trim()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
