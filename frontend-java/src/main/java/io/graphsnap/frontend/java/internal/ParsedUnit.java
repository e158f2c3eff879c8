package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A parsed file with what is needed to map trees back to text: positions, lines and content hashes.
 * Used by one thread, for one file.
 */
public final class ParsedUnit {
  final String path;
  final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final LineMap lines;
  final String text;
  private final byte[] bytes;
  private final boolean charsAreBytes;
  private final MessageDigest sha256 = Sha256.newDigest();

  ParsedUnit(String path, CompilationUnitTree unit, SourcePositions positions, String text, byte[] bytes) {
    this.path = path;
    this.unit = unit;
    this.positions = positions;
    this.lines = unit.getLineMap();
    this.text = text;
    this.bytes = bytes;
    // ASCII without a byte-order mark: char offsets are byte offsets and the bytes can be hashed directly.
    this.charsAreBytes = bytes != null && bytes.length == text.length() && isAscii(bytes);
  }

  /** The file's repository-relative path. */
  public String path() {
    return path;
  }

  /** The file's bytes as read (not copied: do not modify). */
  public byte[] sourceBytes() {
    return bytes;
  }

  /** The length of the file's text in chars. */
  public int sourceLength() {
    return text.length();
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** Start offset of {@code tree} in chars, or -1. */
  long start(Tree tree) {
    return positions.getStartPosition(unit, tree);
  }

  /** End offset (exclusive) of {@code tree} in chars, or -1. */
  long end(Tree tree) {
    return positions.getEndPosition(unit, tree);
  }

  /** 1-based first line of {@code tree}, or 0 if unknown. */
  int firstLine(Tree tree) {
    long s = start(tree);
    return s < 0 ? 0 : (int) lines.getLineNumber(s);
  }

  /** 1-based last line of {@code tree}, at least {@link #firstLine}, or 0 if unknown. */
  int lastLine(Tree tree) {
    long s = start(tree);
    long e = end(tree);
    if (s < 0) {
      return 0;
    }
    if (e <= s) {
      return (int) lines.getLineNumber(s);
    }
    return (int) lines.getLineNumber(e - 1);
  }

  /** SHA-256 of the UTF-8 text of {@code tree}, or {@code null} if its extent is unknown. */
  byte[] contentHash(Tree tree) {
    long s = start(tree);
    long e = end(tree);
    if (s < 0 || e < s || e > text.length()) {
      return null;
    }
    if (charsAreBytes) {
      sha256.update(bytes, (int) s, (int) (e - s));
    } else {
      sha256.update(text.substring((int) s, (int) e).getBytes(StandardCharsets.UTF_8));
    }
    return sha256.digest();
  }

  /** The text between two offsets, clamped to the file. */
  String textBetween(long from, long to) {
    int s = (int) Math.max(0, Math.min(from, text.length()));
    int e = (int) Math.max(s, Math.min(to, text.length()));
    return text.substring(s, e);
  }
}
