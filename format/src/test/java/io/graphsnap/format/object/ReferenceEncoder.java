package io.graphsnap.format.object;

import com.google.flatbuffers.FlatBufferBuilder;
import io.graphsnap.format.fbs.Edge;
import io.graphsnap.format.fbs.KeyValue;
import io.graphsnap.format.fbs.LooseObject;
import io.graphsnap.format.fbs.Symbol;
import java.util.Map;

/**
 * The loose-object encoder as it was before {@link FlatWriter}: the classes generated from {@code loose_object.fbs}
 * on flatbuffers-java's own {@code FlatBufferBuilder}. The reference that {@link LooseObjectCodec#encode} must match
 * byte for byte. Thread-safe (a builder per call).
 */
final class ReferenceEncoder {
  private static final int SCHEMA_VERSION = LooseObjectCodec.SCHEMA_VERSION;
  private static final int SCHEMA_VERSION_EDGE_LINES = LooseObjectCodec.SCHEMA_VERSION_EDGE_LINES;

  private ReferenceEncoder() {}

  /** The bytes of {@code summary} as FlatBufferBuilder writes them (a builder starting at {@code initialSize}). */
  static byte[] encode(FileSummary summary, int initialSize) {
    return encode(new FlatBufferBuilder(initialSize), summary);
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

}
