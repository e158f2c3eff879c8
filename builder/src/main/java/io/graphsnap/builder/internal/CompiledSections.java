package io.graphsnap.builder.internal;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.bloom.BloomHash;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;

/**
 * The sections of a full build: each written from a {@link CompiledGraph}. Stateless apart from the graph and
 * the name index, which BLOOM builds in the same pass over the encoded names and NAME_INDEX writes.
 */
final class CompiledSections implements SnapshotBody {
  private final CompiledGraph g;
  private NameIndexBuilder nameIndex;

  CompiledSections(CompiledGraph graph) {
    this.g = graph;
  }

  @Override
  public void writeSection(SectionId id, SectionWriter out) throws IOException {
    switch (id) {
      case BUILD_INFO -> out.putStringList(g.buildInfo());
      case NODE_NAMES -> out.putStringList(g.nodeNames());
      case NODES -> writeNodes(out);
      case KINDS -> out.putStringList(g.kinds());
      case EFFECTS -> out.putStringList(g.effects());
      case EDGE_TYPES -> out.putStringList(g.edgeTypes());
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
      case KIND_BITMAPS -> out.putBitmapList(g.kindBitmaps());
      case EFFECT_BITMAPS -> out.putBitmapList(g.effectBitmaps());
      case BLOOM -> writeBloom(out);
      case FILE_PATHS -> out.putStringList(g.filePaths());
      case FILES -> writeFiles(out);
      case LANGUAGES -> out.putStringList(g.languages());
      case NODE_DETAILS -> writeDetails(out);
      case CONFLICTS -> writeConflicts(out);
      case NAME_INDEX -> writeNameIndex(out);
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

  /** The Bloom filter, and the name index from the same encoded names (in id order). */
  private void writeBloom(SectionWriter out) throws IOException {
    BloomFilterBuilder bloom = new BloomFilterBuilder(g.nodeCount());
    nameIndex = new NameIndexBuilder(g.nodeCount());
    boolean oneHash = bloom.seed() == NameIndexFormat.HASH_SEED;
    for (String name : g.nodeNames()) {
      byte[] utf8 = Utf8.encode(name, "node name");
      long h = BloomHash.hash64(utf8, 0, utf8.length, NameIndexFormat.HASH_SEED);
      if (oneHash) {
        bloom.addHash(h); // the same XXH64 for both: each name is hashed once
      } else {
        bloom.add(utf8);
      }
      nameIndex.addHash(h);
    }
    out.put(bloom.toByteArray());
  }

  private void writeNameIndex(SectionWriter out) throws IOException {
    if (nameIndex == null) { // BLOOM not written first: build it here
      nameIndex = new NameIndexBuilder(g.nodeCount());
      for (String name : g.nodeNames()) {
        nameIndex.add(Utf8.encode(name, "node name"));
      }
    }
    nameIndex.writeTo(out);
    nameIndex = null;
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
    out.putStringList(strings);
  }
}
