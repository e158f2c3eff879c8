package io.graphsnap.frontend.scip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads the source files a SCIP index describes, under one root folder, for what the index does not say: each
 * file's SHA-256 (the loose object's source hash) and its line count (to check ranges). A file is used only if it is
 * a regular file (not a link), at most {@link #MAX_FILE_BYTES}, and its real path lies inside the root's real path;
 * otherwise nothing is known about it ({@link SourceFacts#NONE}). Files are streamed through the digest in 64 KiB
 * chunks, never held. Thread-safe (no mutable state but counters read after use); O(file size) per file.
 */
public final class SourceFiles {
  /** The largest source file read: 64 MiB. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  private final Path root;
  private final Path realRoot;
  private int found;
  private int missing;

  /** Files under {@code root}; {@code null} means no root: every file is unknown. */
  public SourceFiles(Path root) throws IOException {
    this.root = root;
    this.realRoot = root == null || !Files.isDirectory(root) ? null : root.toRealPath();
  }

  /** The root folder, or {@code null}. */
  public Path root() {
    return root;
  }

  /** Files read so far. */
  public int found() {
    return found;
  }

  /** Files looked for and not usable so far. */
  public int missing() {
    return missing;
  }

  /** What is known of the file at {@code path} (normalised, relative to the root). */
  public SourceFacts facts(String path) {
    if (realRoot == null) {
      missing++;
      return SourceFacts.NONE;
    }
    Path file = realRoot.resolve(path);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES || !file.toRealPath().startsWith(realRoot)) {
        missing++;
        return SourceFacts.NONE;
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      int lines = 1;
      long total = 0;
      byte[] buffer = new byte[64 << 10];
      try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
          if (total > MAX_FILE_BYTES) {
            missing++;
            return SourceFacts.NONE;
          }
          digest.update(buffer, 0, n);
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
      found++;
      return new SourceFacts(digest.digest(), lines);
    } catch (IOException | SecurityException e) {
      missing++;
      return SourceFacts.NONE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
