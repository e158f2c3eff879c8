package io.graphsnap.objects.jsonl;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.EncodedFile;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.RawEdges;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ExpectedObject;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fast path of {@link JsonLineParser}: a byte-level scanner of exactly the line grammar (docs/DESIGN.md §4) that
 * builds the {@link ParsedLine} of a good line straight from the bytes, without a token stream, and gives up ({@link
 * #scan} returns {@code null}) on anything else: every bad line (then {@link JacksonLineParser} parses it again and
 * words the error) and a few good lines written unusually (a byte order mark, an escape in a field name, UTF-8 that
 * Jackson would decode although it is not well-formed: overlong forms, encoded surrogates).
 *
 * <p>The promise, checked by {@code LineScannerDifferentialTest}: whenever it returns a line, the reference parser
 * returns an equal one (equal summary, so equal object bytes and id, and equal {@code expect}). It accepts a subset
 * of what Jackson accepts: JSON whitespace is space, tab, CR and LF; strings are well-formed UTF-8 with JSON's escapes
 * only and no raw control character; numbers are integers in {@code int} range without fraction or exponent; literals
 * are followed by a delimiter; nothing follows the object but whitespace; no field appears twice (metadata keys
 * included).
 *
 * <p>Hostile input: the grammar has a fixed depth (no recursion, so no stack to overflow), a number of more than ten
 * digits is given up at once, and memory is O(line length). Not thread-safe: one instance per line (cheap).
 */
final class LineScanner {
  /**
   * Lines longer than this are left to Jackson: its default longest string is 20,000,000 chars, and a longer path
   * that normalises to a short one must be refused as it refuses it.
   */
  static final int MAX_SCANNED_BYTES = 20_000_000;

  private static final byte[][] LINE_FIELDS = names("path", "language", "sha256", "deleted", "expect", "symbols",
      "edges");
  private static final byte[][] SYMBOL_FIELDS = names("name", "kind", "effects", "lines", "hash", "notes", "metadata");
  private static final byte[][] EDGE_FIELDS = names("from", "type", "to", "line", "lines");
  private static final byte[][] NOTE_FIELDS = names("lang", "text");
  private static final int[] NO_INTS = new int[0];
  /** Slots of {@link #repeated}. */
  private static final int FROM = 0;
  private static final int TYPE = 1;
  private static final int KIND = 2;

  /** Thrown (without a stack trace) to give a line up; caught in {@link #scan}. */
  private static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();
  /**
   * Thrown to leave the byte-range reading of edges for the String one ({@link #scan} reads the line again): a string
   * of an edge with an escape or a non-ASCII byte, edges before symbols, a symbol name given twice, or edges not in
   * the canonical order (the summary then sorts and merges them).
   */
  private static final GiveUp NOT_RAW = new GiveUp();
  /** A thread's edge ranges, reused from line to line unless a line made them larger than this. */
  private static final long MAX_KEPT_RAW_BYTES = 1 << 20;
  private static final ThreadLocal<RawEdges> RAW_EDGES = ThreadLocal.withInitial(RawEdges::new);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final byte[] in;
  private final int end;
  private int pos;
  /** Decoding buffer of strings with escapes or non-ASCII characters, grown on demand. */
  private char[] chars;
  /**
   * Per {@link #repeated} slot (an edge's from, an edge's type, a symbol's kind), the last string read and where its
   * bytes lie: consecutive edges mostly repeat their source and type, and the same String (its hash code cached)
   * makes the look-up of the source cheap.
   */
  private final String[] lastString = new String[3];
  private final int[] lastStart = new int[3];
  private final int[] lastLength = new int[3];

  /**
   * Where the edges go when they are read as byte ranges (the line's object is then encoded from the bytes, without
   * a String per edge); null when they are read as Strings into {@link EdgeSummary edge summaries}.
   */
  private final RawEdges raw;
  /** With {@link #raw}: the symbols' indices by name, once the symbols are read. */
  private Map<String, Integer> symbolIndex;
  /** The start and length of the last string {@link #plainRange} read. */
  private int rangeStart;
  private int rangeLength;
  /** The last edge {@link #readEdge} read: its source's name, and its type and target as Strings or byte ranges. */
  private String edgeFrom;
  private String edgeType;
  private String edgeTo;
  private int edgeTypeStart;
  private int edgeTypeLength;
  private int edgeToStart;
  private int edgeToLength;
  private int[] edgeLines;

  private LineScanner(byte[] in, int length, RawEdges raw) {
    this.in = in;
    this.end = length;
    this.raw = raw;
  }

  /**
   * The line {@code bytes[0, length)} if it is a good line this scanner takes, else {@code null}. Reads the edges as
   * byte ranges first ({@link #scanRaw}), and as Strings when the line needs it; the object is the same either way.
   */
  static ParsedLine scan(byte[] bytes, int length) {
    try {
      return scanRaw(bytes, length);
    } catch (NeedsStrings e) {
      return scanStrings(bytes, length);
    }
  }

  /** Thrown by {@link #scanRaw} (without a stack trace) for a line whose edges must be read as Strings. */
  static final class NeedsStrings extends Exception {
    private static final long serialVersionUID = 1L;
    static final NeedsStrings INSTANCE = new NeedsStrings();

    private NeedsStrings() {
      super(null, null, false, false);
    }
  }

  /**
   * As {@link #scan}, reading the edges as byte ranges of {@code bytes} and encoding the object from them, without a
   * String or an edge summary per edge.
   *
   * @throws NeedsStrings if the line is one the byte ranges cannot take ({@link #NOT_RAW})
   */
  static ParsedLine scanRaw(byte[] bytes, int length) throws NeedsStrings {
    if (length > MAX_SCANNED_BYTES) {
      return null;
    }
    RawEdges edges = RAW_EDGES.get();
    try {
      edges.reset(bytes);
      return new LineScanner(bytes, length, edges).line();
    } catch (GiveUp e) {
      if (e == NOT_RAW) {
        throw NeedsStrings.INSTANCE;
      }
      return null; // the grammar refused the line: so would the String reading
    } catch (IllegalArgumentException e) {
      return null; // the model refused a value (InvalidSummaryException; expect's own), as it would again
    } finally {
      edges.reset(null);
      if (edges.retainedBytes() > MAX_KEPT_RAW_BYTES) {
        RAW_EDGES.remove();
      }
    }
  }

  /** {@link #scan} reading every edge's strings as Strings. */
  static ParsedLine scanStrings(byte[] bytes, int length) {
    if (length > MAX_SCANNED_BYTES) {
      return null;
    }
    try {
      return new LineScanner(bytes, length, null).line();
    } catch (GiveUp | IllegalArgumentException e) {
      return null; // the grammar refused the line, or the model a value (InvalidSummaryException; expect's own)
    }
  }

  private ParsedLine line() throws GiveUp {
    skipWhitespace();
    expect('{');
    String path = null;
    String language = null;
    byte[] sha256 = null;
    boolean deleted = false;
    ExpectedObject expect = null;
    List<SymbolSummary> symbols = null;
    List<RawEdge> edges = null;
    boolean edgesGiven = false;
    int seen = 0;
    if (!closes('}')) {
      do {
        int field = fieldName(LINE_FIELDS);
        seen = once(seen, field);
        switch (field) {
          case 0 -> path = RepoPaths.normalise(requiredString());
          case 1 -> language = optionalString();
          case 2 -> sha256 = optionalHash();
          case 3 -> deleted = optionalBoolean();
          case 4 -> expect = ExpectedObject.parse(requiredString());
          case 5 -> {
            symbols = array(this::symbol);
            if (raw != null) {
              symbolIndex = indexOf(symbols);
            }
          }
          default -> {
            if (raw != null) {
              edgesGiven = rawEdges();
            } else {
              edges = array(this::edge);
            }
          }
        }
      } while (nextMember('}'));
    }
    skipWhitespace();
    if (pos != end || path == null) {
      throw GIVE_UP; // trailing content, or no path
    }
    if (deleted) {
      if (language != null || sha256 != null || symbols != null || edges != null || edgesGiven) {
        throw GIVE_UP;
      }
      return new ParsedLine.Delete(path, expect);
    }
    List<SymbolSummary> symbolList = symbols == null ? List.of() : symbols;
    if (raw != null) {
      EncodedFile file = LooseObjectCodec.encode(path, language, sha256, symbolList, raw);
      if (file == null) {
        throw NOT_RAW; // edges out of the canonical order, repeated or invalid: the summary sorts, merges or refuses
      }
      return new ParsedLine.Put(file, expect);
    }
    FileSummary summary = new FileSummary(path, language, sha256, symbolList, resolve(symbolList, edges));
    return new ParsedLine.Put(LooseObjectCodec.encodeFile(summary), expect);
  }

  /** The symbols' indices by name; a name given twice leaves the line to the String reading (which refuses it). */
  private static Map<String, Integer> indexOf(List<SymbolSummary> symbols) throws GiveUp {
    if (symbols == null) {
      return Map.of();
    }
    Map<String, Integer> index = new HashMap<>(symbols.size() * 2);
    for (int i = 0; i < symbols.size(); i++) {
      if (index.put(symbols.get(i).name(), i) != null) {
        throw NOT_RAW;
      }
    }
    return index;
  }

  /**
   * With {@link #raw}: null, or the array of edges, each added to {@link #raw} with its source resolved (the
   * symbols must come first) and its type and target as byte ranges. Returns whether an array was given.
   */
  private boolean rawEdges() throws GiveUp {
    if (isNull()) {
      return false;
    }
    if (symbolIndex == null) {
      throw NOT_RAW; // edges before symbols
    }
    expect('[');
    if (!closes(']')) {
      String lastFrom = null;
      int source = -1;
      do {
        readEdge();
        if (edgeFrom != lastFrom) { // edges come grouped by source, whose name repeated() gives as one String
          Integer index = symbolIndex.get(edgeFrom);
          if (index == null) {
            throw GIVE_UP; // no symbol of that name: the String reading gives up too
          }
          source = index;
          lastFrom = edgeFrom;
        }
        if (!raw.add(source, edgeTypeStart, edgeTypeLength, edgeToStart, edgeToLength, edgeLines)) {
          throw NOT_RAW; // not in canonical order, or a repeat: at once, before the rest is read
        }
      } while (nextElement());
    }
    return true;
  }

  /**
   * A string that must be there, plain (ASCII without escapes or control characters): sets {@link #rangeStart} and
   * {@link #rangeLength} to its bytes between the quotes. Anything else leaves the line to the String reading.
   */
  private void plainRange() throws GiveUp {
    if (pos >= end || in[pos] != '"') {
      throw GIVE_UP;
    }
    int start = pos + 1;
    int p = start;
    for (; p <= end - Long.BYTES; p += Long.BYTES) { // eight bytes at a time up to the first that is not plain
      long special = specialBytes((long) LONG.get(in, p));
      if (special != 0) {
        p += Long.numberOfTrailingZeros(special) >>> 3;
        break;
      }
    }
    for (; p < end; p++) {
      byte b = in[p];
      if (b == '"') {
        rangeStart = start;
        rangeLength = p - start;
        pos = p + 1;
        return;
      }
      if (b == '\\' || b < 0x20) { // negative: a byte of a multi-byte UTF-8 sequence
        throw NOT_RAW;
      }
    }
    throw GIVE_UP;
  }

  /** The edges with their sources' indices; the last symbol of a name wins, as in the reference parser. */
  private static List<EdgeSummary> resolve(List<SymbolSummary> symbols, List<RawEdge> edges) throws GiveUp {
    if (edges == null || edges.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> index = new HashMap<>(symbols.size() * 2);
    for (int i = 0; i < symbols.size(); i++) {
      index.put(symbols.get(i).name(), i);
    }
    List<EdgeSummary> out = new ArrayList<>(edges.size());
    String lastFrom = null;
    Integer source = null;
    for (RawEdge e : edges) {
      if (e.from != lastFrom) { // edges come grouped by source, whose name repeated() gives as one String
        source = index.get(e.from);
        if (source == null) {
          throw GIVE_UP;
        }
        lastFrom = e.from;
      }
      out.add(new EdgeSummary(source, e.type, e.to, e.lines));
    }
    return out;
  }

  private SymbolSummary symbol() throws GiveUp {
    expect('{');
    String name = null;
    String kind = null;
    List<String> effects = null;
    int[] lines = null;
    byte[] hash = null;
    List<Note> notes = null;
    TreeMap<String, String> metadata = null;
    int seen = 0;
    if (!closes('}')) {
      do {
        int field = fieldName(SYMBOL_FIELDS);
        seen = once(seen, field);
        switch (field) {
          case 0 -> name = requiredString();
          case 1 -> kind = repeated(KIND);
          case 2 -> effects = array(this::requiredString);
          case 3 -> lines = symbolLines();
          case 4 -> hash = optionalHash();
          case 5 -> notes = array(this::note);
          default -> metadata = metadata();
        }
      } while (nextMember('}'));
    }
    if (name == null || kind == null) {
      throw GIVE_UP;
    }
    return new SymbolSummary(name, kind, effects, lines == null ? 0 : lines[0], lines == null ? 0 : lines[1], hash,
        notes, metadata);
  }

  /** Reads one array element, from its first byte. */
  @FunctionalInterface
  private interface Element<T> {
    T read() throws GiveUp;
  }

  /** Null, or an array of elements {@code element} reads. */
  private <T> List<T> array(Element<T> element) throws GiveUp {
    if (isNull()) {
      return null;
    }
    expect('[');
    List<T> out = new ArrayList<>();
    if (!closes(']')) {
      do {
        out.add(element.read());
      } while (nextElement());
    }
    return out;
  }

  /** A symbol's {@code "lines"}: null or {@code [start, end]}, two integers (the model checks their order). */
  private int[] symbolLines() throws GiveUp {
    if (isNull()) {
      return null;
    }
    expect('[');
    skipWhitespace();
    int start = integer();
    expectDelimiter(',');
    skipWhitespace();
    int last = integer();
    skipWhitespace();
    expect(']');
    return new int[] {start, last};
  }

  private Note note() throws GiveUp {
    expect('{');
    String lang = null;
    String text = null;
    int seen = 0;
    if (!closes('}')) {
      do {
        int field = fieldName(NOTE_FIELDS);
        seen = once(seen, field);
        if (field == 0) {
          lang = requiredString();
        } else {
          text = requiredString();
        }
      } while (nextMember('}'));
    }
    if (lang == null || text == null) {
      throw GIVE_UP;
    }
    return new Note(lang, text);
  }

  private TreeMap<String, String> metadata() throws GiveUp {
    if (isNull()) {
      return null;
    }
    expect('{');
    TreeMap<String, String> out = new TreeMap<>();
    if (!closes('}')) {
      do {
        skipWhitespace();
        String key = requiredString();
        expectDelimiter(':');
        skipWhitespace();
        if (out.put(key, requiredString()) != null) {
          throw GIVE_UP; // a key given twice
        }
      } while (nextMember('}'));
    }
    return out;
  }

  private RawEdge edge() throws GiveUp {
    readEdge();
    return new RawEdge(edgeFrom, edgeType, edgeTo, edgeLines);
  }

  /**
   * Reads the edge object at {@link #pos} into the {@code edge…} fields: its type and target as Strings, or with
   * {@link #raw} as byte ranges; its {@code "line"} joins its {@code "lines"}.
   */
  private void readEdge() throws GiveUp {
    expect('{');
    edgeFrom = null;
    edgeType = null;
    edgeTo = null;
    edgeTypeStart = -1;
    edgeToStart = -1;
    int line = 0;
    int[] lines = null;
    int seen = 0;
    if (!closes('}')) {
      do {
        int field = fieldName(EDGE_FIELDS);
        seen = once(seen, field);
        switch (field) {
          case 0 -> edgeFrom = repeated(FROM);
          case 1 -> {
            if (raw == null) {
              edgeType = repeated(TYPE);
            } else {
              plainRange();
              edgeTypeStart = rangeStart;
              edgeTypeLength = rangeLength;
            }
          }
          case 2 -> {
            if (raw == null) {
              edgeTo = requiredString();
            } else {
              plainRange();
              edgeToStart = rangeStart;
              edgeToLength = rangeLength;
            }
          }
          case 3 -> line = lineNumber();
          default -> lines = siteLines();
        }
      } while (nextMember('}'));
    }
    boolean typed = raw == null ? edgeType != null && edgeTo != null : edgeTypeStart >= 0 && edgeToStart >= 0;
    if (edgeFrom == null || !typed) {
      throw GIVE_UP;
    }
    if (line != 0) { // with "lines" too, the edge occurs on all of them
      lines = lines == null ? new int[] {line} : appended(lines, line);
    }
    edgeLines = lines;
  }

  private static int[] appended(int[] lines, int line) {
    int[] both = Arrays.copyOf(lines, lines.length + 1);
    both[lines.length] = line;
    return both;
  }

  /** An edge's {@code "lines"}: an array of at most {@code Limits.MAX_EDGE_LINES_PER_FILE} line numbers. */
  private int[] siteLines() throws GiveUp {
    expect('[');
    if (closes(']')) {
      return NO_INTS;
    }
    int[] out = new int[4];
    int count = 0;
    do {
      if (count == Limits.MAX_EDGE_LINES_PER_FILE) {
        throw GIVE_UP;
      }
      if (count == out.length) {
        out = Arrays.copyOf(out, Math.min(2 * count, Limits.MAX_EDGE_LINES_PER_FILE));
      }
      out[count++] = lineNumber();
    } while (nextElement());
    return count == out.length ? out : Arrays.copyOf(out, count);
  }

  /** An integer of at least 1. */
  private int lineNumber() throws GiveUp {
    int n = integer();
    if (n < 1) {
      throw GIVE_UP;
    }
    return n;
  }

  /**
   * An integer in {@code int} range: {@code -?(0|[1-9][0-9]*)}, at most ten digits, followed by a delimiter (not by
   * a fraction, an exponent or another digit).
   */
  private int integer() throws GiveUp {
    int p = pos;
    boolean negative = p < end && in[p] == '-';
    if (negative) {
      p++;
    }
    int first = p;
    long value = 0;
    while (p < end && in[p] >= '0' && in[p] <= '9') {
      if (p - first == 10) {
        throw GIVE_UP;
      }
      value = value * 10 + (in[p++] - '0');
    }
    int digits = p - first;
    if (digits == 0 || digits > 1 && in[first] == '0') {
      throw GIVE_UP;
    }
    if (p < end && (in[p] == '.' || in[p] == 'e' || in[p] == 'E')) {
      throw GIVE_UP;
    }
    value = negative ? -value : value;
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw GIVE_UP;
    }
    pos = p;
    requireDelimiter();
    return (int) value;
  }

  /** A string that must be there (not null). */
  private String requiredString() throws GiveUp {
    if (pos >= end || in[pos] != '"') {
      throw GIVE_UP;
    }
    return string();
  }

  /**
   * A string that must be there, read as {@link #requiredString} but returned as the same String as the last one of
   * {@code slot} when its bytes are the same (equal bytes between the quotes decode to equal strings).
   */
  private String repeated(int slot) throws GiveUp {
    if (pos >= end || in[pos] != '"') {
      throw GIVE_UP;
    }
    int start = pos + 1;
    String last = lastString[slot];
    if (last != null) {
      int length = lastLength[slot];
      int close = start + length;
      if (close < end && in[close] == '"' && sameBytes(start, lastStart[slot], length)) {
        pos = close + 1;
        return last;
      }
    }
    String s = string();
    lastString[slot] = s;
    lastStart[slot] = start;
    lastLength[slot] = pos - 1 - start;
    return s;
  }

  /**
   * The high bit of each byte of {@code word} (eight bytes, little-endian) that is not plain string content: a quote,
   * a backslash, a control character (below 0x20) or a byte of a multi-byte UTF-8 sequence (above 0x7F). Only the
   * lowest flag is exact (a borrow may flag bytes above it): it is the first such byte.
   */
  private static long specialBytes(long word) {
    long quote = word ^ 0x2222222222222222L;
    long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
    long zeroQuote = (quote - ONES) & ~quote;
    long zeroBackslash = (backslash - ONES) & ~backslash;
    long control = (word - 0x2020202020202020L) & ~word;
    return (zeroQuote | zeroBackslash | control | word) & HIGHS;
  }

  /** Whether {@code in[a, a + length)} and {@code in[b, b + length)} are equal (both within the line). */
  private boolean sameBytes(int a, int b, int length) {
    for (; length >= Long.BYTES; length -= Long.BYTES, a += Long.BYTES, b += Long.BYTES) {
      if ((long) LONG.get(in, a) != (long) LONG.get(in, b)) {
        return false;
      }
    }
    for (; length > 0; length--) {
      if (in[a++] != in[b++]) {
        return false;
      }
    }
    return true;
  }

  /** A string, or null. */
  private String optionalString() throws GiveUp {
    return isNull() ? null : requiredString();
  }

  /** Null, or a string of 64 hex digits (either case) as 32 bytes. */
  private byte[] optionalHash() throws GiveUp {
    String hex = optionalString();
    if (hex == null) {
      return null;
    }
    if (hex.length() != 64) {
      throw GIVE_UP;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (hexDigit(hex.charAt(2 * i)) << 4 | hexDigit(hex.charAt(2 * i + 1)));
    }
    return out;
  }

  private static int hexDigit(int b) throws GiveUp {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    throw GIVE_UP;
  }

  /** True, false or null (false). */
  private boolean optionalBoolean() throws GiveUp {
    if (matches("true")) {
      return true;
    }
    if (matches("false") || matches("null")) {
      return false;
    }
    throw GIVE_UP;
  }

  /** Consumes {@code null} if it is next. */
  private boolean isNull() throws GiveUp {
    return pos < end && in[pos] == 'n' && matches("null");
  }

  /** Consumes the literal {@code word} if it is next (followed by a delimiter). */
  private boolean matches(String word) throws GiveUp {
    int n = word.length();
    if (end - pos < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += n;
    requireDelimiter();
    return true;
  }

  /** After a number or a literal: whitespace, {@code ,}, {@code ]} or {@code }} must follow (or the end). */
  private void requireDelimiter() throws GiveUp {
    if (pos < end) {
      byte b = in[pos];
      if (b != ',' && b != ']' && b != '}' && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw GIVE_UP;
      }
    }
  }

  /**
   * The string starting at the opening quote under {@code pos}. Plain ASCII without escapes (the common case) is
   * copied as it is; anything else is decoded strictly.
   */
  private String string() throws GiveUp {
    int start = ++pos;
    int p = start;
    while (p < end) {
      byte b = in[p];
      if (b == '"') {
        pos = p + 1;
        return new String(in, start, p - start, StandardCharsets.ISO_8859_1);
      }
      if (b == '\\' || b < 0x20) { // negative: a byte of a multi-byte UTF-8 sequence
        return decode(start, p);
      }
      p++;
    }
    throw GIVE_UP;
  }

  /** Decodes the string from {@code start}, plain ASCII up to {@code p}: escapes and well-formed UTF-8 only. */
  private String decode(int start, int p) throws GiveUp {
    if (chars == null || chars.length < end - start) {
      chars = new char[end - start]; // a string never decodes to more chars than it has bytes
    }
    char[] out = chars;
    int n = 0;
    for (int i = start; i < p; i++) {
      out[n++] = (char) in[i];
    }
    while (p < end) {
      int b = in[p++];
      if (b == '"') {
        pos = p;
        return new String(out, 0, n);
      }
      if (b == '\\') {
        if (p >= end) {
          throw GIVE_UP;
        }
        switch (in[p++]) {
          case '"' -> out[n++] = '"';
          case '\\' -> out[n++] = '\\';
          case '/' -> out[n++] = '/';
          case 'b' -> out[n++] = '\b';
          case 'f' -> out[n++] = '\f';
          case 'n' -> out[n++] = '\n';
          case 'r' -> out[n++] = '\r';
          case 't' -> out[n++] = '\t';
          case 'u' -> {
            if (end - p < 4) {
              throw GIVE_UP;
            }
            out[n++] = (char) (hexDigit(in[p]) << 12 | hexDigit(in[p + 1]) << 8 | hexDigit(in[p + 2]) << 4
                | hexDigit(in[p + 3]));
            p += 4;
          }
          default -> throw GIVE_UP;
        }
      } else if (b >= 0x20) {
        out[n++] = (char) b;
      } else if (b >= 0) {
        throw GIVE_UP; // a raw control character
      } else { // the lead byte of a multi-byte sequence: well-formed UTF-8 only
        int lead = b & 0xFF;
        int need;
        int min;
        int cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
          need = 1;
          min = 0x80;
          cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
          need = 2;
          min = 0x800;
          cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
          need = 3;
          min = 0x10000;
          cp = lead & 0x07;
        } else {
          throw GIVE_UP;
        }
        if (end - p < need) {
          throw GIVE_UP;
        }
        for (int k = 0; k < need; k++) {
          int c = in[p++];
          if ((c & 0xC0) != 0x80) {
            throw GIVE_UP;
          }
          cp = cp << 6 | c & 0x3F;
        }
        // overlong forms, surrogates and code points beyond U+10FFFF: Jackson decodes some; the reference decides
        if (cp < min || cp > Character.MAX_CODE_POINT || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
          throw GIVE_UP;
        }
        if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
          out[n++] = (char) cp;
        } else { // four bytes, two chars
          out[n++] = Character.highSurrogate(cp);
          out[n++] = Character.lowSurrogate(cp);
        }
      }
    }
    throw GIVE_UP;
  }

  /** Skips whitespace and consumes {@code c}, or gives up. */
  private void expectDelimiter(char c) throws GiveUp {
    skipWhitespace();
    expect(c);
  }

  /** Consumes {@code c} at the current position (no whitespace skipped), or gives up. */
  private void expect(char c) throws GiveUp {
    if (pos >= end || in[pos] != c) {
      throw GIVE_UP;
    }
    pos++;
  }

  /** After an opening bracket: skips whitespace and consumes {@code close} if it is next (an empty container). */
  private boolean closes(char close) throws GiveUp {
    skipWhitespace();
    if (pos < end && in[pos] == close) {
      pos++;
      return true;
    }
    return false;
  }

  /** After a member's value: true after a {@code ,}, false after {@code close}; else gives up. */
  private boolean nextMember(char close) throws GiveUp {
    skipWhitespace();
    if (pos < end) {
      byte b = in[pos++];
      if (b == ',') {
        skipWhitespace();
        return true;
      }
      if (b == close) {
        return false;
      }
    }
    throw GIVE_UP;
  }

  /** After an array element: true after a {@code ,} (whitespace skipped), false after {@code ]}; else gives up. */
  private boolean nextElement() throws GiveUp {
    return nextMember(']');
  }

  /**
   * The index in {@code known} of the field name at {@code pos} (whitespace before it skipped), with the {@code :}
   * after it and the whitespace after that consumed. An unknown name, or one with an escape or a non-ASCII byte,
   * gives up.
   */
  private int fieldName(byte[][] known) throws GiveUp {
    skipWhitespace();
    expect('"');
    int start = pos;
    int p = start;
    while (p < end && in[p] != '"') {
      p++;
    }
    if (p == end) {
      throw GIVE_UP;
    }
    int length = p - start;
    for (int i = 0; i < known.length; i++) {
      byte[] name = known[i];
      if (name.length == length && startsWith(start, name)) {
        pos = p + 1;
        expectDelimiter(':');
        skipWhitespace();
        return i;
      }
    }
    throw GIVE_UP; // unknown, or written with an escape
  }

  /**
   * Whether {@code in[from, from + name.length)} is {@code name} (within the line). A byte loop: field names are a few
   * bytes, for which {@code Arrays.equals}' range checks and call cost more than the comparison.
   */
  private boolean startsWith(int from, byte[] name) {
    for (int k = 0; k < name.length; k++) {
      if (in[from + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  /** {@code seen} with bit {@code field} set; a field given twice gives up. */
  private static int once(int seen, int field) throws GiveUp {
    if ((seen & 1 << field) != 0) {
      throw GIVE_UP;
    }
    return seen | 1 << field;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      pos++;
    }
  }

  private static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  /** An edge as written: its source by name, resolved once the whole line is read. */
  private record RawEdge(String from, String type, String to, int[] lines) { }
}
