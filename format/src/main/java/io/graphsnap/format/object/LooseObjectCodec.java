package io.graphsnap.format.object;

import com.google.flatbuffers.FlatBufferBuilder;
import io.graphsnap.format.fbs.Edge;
import io.graphsnap.format.fbs.KeyValue;
import io.graphsnap.format.fbs.LooseObject;
import io.graphsnap.format.fbs.Symbol;
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

  /** A builder whose buffer has grown past this many bytes is not kept for the thread's next object. */
  private static final int MAX_KEPT_BUILDER_BYTES = 1 << 20;
  /**
   * Each thread's builder, reused: a new one starts at 1 KB and doubles (allocating and copying) up to the object's
   * size, which cost a worker of a bulk ingest about a tenth of its time. The bytes written do not depend on it. Its
   * UTF-8 coder ({@link AsciiFirstUtf8}) copies ASCII names as they are and writes the bytes FlatBuffers' own would.
   */
  private static final ThreadLocal<FlatBufferBuilder> BUILDERS = ThreadLocal.withInitial(() -> new FlatBufferBuilder(
      16 << 10, FlatBufferBuilder.HeapByteBufferFactory.INSTANCE, null, new AsciiFirstUtf8()));

  private LooseObjectCodec() {}

  /** Encodes {@code summary}; O(size of the summary). Thread-safe (each thread reuses its own builder). */
  public static byte[] encode(FileSummary summary) {
    FlatBufferBuilder b = BUILDERS.get();
    b.clear();
    try {
      return encode(b, summary);
    } finally {
      // offset(), the bytes written, and not dataBuffer(), which asserts a finished buffer (an encode may have thrown)
      if (b.offset() > MAX_KEPT_BUILDER_BYTES / 2) {
        BUILDERS.remove(); // a large object's buffer (at least twice what it holds) is not kept for the thread's life
      }
    }
  }

  private static byte[] encode(FlatBufferBuilder b, FileSummary summary) {
    int[] symbolOffsets = new int[summary.symbols().size()];
    for (int i = 0; i < symbolOffsets.length; i++) {
      symbolOffsets[i] = encodeSymbol(b, summary.symbols().get(i));
    }
    int symbols = LooseObject.createSymbolsVector(b, symbolOffsets);
    int[] edgeOffsets = new int[summary.edges().size()];
    boolean anyLines = false;
    for (int i = 0; i < edgeOffsets.length; i++) {
      EdgeSummary e = summary.edges().get(i);
      int type = b.createString(e.type());
      int target = b.createString(e.target());
      int lines = 0; // absent
      if (e.lineCount() > 0) {
        anyLines = true;
        Edge.startLinesVector(b, e.lineCount());
        for (int j = e.lineCount() - 1; j >= 0; j--) {
          b.addInt(e.line(j));
        }
        lines = b.endVector();
      }
      edgeOffsets[i] = Edge.createEdge(b, e.source(), type, target, lines);
    }
    int edges = LooseObject.createEdgesVector(b, edgeOffsets);
    int path = b.createString(summary.path());
    int language = b.createString(summary.language());
    byte[] sha = summary.sourceSha256();
    int shaVector = LooseObject.createSourceSha256Vector(b, sha == null ? new byte[0] : sha);
    int version = anyLines ? SCHEMA_VERSION_EDGE_LINES : SCHEMA_VERSION;
    int root = LooseObject.createLooseObject(b, version, path, language, shaVector, symbols, edges);
    LooseObject.finishLooseObjectBuffer(b, root);
    return b.sizedByteArray();
  }

  private static int encodeSymbol(FlatBufferBuilder b, SymbolSummary s) {
    int name = b.createString(s.name());
    int kind = b.createString(s.kind());
    int[] effects = new int[s.effects().size()];
    for (int i = 0; i < effects.length; i++) {
      effects[i] = b.createString(s.effects().get(i));
    }
    int effectsVector = Symbol.createEffectsVector(b, effects);
    byte[] hash = s.contentHash();
    int hashVector = Symbol.createContentHashVector(b, hash == null ? new byte[0] : hash);
    int[] notes = new int[s.notes().size()];
    for (int i = 0; i < notes.length; i++) {
      Note n = s.notes().get(i);
      notes[i] = io.graphsnap.format.fbs.Note.createNote(b, b.createString(n.lang()), b.createString(n.text()));
    }
    int notesVector = Symbol.createNotesVector(b, notes);
    int[] metadata = new int[s.metadata().size()];
    int m = 0;
    for (Map.Entry<String, String> e : s.metadata().entrySet()) {
      metadata[m++] = KeyValue.createKeyValue(b, b.createString(e.getKey()), b.createString(e.getValue()));
    }
    int metadataVector = Symbol.createMetadataVector(b, metadata);
    return Symbol.createSymbol(b, name, kind, effectsVector, s.lineStart(), s.lineEnd(), hashVector, notesVector,
        metadataVector);
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
