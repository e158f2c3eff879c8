package io.graphsnap.builder.internal;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.bloom.BloomHash;
import io.graphsnap.builder.internal.delta.SideWork;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.FrontCodedListWriter;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.PackedFileSymbolsFormat;
import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SparseDetailsFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.util.function.IntFunction;

/**
 * The sections of a full build: each written from a {@link CompiledGraph}. Stateless apart from the graph and
 * the name index, which BLOOM builds in the same pass over the encoded names and NAME_INDEX writes.
 *
 * <p>NAME_TRIGRAMS' postings (about half the CPU of writing a medium snapshot, all of it reading names) are computed
 * on a thread of their own, started when the first section is asked for, while the writer's thread writes the
 * sections before it: the second core does them instead of idling. The section's bytes do not depend on it.
 */
final class CompiledSections implements SnapshotBody {
  private final CompiledGraph g;
  private final CompactCsrFormat.Layout layout;
  private NameIndexBuilder nameIndex;
  /** NAME_TRIGRAMS' builder, filled from the names on its own thread; null before it starts and once taken. */
  private java.util.concurrent.FutureTask<NameTrigramsBuilder> trigrams;
  /** Whether NAME_TRIGRAMS took the builder (later sections do not start another). */
  private boolean trigramsTaken;

  CompiledSections(CompiledGraph graph) {
    this(graph, CompactCsrFormat.Layout.FIXED);
  }

  CompiledSections(CompiledGraph graph, CompactCsrFormat.Layout layout) {
    this.g = graph;
    this.layout = layout;
  }

  @Override
  public CompactCsrFormat.Layout layout() {
    return layout;
  }

  @Override
  public Content section(SectionId id) {
    startTrigrams();
    return switch (id) {
      case BUILD_INFO -> out -> out.putStringList(g.buildInfo());
      case NODE_NAMES -> frontCoded() ? this::writeFrontCodedNodeNames : this::writeNodeNames;
      case NODES -> this::writeNodes;
      case KINDS -> out -> out.putStringList(g.kinds());
      case EFFECTS -> out -> out.putStringList(g.effects());
      case EDGE_TYPES -> out -> out.putStringList(g.edgeTypes());
      case EDGE_TYPE_COUNTS -> out -> CsrFormat.writeTypeCounts(out, g.edgeTypeCounts());
      case FORWARD_OFFSETS, FORWARD_TARGETS, FORWARD_TYPES, REVERSE_OFFSETS, REVERSE_SOURCES, REVERSE_TYPES,
          CALL_SITES -> out -> g.adjacency().write(id, out);
      case KIND_BITMAPS -> out -> out.putBitmapList(g.kindBitmaps());
      case EFFECT_BITMAPS -> out -> out.putBitmapList(g.effectBitmaps());
      case BLOOM -> this::writeBloom;
      case FILE_PATHS -> frontCoded()
          ? out -> writeFrontCoded(out, g.files().count(), g.files()::pathUtf8)
          : out -> StringListFormat.write(out, g.files().count(), g.files()::pathLength, g.files()::writePath);
      case FILES -> this::writeFiles;
      case LANGUAGES -> out -> out.putStringList(g.languages());
      case NODE_DETAILS -> packed()
          ? out -> SparseDetailsFormat.write(out, g.nodeCount(), g.nodeDetails())
          : out -> NodeDetailsFormat.write(out, g.nodeCount(), g.nodeDetails());
      case CONFLICTS -> out -> out.putStringList(Conflict.toStrings(g.conflicts()));
      case NAME_INDEX -> this::writeNameIndex;
      case FILE_SYMBOLS -> out -> writeFileSymbols(out, FileSymbolsFormat.order(g.files().count(),
          g.nodeFile(), g.nodeLineStart(), g.nodeLineEnd()));
      case NAME_TRIGRAMS -> this::writeNameTrigrams;
      case COMPACT_FORWARD_INDEX, COMPACT_FORWARD_ROWS, COMPACT_REVERSE_INDEX, COMPACT_REVERSE_ROWS ->
          out -> g.adjacency().write(id, out);
    };
  }

  /** Whether NODE_NAMES and FILE_PATHS are front-coded: the compact layout. */
  private boolean frontCoded() {
    return FrontCodedListFormat.frontCoded(SnapshotFormat.VERSION_CURRENT, layout);
  }

  /** Whether NODES, NODE_DETAILS and FILE_SYMBOLS are the packed ones: the compact layout. */
  private boolean packed() {
    return PackedNodeFormat.packed(SnapshotFormat.VERSION_CURRENT, layout);
  }

  private void writeFileSymbols(SectionWriter out, FileSymbolsFormat.Index index) throws IOException {
    if (packed()) {
      PackedFileSymbolsFormat.write(out, index);
    } else {
      FileSymbolsFormat.write(out, index);
    }
  }

  /** NODE_NAMES or FILE_PATHS of the compact layout: the strings streamed in id order into a front-coded list. */
  private static void writeFrontCoded(SectionWriter out, int count, IntFunction<byte[]> utf8) throws IOException {
    FrontCodedListWriter list = new FrontCodedListWriter(out, count);
    for (int i = 0; i < count; i++) {
      list.add(utf8.apply(i));
    }
    list.finish();
  }

  /** NODE_NAMES of the compact layout: the names streamed in id order into a front-coded list. */
  private void writeFrontCodedNodeNames(SectionWriter out) throws IOException {
    FrontCodedListWriter list = new FrontCodedListWriter(out, g.nodeCount());
    try (NodeNames.Cursor it = g.nodeNames().cursor()) {
      while (it.next()) {
        list.add(it.bytes(), it.offset(), it.length());
      }
    }
    list.finish();
  }

  private void writeNodes(SectionWriter out) throws IOException {
    if (BlockedNodeFormat.blocked(SnapshotFormat.VERSION_CURRENT, layout)) { // a compact file: NODES in blocks
      BlockedNodeFormat.write(out, g.nodeCount(), g.nodeFile(), g.nodeLineStart(), g.nodeLineEnd(), g.nodeKind(),
          g.nodeFlags());
      return;
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      NodeRecordFormat.write(out, g.nodeFile()[v], g.nodeLineStart()[v], g.nodeLineEnd()[v], g.nodeKind()[v],
          g.nodeFlags()[v]);
    }
  }

  /** The Bloom filter, and the name index from the same encoded names (in id order). */
  private void writeBloom(SectionWriter out) throws IOException {
    BloomFilterBuilder bloom = new BloomFilterBuilder(g.nodeCount());
    nameIndex = new NameIndexBuilder(g.nodeCount(), packed());
    boolean oneHash = bloom.seed() == NameIndexFormat.HASH_SEED;
    forEachName(g.nodeNames(), (utf8, offset, length) -> {
      long h = BloomHash.hash64(utf8, offset, length, NameIndexFormat.HASH_SEED);
      if (oneHash) {
        bloom.addHash(h); // the same XXH64 for both: each name is hashed once
      } else {
        bloom.add(utf8, offset, length);
      }
      nameIndex.addHash(h);
    });
    out.put(bloom.toByteArray());
  }

  private void writeNameIndex(SectionWriter out) throws IOException {
    if (nameIndex == null) { // BLOOM not written first: build it here
      nameIndex = new NameIndexBuilder(g.nodeCount(), packed());
      forEachName(g.nodeNames(), nameIndex::add);
    }
    nameIndex.writeTo(out);
    nameIndex = null;
  }

  /** Starts filling NAME_TRIGRAMS' builder from the names in id order (as the incremental build does), once. */
  private synchronized void startTrigrams() {
    if (trigrams == null && !trigramsTaken) {
      trigrams = new java.util.concurrent.FutureTask<>(this::computeTrigrams);
      Thread thread = new Thread(trigrams, "graphsnap-trigrams");
      thread.setDaemon(true); // a build that fails before NAME_TRIGRAMS does not wait for it
      thread.start();
    }
  }

  /** The trigram postings of the names in id order; reads them with its own cursor (a spilled names file too). */
  private NameTrigramsBuilder computeTrigrams() throws IOException {
    NameTrigramsBuilder builder = new NameTrigramsBuilder();
    forEachName(g.nodeNames(), builder::add);
    return builder;
  }

  /** NAME_TRIGRAMS: waits for the postings {@link #startTrigrams} computes, then writes them. */
  private void writeNameTrigrams(SectionWriter out) throws IOException {
    java.util.concurrent.FutureTask<NameTrigramsBuilder> task;
    synchronized (this) {
      startTrigrams();
      task = trigrams;
      trigrams = null; // the builder is written once: not kept after
      trigramsTaken = true;
    }
    // task is null when the section is written a second time: then it is computed here
    NameTrigramsBuilder builder = task == null ? computeTrigrams() : SideWork.join(task);
    builder.writeTo(out);
  }

  /**
   * NODE_NAMES: the names in id order as UTF-8 byte strings, streamed twice (the lengths for the ends, then the
   * bytes), so that names in a temporary file are never all on the heap.
   */
  private void writeNodeNames(SectionWriter out) throws IOException {
    try (NodeNames.Cursor lengths = g.nodeNames().cursor(); NodeNames.Cursor bytes = g.nodeNames().cursor()) {
      StringListFormat.write(out, g.nodeCount(), i -> {
        try {
          lengths.next();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return lengths.length();
      }, (i, o) -> {
        bytes.next();
        o.put(bytes.bytes(), bytes.offset(), bytes.length());
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Passes each name, in id order, to {@code consumer}. */
  private static void forEachName(NodeNames names, NameTable.BytesConsumer consumer) throws IOException {
    try (NodeNames.Cursor it = names.cursor()) {
      while (it.next()) {
        consumer.accept(it.bytes(), it.offset(), it.length());
      }
    }
  }

  private void writeFiles(SectionWriter out) throws IOException {
    int count = g.files().count();
    if (!FileRecordFormat.packed(SnapshotFormat.VERSION_CURRENT, layout)) {
      for (int f = 0; f < count; f++) {
        FileRecordFormat.write(out, g.files().sourceSha256(f), g.files().objectId(f), g.files().language(f),
            g.fileSymbolCount()[f]);
      }
      return;
    }
    int[] languages = new int[count];
    for (int f = 0; f < count; f++) { // a compact file from version 10: the hashes, then the packed tail
      FileRecordFormat.writeHashes(out, g.files().sourceSha256(f), g.files().objectId(f));
      languages[f] = g.files().language(f);
    }
    FileRecordFormat.writeTail(out, languages, g.fileSymbolCount(), count);
  }
}
