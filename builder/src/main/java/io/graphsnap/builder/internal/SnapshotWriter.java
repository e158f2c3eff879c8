package io.graphsnap.builder.internal;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes a {@link CompiledGraph} as the sections of a snapshot file, in section-id order, then its header at
 * offset 0. See {@link SectionId} for each section's grammar. Mutable, single-use, not thread-safe.
 */
final class SnapshotWriter {
  private final CompiledGraph g;
  private final PhaseClock clock;

  SnapshotWriter(CompiledGraph graph, PhaseClock clock) {
    this.g = graph;
    this.clock = clock;
  }

  /**
   * Writes the whole file through {@code channel} (which must be empty) and returns its header. Does not force
   * or close the channel.
   */
  SnapshotHeader write(FileChannel channel) throws IOException {
    SectionId[] ids = SectionId.values();
    long headerBytes = SnapshotFormat.align(SnapshotFormat.headerBytes(ids.length));
    SectionWriter out = new SectionWriter(channel, headerBytes);
    List<SectionEntry> entries = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      out.begin(ids[i]);
      writeSection(ids[i], out);
      entries.add(out.end());
      clock.advance(i + 1, ids.length);
    }
    out.flush();
    SnapshotHeader header = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, out.position(), entries);
    byte[] encoded = header.encode();
    if (encoded.length != headerBytes) {
      throw new IllegalStateException("header is " + encoded.length + " bytes, expected " + headerBytes);
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    while (b.hasRemaining()) {
      channel.write(b, b.position());
    }
    return header;
  }

  private void writeSection(SectionId id, SectionWriter out) throws IOException {
    switch (id) {
      case BUILD_INFO -> writeStrings(out, g.buildInfo());
      case NODE_NAMES -> writeStrings(out, g.nodeNames());
      case NODES -> writeNodes(out);
      case KINDS -> writeStrings(out, g.kinds());
      case EFFECTS -> writeStrings(out, g.effects());
      case EDGE_TYPES -> writeStrings(out, g.edgeTypes());
      case EDGE_TYPE_COUNTS -> {
        for (long count : g.edgeTypeCounts()) {
          out.putLong(count);
        }
      }
      case FORWARD_OFFSETS -> out.putIntsAsLongs(g.forward().offsets());
      case FORWARD_TARGETS -> out.putInts(g.forward().others(), g.edgeCount());
      case FORWARD_TYPES -> out.put(g.forward().types(), 0, g.edgeCount());
      case REVERSE_OFFSETS -> out.putIntsAsLongs(g.reverse().offsets());
      case REVERSE_SOURCES -> out.putInts(g.reverse().others(), g.edgeCount());
      case REVERSE_TYPES -> out.put(g.reverse().types(), 0, g.edgeCount());
      case KIND_BITMAPS -> writeBitmaps(out, g.kindBitmaps());
      case EFFECT_BITMAPS -> writeBitmaps(out, g.effectBitmaps());
      case BLOOM -> writeBloom(out);
      case FILE_PATHS -> writeStrings(out, g.filePaths());
      case FILES -> writeFiles(out);
      case LANGUAGES -> writeStrings(out, g.languages());
      case NODE_DETAILS -> writeDetails(out);
      case CONFLICTS -> writeConflicts(out);
    }
  }

  /** {@code StringList --> Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Bytes}. */
  private static void writeStrings(SectionWriter out, String[] strings) throws IOException {
    out.putInt(strings.length);
    out.putInt(0);
    long end = 0;
    out.putLong(end);
    for (String s : strings) {
      end += Utf8.length(s, "string");
      out.putLong(end);
    }
    for (String s : strings) {
      out.put(Utf8.encode(s, "string"));
    }
  }

  private void writeNodes(SectionWriter out) throws IOException {
    for (int v = 0; v < g.nodeCount(); v++) {
      out.putInt(g.nodeFile()[v]);
      out.putInt(g.nodeLineStart()[v]);
      out.putInt(g.nodeLineEnd()[v]);
      out.putShort(g.nodeKind()[v]);
      out.putShort(g.nodeFlags()[v]);
    }
  }

  /** {@code BitmapList --> Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Data}, portable serialisation. */
  private static void writeBitmaps(SectionWriter out, RoaringBitmap[] bitmaps) throws IOException {
    out.putInt(bitmaps.length);
    out.putInt(0);
    long end = 0;
    out.putLong(end);
    for (RoaringBitmap b : bitmaps) {
      end += b.serializedSizeInBytes();
      out.putLong(end);
    }
    for (RoaringBitmap b : bitmaps) {
      ByteBuffer bytes = ByteBuffer.allocate(b.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
      b.serialize(bytes);
      out.put(bytes.array());
    }
  }

  private void writeBloom(SectionWriter out) throws IOException {
    BloomFilterBuilder bloom = new BloomFilterBuilder(g.nodeCount());
    for (String name : g.nodeNames()) {
      bloom.add(Utf8.encode(name, "node name"));
    }
    out.put(bloom.toByteArray());
  }

  /** {@code FileRecord --> SourceSha256 Byte^32, ObjectId Byte^32, LanguageId Int32, SymbolCount Int32}. */
  private void writeFiles(SectionWriter out) throws IOException {
    for (int f = 0; f < g.filePaths().length; f++) {
      out.putHashOrZeros(g.fileSourceSha()[f]);
      out.put(g.fileObjectId()[f]);
      out.putInt(g.fileLanguage()[f]);
      out.putInt(g.fileSymbolCount()[f]);
    }
  }

  /** {@code NodeDetails --> Ends UInt64^(N+1), Data}. */
  private void writeDetails(SectionWriter out) throws IOException {
    long end = 0;
    out.putLong(end);
    for (byte[] entry : g.nodeDetails()) {
      end += entry.length;
      out.putLong(end);
    }
    for (byte[] entry : g.nodeDetails()) {
      out.put(entry);
    }
  }

  /** {@code Conflicts --> StringList} of name, kept path, dropped path per conflict. */
  private void writeConflicts(SectionWriter out) throws IOException {
    String[] strings = new String[3 * g.conflicts().size()];
    int i = 0;
    for (var c : g.conflicts()) {
      strings[i++] = c.name();
      strings[i++] = c.keptPath();
      strings[i++] = c.droppedPath();
    }
    writeStrings(out, strings);
  }
}
