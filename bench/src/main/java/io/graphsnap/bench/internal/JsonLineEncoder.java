package io.graphsnap.bench.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes {@link FileDraft}s as JSON Lines of the interchange (docs/DESIGN.md §4), one line a file, straight into
 * a byte buffer: the bytes Jackson's compact generator writes for the draft's
 * {@link FileDraft#toSummary() FileSummary} ({@code path}, {@code language}, {@code symbols} with {@code name},
 * {@code kind}, {@code effects} when there are any and {@code lines}, then {@code edges} with {@code from},
 * {@code type} and {@code to} in canonical order, repeats dropped), followed by {@code \n}. No string needs
 * escaping: names are plain ASCII by construction ({@link NameArena}), and the language is checked.
 *
 * <p>Lines accumulate until {@link #drainTo}. Mutable, reusable; not thread-safe.
 */
public final class JsonLineEncoder {
  private static final byte[] PATH = ascii("{\"path\":\"");
  private static final byte[] LANGUAGE = ascii("\",\"language\":\"");
  private static final byte[] SYMBOLS = ascii("\",\"symbols\":[");
  private static final byte[] NAME = ascii("{\"name\":\"");
  private static final byte[] KIND = ascii("\",\"kind\":\"");
  private static final byte[] EFFECTS = ascii("\",\"effects\":[\"");
  private static final byte[] NEXT_EFFECT = ascii("\",\"");
  private static final byte[] LINES_AFTER_EFFECTS = ascii("\"],\"lines\":[");
  private static final byte[] LINES = ascii("\",\"lines\":[");
  private static final byte[] SYMBOL_END = ascii("]}");
  private static final byte[] EDGES = ascii("],\"edges\":[");
  private static final byte[] FROM = ascii("{\"from\":\"");
  private static final byte[] TYPE = ascii("\",\"type\":\"");
  private static final byte[] TO = ascii("\",\"to\":\"");
  private static final byte[] EDGE_END = ascii("\"}");
  private static final byte[] LINE_END = ascii("]}\n");

  private final CanonicalEdgeOrder edgeOrder = new CanonicalEdgeOrder();
  private byte[] buffer = new byte[1 << 17];
  private int size;

  /** Appends the line of {@code draft}, whose targets are spelled. O(size of the file · log). */
  public void encode(FileDraft draft) {
    NameArena names = draft.names();
    put(PATH);
    putName(names, draft.path());
    put(LANGUAGE);
    putPlain(draft.language());
    put(SYMBOLS);
    putSymbols(draft);
    put(EDGES);
    putEdges(draft);
    put(LINE_END);
  }

  private void putSymbols(FileDraft draft) {
    NameArena names = draft.names();
    for (int i = 0, n = draft.symbolCount(); i < n; i++) {
      if (i > 0) {
        putByte(',');
      }
      put(NAME);
      putName(names, draft.symbolName(i));
      put(KIND);
      put(SummaryWords.kindBytes(draft.symbolKind(i)));
      int effects = draft.symbolEffects(i);
      if (effects == 0) {
        put(LINES);
      } else {
        putEffects(effects);
      }
      putDecimal(draft.lineStart(i));
      putByte(',');
      putDecimal(draft.lineEnd(i));
      put(SYMBOL_END);
    }
  }

  private void putEffects(int effects) {
    put(EFFECTS);
    boolean first = true;
    for (int e = 0; e < SummaryWords.effectCount(); e++) {
      if ((effects & (1 << e)) != 0) {
        if (!first) {
          put(NEXT_EFFECT);
        }
        put(SummaryWords.effectBytes(e));
        first = false;
      }
    }
    put(LINES_AFTER_EFFECTS);
  }

  /**
   * The edges in canonical order. Consecutive edges from one source with one type share their
   * {@code {"from":…,"type":…,"to":"} bytes, which are copied from the first such edge in the line.
   */
  private void putEdges(FileDraft draft) {
    NameArena names = draft.names();
    int edges = edgeOrder.sort(draft);
    int lastSource = -1;
    int lastType = -1;
    int prefixStart = 0;
    int prefixLength = 0;
    for (int k = 0; k < edges; k++) {
      int e = edgeOrder.edge(k);
      if (k > 0) {
        putByte(',');
      }
      int source = draft.edgeSource(e);
      int type = draft.edgeType(e);
      if (source != lastSource || type != lastType) {
        prefixStart = size;
        put(FROM);
        putName(names, draft.symbolName(source));
        put(TYPE);
        put(SummaryWords.edgeTypeBytes(type));
        put(TO);
        prefixLength = size - prefixStart;
        lastSource = source;
        lastType = type;
      } else {
        ensure(prefixLength);
        System.arraycopy(buffer, prefixStart, buffer, size, prefixLength);
        size += prefixLength;
      }
      putName(names, draft.edgeTarget(e));
      put(EDGE_END);
    }
  }

  /** The bytes encoded and not yet drained. */
  public int size() {
    return size;
  }

  /** Writes the encoded bytes to {@code out} and empties the buffer. */
  public void drainTo(OutputStream out) throws IOException {
    out.write(buffer, 0, size);
    size = 0;
  }

  private void putName(NameArena names, int id) {
    int from = names.start(id);
    int n = names.endOf(id) - from;
    ensure(n);
    System.arraycopy(names.bytes(), from, buffer, size, n);
    size += n;
  }

  /** A string that must need no JSON escaping: printable ASCII without {@code "} or {@code \}. */
  private void putPlain(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("would need JSON escaping: " + s);
      }
      buffer[size++] = (byte) c;
    }
  }

  private void putDecimal(int value) {
    if (value < 0) {
      putPlain(Integer.toString(value));
      return;
    }
    int digits = Decimal.digits(value);
    ensure(digits);
    Decimal.write(value, buffer, size + digits);
    size += digits;
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void putByte(char c) {
    ensure(1);
    buffer[size++] = (byte) c;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
