package io.graphsnap.objects.jsonl;

/**
 * Parses one line of the JSON Lines interchange (docs/DESIGN.md §4) into a {@link ParsedLine}: by the byte-level
 * {@link LineScanner}, which takes the good lines written plainly (in practice: all good lines), and by the
 * Jackson-based {@link JacksonLineParser} otherwise, which words the error of every bad line and takes the good lines
 * written unusually. So the answer is always the reference parser's, line for line and message for message (a bad
 * line costs a scan and a Jackson parse; Jackson's classes are loaded at the first such line). Thread-safe, stateless.
 */
final class JsonLineParser {
  /** Created on the first line the scanner does not take: an ingest of good lines loads no Jackson class. */
  private static final class Reference {
    static final JacksonLineParser PARSER = new JacksonLineParser();
  }

  /**
   * Parses {@code bytes[0, length)}.
   *
   * @throws LineException if the line is not a valid record
   */
  ParsedLine parse(byte[] bytes, int length) throws LineException {
    ParsedLine line = LineScanner.scan(bytes, length);
    return line != null ? line : Reference.PARSER.parse(bytes, length);
  }
}
