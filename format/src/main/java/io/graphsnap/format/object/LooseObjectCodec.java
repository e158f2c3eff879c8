package io.graphsnap.format.object;

import io.graphsnap.format.fbs.Edge;
import io.graphsnap.format.fbs.KeyValue;
import io.graphsnap.format.fbs.LooseObject;
import io.graphsnap.format.fbs.Symbol;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link FileSummary} as a loose object (the FlatBuffers table {@code LooseObject} of
 * {@code format/src/main/fbs/loose_object.fbs}) and decodes one back, checking it first.
 *
 * <p>Encoding is deterministic: equal summaries give equal bytes, so the SHA-256 of the bytes identifies
 * the summary. Decoding trusts nothing: it checks the file identifier {@code GSLO} and the schema
 * version, reads every field through bounds-checked buffer accessors, caps the total bytes of decoded
 * strings at a small multiple of the object's size (so aliased tables cannot amplify memory), and
 * rebuilds the summary through the validating model constructors. Any failure becomes a
 * {@link CorruptObjectException} naming the object. Thread-safe, stateless.
 */
public final class LooseObjectCodec {
  /**
   * Version of the schema written into {@code LooseObject.schema_version} when no edge has lines: objects without
   * lines are written exactly as before {@code Edge.lines} existed, so their ids do not change.
   */
  public static final int SCHEMA_VERSION = 1;
  /**
   * Version 2 adds {@code Edge.lines} (the lines where an edge occurs, its sites): written when some edge has lines.
   * The decoder reads both versions; a version-1 object that has lines is refused.
   */
  public static final int SCHEMA_VERSION_EDGE_LINES = 2;
  /** The newest version the decoder reads. */
  public static final int SCHEMA_VERSION_CURRENT = SCHEMA_VERSION_EDGE_LINES;

  private static final String IDENTIFIER = "GSLO";
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** A writer whose array has grown past this many bytes is not kept for the thread's next object. */
  private static final int MAX_KEPT_WRITER_BYTES = 1 << 20;
  /**
   * Each thread's writer, reused: a new one starts at 16 KB and doubles (allocating and copying) up to the object's
   * size, which cost a worker of a bulk ingest about a tenth of its time. The bytes written do not depend on it.
   */
  private static final ThreadLocal<FlatWriter> WRITERS = ThreadLocal.withInitial(() -> new FlatWriter(16 << 10));

  private LooseObjectCodec() {}

  /**
   * Encodes {@code summary}; O(size of the summary). Thread-safe (each thread reuses its own writer). The bytes are
   * those the FlatBuffers classes generated from the schema write with flatbuffers-java's {@code FlatBufferBuilder}
   * ({@link FlatWriter} writes them without its per-call costs).
   */
  public static byte[] encode(FileSummary summary) {
    FlatWriter w = writer();
    try {
      return encode(w, summary);
    } finally {
      release(w);
    }
  }

  /** The thread's writer, cleared. */
  private static FlatWriter writer() {
    FlatWriter w = WRITERS.get();
    w.clear();
    return w;
  }

  /** After an object: a writer whose array grew large is not kept for the thread's life. */
  private static void release(FlatWriter w) {
    if (w.capacity() > MAX_KEPT_WRITER_BYTES) {
      WRITERS.remove();
    }
  }

  // Field numbers of loose_object.fbs, in the order the generated create methods add them (larger fields first).
  private static final int OBJECT_FIELDS = 6;
  private static final int SYMBOL_FIELDS = 8;
  private static final int EDGE_FIELDS = 4;

  private static byte[] encode(FlatWriter w, FileSummary summary) {
    int symbols = encodeSymbols(w, summary.symbols());
    List<EdgeSummary> edgeList = summary.edges();
    int[] edgeOffsets = new int[edgeList.size()];
    boolean anyLines = false;
    for (int i = 0; i < edgeOffsets.length; i++) {
      EdgeSummary e = edgeList.get(i);
      int type = w.createString(e.type());
      int target = w.createString(e.target());
      int lines = 0; // absent
      if (e.lineCount() > 0) {
        anyLines = true;
        lines = linesVector(w, e.sharedLines());
      }
      edgeOffsets[i] = encodeEdge(w, e.source(), type, target, lines);
    }
    int edges = w.createOffsetVector(edgeOffsets, edgeOffsets.length);
    return finish(w, symbols, edges, summary.path(), summary.language(), summary.sourceSha256(), anyLines);
  }

  /**
   * Encodes a file whose edges are given as byte ranges: the bytes {@link #encode(FileSummary)} writes for the summary
   * {@code new FileSummary(path, language, sourceSha256, symbols, edges as Strings)}, when {@code edges} are already
   * in the summary's canonical order (by source, type, target) and distinct, and each type and target is ASCII
   * without NUL, of 1 to {@link Limits#MAX_NAME_BYTES} bytes, with lines of at least 1. Otherwise returns null, and
   * the caller builds the {@link FileSummary} (which sorts and merges edges, or says what is wrong). The path,
   * language, hash and symbols are checked as {@link FileSummary} checks them (the same exceptions). O(size of the
   * object). Thread-safe (each thread reuses its own writer).
   *
   * @throws InvalidSummaryException if the path, language, hash or symbols are invalid
   */
  public static EncodedFile encode(String path, String language, byte[] sourceSha256, List<SymbolSummary> symbols,
      RawEdges edges) {
    path = RepoPaths.normalise(path);
    language = FileSummary.checkedLanguage(path, language);
    sourceSha256 = Checks.hash("sha256", path, sourceSha256);
    symbols = FileSummary.checkedSymbols(path, symbols);
    if (edges.size() > Limits.MAX_EDGES_PER_FILE || !edges.inCanonicalOrder()) {
      return null; // out of order or a repeat: the summary's constructor sorts and merges
    }
    FlatWriter w = writer();
    try {
      int symbolsVector = encodeSymbols(w, symbols);
      int[] edgeOffsets = new int[edges.size()];
      byte[] text = edges.text();
      boolean anyLines = false;
      long lineTotal = 0;
      for (int i = 0; i < edgeOffsets.length; i++) {
        int source = edges.source(i);
        int typeStart = edges.typeStart(i);
        int typeLength = edges.typeLength(i);
        int targetStart = edges.targetStart(i);
        int targetLength = edges.targetLength(i);
        if (source < 0 || source >= symbols.size() || !isName(text, typeStart, typeLength)
            || !isName(text, targetStart, targetLength)) {
          return null; // invalid: the summary's constructor says why
        }
        int type = w.createString(text, typeStart, typeLength);
        int target = w.createString(text, targetStart, targetLength);
        int lines = 0; // absent
        int[] given = edges.lines(i);
        if (given != null) {
          int[] canonical = EdgeSummary.canonicalLinesOrNull(given);
          if (canonical == null || (lineTotal += canonical.length) > Limits.MAX_EDGE_LINES_PER_FILE) {
            return null;
          }
          anyLines = true;
          lines = linesVector(w, canonical);
        }
        edgeOffsets[i] = encodeEdge(w, source, type, target, lines);
      }
      int edgesVector = w.createOffsetVector(edgeOffsets, edgeOffsets.length);
      byte[] object = finish(w, symbolsVector, edgesVector, path, language, sourceSha256, anyLines);
      return new EncodedFile(path, sourceSha256, symbols, object);
    } finally {
      release(w);
    }
  }

  /** Encodes {@code summary} with what an index needs to know of it. O(size of the summary). Thread-safe. */
  public static EncodedFile encodeFile(FileSummary summary) {
    return new EncodedFile(summary.path(), summary.sourceSha256(), summary.symbols(), encode(summary));
  }

  /** Whether {@code text[start, start + length)} is a valid name in ASCII: 1 to the limit of bytes, none NUL. */
  private static boolean isName(byte[] text, int start, int length) {
    if (length < 1 || length > Limits.MAX_NAME_BYTES) {
      return false;
    }
    int end = start + length;
    int i = start;
    long bad = 0; // the high bit of a byte is set for NUL (0 - 1 borrows) and for any byte above 0x7F
    for (; i <= end - Long.BYTES; i += Long.BYTES) {
      long word = (long) LONG.get(text, i);
      bad |= (word - 0x0101010101010101L) | word;
    }
    for (; i < end; i++) {
      bad |= (text[i] - 1) | text[i];
    }
    return (bad & 0x8080808080808080L) == 0;
  }

  private static int encodeSymbols(FlatWriter w, List<SymbolSummary> symbolList) {
    int[] symbolOffsets = new int[symbolList.size()];
    for (int i = 0; i < symbolOffsets.length; i++) {
      symbolOffsets[i] = encodeSymbol(w, symbolList.get(i));
    }
    return w.createOffsetVector(symbolOffsets, symbolOffsets.length);
  }

  /** An edge's lines (sorted, distinct, non-empty) as an int vector. */
  private static int linesVector(FlatWriter w, int[] lines) {
    w.startVector(Integer.BYTES, lines.length, Integer.BYTES);
    for (int j = lines.length - 1; j >= 0; j--) {
      w.addInt(lines[j]);
    }
    return w.endVector();
  }

  private static int encodeEdge(FlatWriter w, int source, int type, int target, int lines) {
    w.startTable(EDGE_FIELDS); // Edge.createEdge
    w.addOffsetField(3, lines);
    w.addOffsetField(2, target);
    w.addOffsetField(1, type);
    w.addIntField(0, source);
    return w.endTable();
  }

  private static byte[] finish(FlatWriter w, int symbols, int edges, String pathString, String languageString,
      byte[] sha, boolean anyLines) {
    int path = w.createString(pathString);
    int language = w.createString(languageString);
    int shaVector = w.createByteVector(sha == null ? NO_BYTES : sha);
    int version = anyLines ? SCHEMA_VERSION_EDGE_LINES : SCHEMA_VERSION;
    w.startTable(OBJECT_FIELDS); // LooseObject.createLooseObject
    w.addOffsetField(5, edges);
    w.addOffsetField(4, symbols);
    w.addOffsetField(3, shaVector);
    w.addOffsetField(2, language);
    w.addOffsetField(1, path);
    w.addIntField(0, version);
    int root = w.endTable();
    w.finish(root, IDENTIFIER);
    return w.toByteArray();
  }

  private static final byte[] NO_BYTES = new byte[0];

  private static int encodeSymbol(FlatWriter w, SymbolSummary s) {
    int name = w.createString(s.name());
    int kind = w.createString(s.kind());
    List<String> effectList = s.effects();
    int[] effects = new int[effectList.size()];
    for (int i = 0; i < effects.length; i++) {
      effects[i] = w.createString(effectList.get(i));
    }
    int effectsVector = w.createOffsetVector(effects, effects.length);
    byte[] hash = s.contentHash();
    int hashVector = w.createByteVector(hash == null ? NO_BYTES : hash);
    List<Note> noteList = s.notes();
    int[] notes = new int[noteList.size()];
    for (int i = 0; i < notes.length; i++) {
      Note n = noteList.get(i);
      int lang = w.createString(n.lang());
      int text = w.createString(n.text());
      w.startTable(2); // Note.createNote
      w.addOffsetField(1, text);
      w.addOffsetField(0, lang);
      notes[i] = w.endTable();
    }
    int notesVector = w.createOffsetVector(notes, notes.length);
    int[] metadata = new int[s.metadata().size()];
    int m = 0;
    for (Map.Entry<String, String> e : s.metadata().entrySet()) {
      int key = w.createString(e.getKey());
      int value = w.createString(e.getValue());
      w.startTable(2); // KeyValue.createKeyValue
      w.addOffsetField(1, value);
      w.addOffsetField(0, key);
      metadata[m++] = w.endTable();
    }
    int metadataVector = w.createOffsetVector(metadata, metadata.length);
    w.startTable(SYMBOL_FIELDS); // Symbol.createSymbol
    w.addOffsetField(7, metadataVector);
    w.addOffsetField(6, notesVector);
    w.addOffsetField(5, hashVector);
    w.addIntField(4, s.lineEnd());
    w.addIntField(3, s.lineStart());
    w.addOffsetField(2, effectsVector);
    w.addOffsetField(1, kind);
    w.addOffsetField(0, name);
    return w.endTable();
  }

  /**
   * Decodes and validates an object. {@code resource} names it in errors (its id or file). The buffer's
   * position and limit bound the object; the buffer is not modified. O(size of the object).
   *
   * @throws CorruptObjectException if the bytes are not a valid loose object
   */
  public static FileSummary decode(ByteBuffer bytes, String resource) throws CorruptObjectException {
    ByteBuffer bb = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    int size = bb.remaining();
    if (size > Limits.MAX_OBJECT_BYTES) {
      throw new CorruptObjectException(resource, "object is " + size + " bytes, more than " + Limits.MAX_OBJECT_BYTES);
    }
    if (size < 8 || !LooseObject.LooseObjectBufferHasIdentifier(bb)) {
      throw new CorruptObjectException(resource, "not a graphsnap loose object (identifier " + IDENTIFIER + " missing)");
    }
    try {
      return new Decoder(bb, size, resource).decode();
    } catch (InvalidSummaryException e) {
      throw new CorruptObjectException(resource, "object breaks the data model: " + e.getMessage(), e);
    } catch (CorruptObjectException e) {
      throw e;
    } catch (RuntimeException e) {
      // Bounds-checked ByteBuffer reads throw IndexOutOfBounds/IllegalArgument on bad offsets.
      throw new CorruptObjectException(resource, "malformed FlatBuffers data: " + e, e);
    }
  }

  /** Convenience for {@link #decode(ByteBuffer, String)} over an array. */
  public static FileSummary decode(byte[] bytes, String resource) throws CorruptObjectException {
    return decode(ByteBuffer.wrap(bytes), resource);
  }

  /** One decoding pass with its own budget of string bytes. */
  private static final class Decoder {
    private final ByteBuffer bb;
    private final String resource;
    private long budget;

    Decoder(ByteBuffer bb, int size, String resource) {
      this.bb = bb;
      this.resource = resource;
      this.budget = 2L * size + 4096;
    }

    FileSummary decode() throws CorruptObjectException {
      LooseObject root = LooseObject.getRootAsLooseObject(bb);
      int version = root.schemaVersion();
      if (version < SCHEMA_VERSION || version > SCHEMA_VERSION_CURRENT) {
        throw new CorruptObjectException(resource, "unsupported schema version " + version + " (supported: "
            + SCHEMA_VERSION + " to " + SCHEMA_VERSION_CURRENT + ")");
      }
      String path = string(root.path(), "path");
      String language = root.language() == null ? "" : string(root.language(), "language");
      byte[] sha = bytes(root.sourceSha256Length(), root::sourceSha256, "source_sha256");
      int symbolCount = count(root.symbolsLength(), "symbols");
      List<SymbolSummary> symbols = new ArrayList<>(symbolCount);
      Symbol s = new Symbol();
      for (int i = 0; i < symbolCount; i++) {
        symbols.add(symbol(root.symbols(s, i)));
      }
      int edgeCount = count(root.edgesLength(), "edges");
      List<EdgeSummary> edges = new ArrayList<>(edgeCount);
      Edge e = new Edge();
      for (int i = 0; i < edgeCount; i++) {
        root.edges(e, i);
        String type = string(e.type(), "edge type");
        String target = string(e.target(), "edge target");
        edges.add(new EdgeSummary(e.source(), type, target, lines(e, i, version)));
      }
      return new FileSummary(path, language, sha, symbols, edges);
    }

    /** Edge {@code i}'s lines: each in [1, 2^31), strictly increasing, none in a version-1 object. */
    private int[] lines(Edge e, int i, int version) throws CorruptObjectException {
      int n = e.linesLength();
      if (n == 0) {
        return null;
      }
      if (version < SCHEMA_VERSION_EDGE_LINES) {
        throw new CorruptObjectException(resource, "edge " + i + " has lines, which schema version " + version
            + " does not have (they came with version " + SCHEMA_VERSION_EDGE_LINES + ")");
      }
      // Each line takes 4 bytes of the buffer; charge what the int[] takes, so aliased vectors cannot amplify.
      if (n < 0 || n > bb.remaining() / 4) {
        throw new CorruptObjectException(resource, "vector lines of edge " + i + " claims " + n + " elements in "
            + bb.remaining() + " bytes");
      }
      budget -= 4L * n;
      if (budget < 0) {
        throw new CorruptObjectException(resource, "edge lines decode to more elements than the object holds (aliased vectors)");
      }
      int[] lines = new int[n];
      long previous = 0;
      for (int j = 0; j < n; j++) {
        long line = e.lines(j);
        if (line <= previous || line > Integer.MAX_VALUE) {
          throw new CorruptObjectException(resource, "line " + j + " of edge " + i + " is " + line
              + ": lines must be strictly increasing, in [1, " + Integer.MAX_VALUE + "]");
        }
        lines[j] = (int) line;
        previous = line;
      }
      return lines;
    }

    private SymbolSummary symbol(Symbol s) throws CorruptObjectException {
      String name = string(s.name(), "symbol name");
      String kind = string(s.kind(), "kind of " + name);
      int effectCount = count(s.effectsLength(), "effects");
      List<String> effects = new ArrayList<>(effectCount);
      for (int i = 0; i < effectCount; i++) {
        effects.add(string(s.effects(i), "effect of " + name));
      }
      byte[] hash = bytes(s.contentHashLength(), s::contentHash, "content_hash of " + name);
      int noteCount = count(s.notesLength(), "notes");
      List<Note> notes = new ArrayList<>(noteCount);
      io.graphsnap.format.fbs.Note n = new io.graphsnap.format.fbs.Note();
      for (int i = 0; i < noteCount; i++) {
        s.notes(n, i);
        notes.add(new Note(string(n.lang(), "note lang"), string(n.text(), "note text")));
      }
      int metadataCount = count(s.metadataLength(), "metadata");
      TreeMap<String, String> metadata = new TreeMap<>();
      KeyValue kv = new KeyValue();
      for (int i = 0; i < metadataCount; i++) {
        s.metadata(kv, i);
        metadata.put(string(kv.key(), "metadata key"), string(kv.value(), "metadata value"));
      }
      return new SymbolSummary(name, kind, effects, s.lineStart(), s.lineEnd(), hash, notes, metadata);
    }

    private String string(String value, String field) throws CorruptObjectException {
      if (value == null) {
        throw new CorruptObjectException(resource, field + " is missing");
      }
      budget -= value.length();
      if (budget < 0) {
        throw new CorruptObjectException(resource, "strings decode to more bytes than the object holds (aliased tables)");
      }
      return value;
    }

    private int count(int length, String field) throws CorruptObjectException {
      // Each vector element takes at least 4 bytes of the buffer.
      if (length < 0 || length > bb.remaining() / 4) {
        throw new CorruptObjectException(resource, "vector " + field + " claims " + length + " elements in "
            + bb.remaining() + " bytes");
      }
      budget -= 16L * length;
      if (budget < 0) {
        throw new CorruptObjectException(resource, "vectors decode to more elements than the object holds (aliased tables)");
      }
      return length;
    }

    private byte[] bytes(int length, java.util.function.IntUnaryOperator get, String field) throws CorruptObjectException {
      if (length == 0) {
        return null;
      }
      if (length != 32) {
        throw new CorruptObjectException(resource, field + " must be 32 bytes, not " + length);
      }
      byte[] out = new byte[32];
      for (int i = 0; i < 32; i++) {
        out[i] = (byte) get.applyAsInt(i);
      }
      return out;
    }
  }
}
