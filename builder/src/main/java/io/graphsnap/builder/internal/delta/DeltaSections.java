package io.graphsnap.builder.internal.delta;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.builder.internal.CompiledGraph;
import io.graphsnap.builder.internal.NameIndexBuilder;
import io.graphsnap.builder.internal.NameTrigramsBuilder;
import io.graphsnap.builder.internal.SectionWriter;
import io.graphsnap.builder.internal.SnapshotBody;
import io.graphsnap.builder.internal.StringChunks;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.FrontCodedListWriter;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.PackedFileSymbolsFormat;
import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SparseDetailsFormat;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.Future;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes the new snapshot as the base plus a {@link Delta}, section by section, in one sequential pass per
 * section over the base: runs of untouched entries are copied in bulk (or with ids remapped through flat
 * arrays when entries moved), touched entries are written from their states. This is the only part of an
 * incremental build that costs O(N + E), and it costs what a copy of the file costs, plus, when nodes moved, a
 * re-hash of the names into the Bloom filter and the name index (NAME_INDEX, rebuilt from the new names in id
 * order; copied from the base when no id moved) and a rebuild of the bitmaps. The bytes equal a full build's
 * of the same objects. Base sections are evicted from the page cache as soon as they are copied, so the new
 * file's pages are recycled ones (see {@link BaseSnapshot#evict}). The Bloom filter's re-hash and the bitmaps
 * run on a background thread ({@link SideWork}) while the main thread copies, each joined by its section.
 * Single-use: sections from one thread, in id order, then {@link #close()}.
 */
final class DeltaSections implements SnapshotBody, AutoCloseable {
  private final Delta d;
  private final BaseSnapshot base;
  private final Splice nodes;
  private final ListSplicer splicer;
  private final CsrSplicer csr;
  private final CompactRowSplicer compact;
  /** New kind id of each new node, filled by NODES, then handed to the kind bitmaps' background task. */
  private int[] newKind;
  /** New file id and lines of each new node, filled by NODES for FILE_SYMBOLS (which rebuilds from them). */
  private int[] newFile;
  private int[] newLineStart;
  private int[] newLineEnd;
  /** Scratch for {@link #copyRecords}: whole records as ints. */
  private final int[] recordChunk = new int[NodeRecordFormat.INTS << 12];
  /** Runs the Bloom filter and the bitmaps beside the copy; each is joined by its section. */
  private final SideWork side = new SideWork("graphsnap-delta-side");
  private Future<BloomFilterBuilder> bloom;
  private Future<RoaringBitmap[]> effectBitmaps;
  private Future<RoaringBitmap[]> kindBitmaps;

  DeltaSections(Delta delta) {
    this.d = delta;
    this.base = delta.base;
    this.nodes = delta.nodes;
    this.splicer = new ListSplicer();
    this.csr = new CsrSplicer(delta);
    this.compact = new CompactRowSplicer(delta);
  }

  /** Stops the background work (waiting for a running task), so none outlives the base's mappings. */
  @Override
  public void close() {
    side.close();
  }

  /** The base's layout: an incremental build keeps it ({@link DeltaBuild} refuses a base of another layout). */
  @Override
  public io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout() {
    return base.graph.adjacencyLayout();
  }

  @Override
  public Content section(SectionId id) {
    Content content = switch (id) {
      case BUILD_INFO -> out -> out.putStringList(CompiledGraph.buildInfo(d.conflicts.size(),
          d.edgeCount, d.externalCount, d.fileCount(), d.nodeCount()));
      case NODE_NAMES -> this::writeNames;
      case NODES -> this::writeNodes;
      case KINDS -> out -> out.putStringList(d.kinds);
      case EFFECTS -> out -> out.putStringList(d.effects);
      case EDGE_TYPES -> out -> out.putStringList(d.edgeTypes);
      case EDGE_TYPE_COUNTS -> out -> CsrFormat.writeTypeCounts(out, d.edgeTypeCounts);
      case FORWARD_OFFSETS -> out -> csr.writeOffsets(out, false);
      case FORWARD_TARGETS -> out -> csr.writeOthers(out, false);
      case FORWARD_TYPES -> out -> csr.writeTypes(out, false);
      case REVERSE_OFFSETS -> out -> csr.writeOffsets(out, true);
      case REVERSE_SOURCES -> out -> csr.writeOthers(out, true);
      case REVERSE_TYPES -> out -> csr.writeTypes(out, true);
      case KIND_BITMAPS -> out -> out.putBitmapList(SideWork.join(kindBitmaps));
      case EFFECT_BITMAPS -> out -> out.putBitmapList(SideWork.join(effectBitmaps));
      case BLOOM -> this::writeBloom;
      case NAME_INDEX -> this::writeNameIndex;
      case FILE_SYMBOLS -> this::writeFileSymbols;
      case NAME_TRIGRAMS -> this::writeNameTrigrams;
      case CALL_SITES -> this::writeCallSites;
      case COMPACT_FORWARD_INDEX -> out -> compact.writeIndex(out, false);
      case COMPACT_FORWARD_ROWS -> out -> compact.writeRows(out, false);
      case COMPACT_REVERSE_INDEX -> out -> compact.writeIndex(out, true);
      case COMPACT_REVERSE_ROWS -> out -> compact.writeRows(out, true);
      case FILE_PATHS -> this::writePaths;
      case FILES -> this::writeFiles;
      case LANGUAGES -> out -> out.putStringList(d.languages);
      case NODE_DETAILS -> this::writeDetails;
      case CONFLICTS -> out -> out.putStringList(Conflict.toStrings(d.conflicts));
    };
    return out -> {
      content.writeTo(out);
      if (evictWhenWritten(id)) {
        try {
          base.evict(base.section(id));
        } catch (IllegalStateException absent) {
          // The base has no such section: nothing to evict.
        }
      }
    };
  }

  /**
   * Whether the base's section {@code id} is evicted from the page cache once the new one is written, so that the
   * pages of the sections still to write are recycled ones ({@link BaseSnapshot#evict}). Not NODE_NAMES, which
   * later sections may read again (it goes when the base closes), nor the CSR and the node records, which
   * {@link CsrSplicer} and {@link #writeNodes} evict as they go, nor BUILD_INFO, which is written fresh.
   */
  private static boolean evictWhenWritten(SectionId id) {
    return switch (id) {
      case BUILD_INFO, NODE_NAMES, NODES, FORWARD_OFFSETS, FORWARD_TARGETS, FORWARD_TYPES, REVERSE_OFFSETS,
          REVERSE_SOURCES, REVERSE_TYPES, COMPACT_FORWARD_INDEX, COMPACT_FORWARD_ROWS, COMPACT_REVERSE_INDEX,
          COMPACT_REVERSE_ROWS -> false;
      case KINDS, EFFECTS, EDGE_TYPES, EDGE_TYPE_COUNTS, KIND_BITMAPS, EFFECT_BITMAPS, BLOOM, FILE_PATHS, FILES,
          LANGUAGES, NODE_DETAILS, CONFLICTS, NAME_INDEX, FILE_SYMBOLS, NAME_TRIGRAMS, CALL_SITES -> true;
    };
  }

  // ---------------------------------------------------------------- names and the Bloom filter

  /**
   * NODE_NAMES, the first section: also starts the background work that needs only the delta, the effect
   * bitmaps and, when nodes moved, the Bloom filter's re-hash of every new name.
   */
  private void writeNames(SectionWriter out) throws IOException {
    effectBitmaps = side.submit(() -> new EffectBitmaps(d).build());
    ListSplicer.ItemBytes itemNames = item -> {
      NodeState s = d.nodeItems[item];
      return s.oldId >= 0 ? base.nameBytes(s.oldId) : DeltaPlanner.utf8(s.name);
    };
    if (!nodes.identity()) {
      bloom = side.submit(() -> {
        BloomFilterBuilder b = new BloomFilterBuilder(d.nodeCount());
        new ListSplicer().addStrings(base.names, nodes, itemNames, b);
        return b;
      });
    }
    if (frontCoded()) {
      writeFrontCoded(out, base.names, nodes, itemNames);
    } else {
      splicer.writeStringList(out, base.names, nodes, itemNames, null);
    }
  }

  /** Whether NODES, NODE_DETAILS and FILE_SYMBOLS are packed: the base's layout is the compact one. */
  private boolean packed() {
    return PackedNodeFormat.packed(SnapshotFormat.VERSION_CURRENT, layout());
  }

  /** Whether NODE_NAMES and FILE_PATHS are front-coded: the base's layout is the compact one. */
  private boolean frontCoded() {
    return FrontCodedListFormat.frontCoded(SnapshotFormat.VERSION_CURRENT, layout());
  }

  /**
   * NODE_NAMES or FILE_PATHS of the compact layout: the new strings in id order (runs of the base's list {@code
   * baseList}, a StringList, and items), streamed into a front-coded list.
   */
  private static void writeFrontCoded(SectionWriter out, MemorySegment baseList, Splice splice,
      ListSplicer.ItemBytes items) throws IOException {
    FrontCodedListWriter list = new FrontCodedListWriter(out, splice.newCount);
    StringChunks chunks = new StringChunks(1 << 16);
    for (int seg = 0; seg < splice.segments(); seg++) {
      if (splice.kind[seg] == Splice.ITEM) {
        list.add(items.bytes(splice.item[seg]));
      } else {
        int from = splice.oldStart[seg];
        chunks.<IOException>walk(baseList, splice.oldCount, from, from + splice.length[seg], list::add);
      }
    }
    list.finish();
  }

  private void writeBloom(SectionWriter out) throws IOException {
    if (bloom == null) {
      out.put(base.bloom, 0, base.bloom.byteSize());
    } else {
      out.put(SideWork.join(bloom).toByteArray());
    }
  }

  /**
   * NAME_INDEX: the base's bytes when no node id moved (the index depends only on the names in id order),
   * else rebuilt from the new names in id order: copied runs hashed from the base's mapped NODE_NAMES, items
   * from their bytes. O(N + name bytes) then, like the Bloom filter's rehash.
   */
  private void writeNameIndex(SectionWriter out) throws IOException {
    MemorySegment baseIndex = nodes.identity() ? baseNameIndex() : null;
    if (baseIndex != null) {
      out.put(baseIndex, 0, baseIndex.byteSize());
      return;
    }
    NameIndexBuilder index = new NameIndexBuilder(d.nodeCount(), packed());
    for (int seg = 0; seg < nodes.segments(); seg++) {
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        index.add(s.oldId >= 0 ? base.nameBytes(s.oldId) : DeltaPlanner.utf8(s.name));
      } else {
        index.addNames(base.names, base.nodeCount, nodes.oldStart[seg], nodes.oldStart[seg] + nodes.length[seg]);
      }
    }
    index.writeTo(out);
  }

  /** The base's NAME_INDEX section, or null if it has none (a version-2 file may omit it). */
  private MemorySegment baseNameIndex() {
    return baseSection(SectionId.NAME_INDEX);
  }

  /** The base's section {@code id}, or null if it has none (the optional sections). */
  private MemorySegment baseSection(SectionId id) {
    try {
      return base.section(id);
    } catch (IllegalStateException absent) {
      return null;
    }
  }

  /**
   * NAME_TRIGRAMS: the base's bytes when no node id moved (the section depends only on the names in id order),
   * else the base's postings remapped through the node splice ({@link TrigramSplicer}), or, when the base has
   * no such section, rebuilt from the new names in id order, as NAME_INDEX is (O(name bytes) then).
   */
  private void writeNameTrigrams(SectionWriter out) throws IOException {
    MemorySegment baseTrigrams = nodes.identity() ? baseSection(SectionId.NAME_TRIGRAMS) : null;
    if (baseTrigrams != null) {
      out.put(baseTrigrams, 0, baseTrigrams.byteSize());
      return;
    }
    MemorySegment spliceable = baseSection(SectionId.NAME_TRIGRAMS);
    if (spliceable != null) {
      TrigramSplicer.write(out, spliceable, nodes, item -> {
        NodeState s = d.nodeItems[item];
        return s.oldId >= 0 ? base.nameBytes(s.oldId) : DeltaPlanner.utf8(s.name);
      });
      return;
    }
    NameTrigramsBuilder trigrams = new NameTrigramsBuilder();
    for (int seg = 0; seg < nodes.segments(); seg++) {
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        trigrams.add(s.oldId >= 0 ? base.nameBytes(s.oldId) : DeltaPlanner.utf8(s.name));
      } else {
        trigrams.addNames(base.names, base.nodeCount, nodes.oldStart[seg], nodes.oldStart[seg] + nodes.length[seg]);
      }
    }
    trigrams.writeTo(out);
  }

  // ---------------------------------------------------------------- node records and kind bitmaps

  private void writeNodes(SectionWriter out) throws IOException {
    newKind = new int[d.nodeCount()];
    newFile = new int[d.nodeCount()];
    newLineStart = new int[d.nodeCount()];
    newLineEnd = new int[d.nodeCount()];
    if (packed()) {
      writePackedNodes(out);
      return;
    }
    Drain drain = new Drain(base, base.nodes);
    Splice files = d.files;
    int[] kindRemap = d.kindRemap;
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int v = nodes.newStart[seg];
      NodeState s = itemRecord(seg, v);
      if (s != null) {
        NodeRecordFormat.write(out, s.fileId, s.record.lineStart(), s.record.lineEnd(), s.kindId, s.record.flags());
        continue;
      }
      copyRecords(out, nodes.oldStart[seg], nodes.length[seg], v, files, kindRemap, drain);
    }
    drain.finish();
    int[] kinds = newKind;
    newKind = null;
    kindBitmaps = side.submit(() -> kindBitmaps(kinds));
  }

  /**
   * The node state of segment {@code seg} if it is an item with a new record (else {@code null}), its columns set as
   * new node {@code v}'s.
   */
  private NodeState itemRecord(int seg, int v) {
    if (nodes.kind[seg] != Splice.ITEM || d.nodeItems[nodes.item[seg]].record == null) {
      return null;
    }
    NodeState s = d.nodeItems[nodes.item[seg]];
    newKind[v] = s.kindId;
    newFile[v] = s.fileId;
    newLineStart[v] = s.record.lineStart();
    newLineEnd[v] = s.record.lineEnd();
    return s;
  }

  /**
   * NODES of a compact file ({@link BlockedNodeFormat}): the new columns filled as {@link #writeNodes} fills them,
   * from the base's records, then written in blocks by the rule (whose Header depends on every node). O(N).
   */
  private void writePackedNodes(SectionWriter out) throws IOException {
    int[] flags = new int[d.nodeCount()];
    Splice files = d.files;
    int[] kindRemap = d.kindRemap;
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int v = nodes.newStart[seg];
      NodeState s = itemRecord(seg, v);
      if (s != null) {
        flags[v] = s.record.flags();
        continue;
      }
      for (int i = 0; i < nodes.length[seg]; i++, v++) {
        int old = nodes.oldStart[seg] + i;
        int file = base.nodeFile(old);
        newFile[v] = file >= 0 ? files.newId(file) : file;
        newKind[v] = kindRemap[base.nodeKind(old)];
        newLineStart[v] = base.nodeLineStart(old);
        newLineEnd[v] = base.nodeLineEnd(old);
        flags[v] = base.nodeFlags(old);
      }
    }
    BlockedNodeFormat.write(out, d.nodeCount(), newFile, newLineStart, newLineEnd, newKind, flags);
    base.evict(base.nodes);
    int[] kinds = newKind;
    newKind = null;
    kindBitmaps = side.submit(() -> kindBitmaps(kinds));
  }

  /**
   * Copies {@code count} base node records from {@code from} as new nodes {@code v...}, with file and kind ids
   * remapped: each {@link NodeRecordFormat record} read in bulk as {@link NodeRecordFormat#INTS} ints (one of them
   * holds kind and flags).
   */
  private void copyRecords(SectionWriter out, int from, int count, int v, Splice files, int[] kindRemap, Drain drain)
      throws IOException {
    int[] chunk = recordChunk;
    final int ints = NodeRecordFormat.INTS;
    final int fileInt = NodeRecordFormat.FILE_ID / 4;
    final int kindInt = NodeRecordFormat.KIND_FLAGS_INT;
    int perChunk = chunk.length / ints;
    for (int done = 0; done < count; ) {
      int n = Math.min(perChunk, count - done);
      MemorySegment.copy(base.nodes, LittleEndian.INT, NodeRecordFormat.offset(from + done), chunk, 0, ints * n);
      for (int k = 0; k < ints * n; k += ints) {
        int file = chunk[k + fileInt];
        if (file >= 0) {
          chunk[k + fileInt] = files.newId(file);
        }
        int kind = kindRemap[NodeRecordFormat.kindOfInt(chunk[k + kindInt])];
        chunk[k + kindInt] = NodeRecordFormat.withKind(chunk[k + kindInt], kind);
        newFile[v] = chunk[k + fileInt];
        newLineStart[v] = chunk[k + NodeRecordFormat.LINE_START / 4];
        newLineEnd[v] = chunk[k + NodeRecordFormat.LINE_END / 4];
        newKind[v++] = kind;
      }
      out.putInts(chunk, ints * n);
      done += n;
      drain.consumed(NodeRecordFormat.offset(from + done));
    }
  }

  /** Kind bitmaps from the new kind column, built exactly as the full build builds them. */
  private RoaringBitmap[] kindBitmaps(int[] newKind) {
    RoaringBitmap[] bitmaps = new RoaringBitmap[d.kinds.length];
    for (int k = 0; k < bitmaps.length; k++) {
      bitmaps[k] = new RoaringBitmap();
    }
    for (int v = 0; v < newKind.length; v++) {
      bitmaps[newKind[v]].add(v);
    }
    for (RoaringBitmap b : bitmaps) {
      b.runOptimize();
    }
    return bitmaps;
  }

  // ---------------------------------------------------------------- the per-file symbol index

  /**
   * FILE_SYMBOLS: rebuilt by {@link FileSymbolsFormat#order} from the file ids and lines NODES wrote, as the full
   * build does from its columns, so the bytes are the same. O(N + S log(largest file)), 12 bytes per node.
   */
  private void writeFileSymbols(SectionWriter out) throws IOException {
    FileSymbolsFormat.Index index = FileSymbolsFormat.order(d.fileCount(), newFile, newLineStart, newLineEnd);
    newFile = null;
    newLineStart = null;
    newLineEnd = null;
    if (packed()) {
      PackedFileSymbolsFormat.write(out, index);
    } else {
      FileSymbolsFormat.write(out, index);
    }
  }

  // ---------------------------------------------------------------- call sites

  /**
   * CALL_SITES: the base's entries of copied nodes (their rows did not change, so neither did their entries), under
   * their new ids, and the new entries of rewritten nodes, in new id order. Entries depend only on names and lines
   * ({@link SiteEntries}), so the bytes are the full build's. O(segments · log(base entries) + entries copied).
   */
  private void writeCallSites(SectionWriter out) throws IOException {
    MemorySegment section = base.section(SectionId.CALL_SITES);
    long baseCount = CallSitesFormat.storedCount(section);
    long baseData = CallSitesFormat.dataOffset(baseCount);
    IntArrayList newIds = new IntArrayList();
    LongArrayList sources = new LongArrayList(); // >= 0: base entry index; < 0: -(item + 1)
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int v = nodes.newStart[seg];
      if (nodes.kind[seg] == Splice.ITEM) {
        int item = nodes.item[seg];
        NodeState s = d.nodeItems[item];
        if (s.sites != null) {
          if (s.sites.length > 0) {
            newIds.add(v);
            sources.add(-(item + 1L));
          }
        } else if (s.oldId >= 0) {
          long i = CallSitesFormat.find(section, baseCount, s.oldId);
          if (i >= 0) {
            newIds.add(v);
            sources.add(i);
          }
        }
        continue;
      }
      int from = nodes.oldStart[seg];
      int to = from + nodes.length[seg];
      for (long i = CallSitesFormat.lowerBound(section, baseCount, from); i < baseCount; i++) {
        int old = CallSitesFormat.node(section, baseCount, i);
        if (old >= to) {
          break;
        }
        newIds.add(v + old - from);
        sources.add(i);
      }
    }
    int[] ids = newIds.elements();
    long[] src = sources.elements();
    long dataBytes = 0;
    for (int i = 0; i < newIds.size(); i++) {
      dataBytes += src[i] < 0 ? d.nodeItems[(int) (-src[i] - 1)].sites.length
          : CallSitesFormat.end(section, src[i] + 1) - CallSitesFormat.end(section, src[i]);
    }
    io.graphsnap.builder.internal.CallSitesBuilder.checkSize(dataBytes);
    CallSitesFormat.write(out, newIds.size(), i -> ids[i], i -> src[i] < 0 ? d.nodeItems[(int) (-src[i] - 1)].sites.length
        : CallSitesFormat.end(section, src[i] + 1) - CallSitesFormat.end(section, src[i]), (i, o) -> {
          if (src[i] < 0) {
            o.put(d.nodeItems[(int) (-src[i] - 1)].sites);
          } else {
            long start = CallSitesFormat.end(section, src[i]);
            o.put(section, baseData + start, CallSitesFormat.end(section, src[i] + 1) - start);
          }
        });
  }

  // ---------------------------------------------------------------- details

  private void writeDetails(SectionWriter out) throws IOException {
    if (packed()) {
      writeSparseDetails(out);
      return;
    }
    splicer.writeEntries(out, base.details, nodes, item -> {
      NodeState s = d.nodeItems[item];
      return s.details != null ? s.details : base.detailBytes(s.oldId);
    });
  }

  /**
   * NODE_DETAILS of a compact file ({@link SparseDetailsFormat}): each new node's entry from the delta or the base,
   * found through a map from new id to its source (4 bytes per node), read three times by the writer. O(N + bytes).
   */
  private void writeSparseDetails(SectionWriter out) throws IOException {
    int[] source = new int[d.nodeCount()]; // old id, or -(item + 1)
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int v = nodes.newStart[seg];
      if (nodes.kind[seg] == Splice.ITEM) {
        source[v] = -(nodes.item[seg] + 1);
      } else {
        for (int i = 0; i < nodes.length[seg]; i++) {
          source[v + i] = nodes.oldStart[seg] + i;
        }
      }
    }
    SparseDetailsFormat.write(out, d.nodeCount(), v -> {
      if (source[v] >= 0) {
        return base.detailBytes(source[v]);
      }
      NodeState s = d.nodeItems[-source[v] - 1];
      return s.details != null ? s.details : base.detailBytes(s.oldId);
    });
  }

  // ---------------------------------------------------------------- files

  private void writePaths(SectionWriter out) throws IOException {
    ListSplicer.ItemBytes itemPaths = item -> DeltaPlanner.utf8(d.fileItems[item].path);
    if (frontCoded()) {
      writeFrontCoded(out, base.filePaths, d.files, itemPaths);
    } else {
      splicer.writeStringList(out, base.filePaths, d.files, itemPaths, null);
    }
  }

  /**
   * FILES: {@link FileRecordFormat records}, copied raw where neither the languages nor the counts changed and the
   * base's layout is the new file's; in a packed FILES (compact files from version 10) the hashes the same way, then
   * the tail from every file's language id and symbol count (two ints a file, O(F)).
   */
  private void writeFiles(SectionWriter out) throws IOException {
    Splice files = d.files;
    int[] languageRemap = d.languageRemap;
    boolean packed = FileRecordFormat.packed(SnapshotFormat.VERSION_CURRENT, layout());
    boolean sameLayout = packed == base.fileRecords.packed();
    boolean hashesInOneCopy = sameLayout && packed; // a run of base files' hashes is contiguous in both
    boolean sameLanguages = isIdentity(languageRemap, d.languages.length);
    int[] languages = packed ? new int[d.fileCount()] : null;
    int[] counts = packed ? new int[d.fileCount()] : null;
    int next = 0; // the new file id
    for (int seg = 0; seg < files.segments(); seg++) {
      int from = files.oldStart[seg];
      if (files.kind[seg] == Splice.ITEM) {
        FileState f = d.fileItems[files.item[seg]];
        int language;
        if (f.replaced()) {
          FileRecordFormat.writeHashes(out, f.sourceSha256, f.objectId);
          language = Arrays.binarySearch(d.languages, f.language, io.graphsnap.builder.internal.Utf8::compare);
        } else {
          copyHashes(out, f.baseFileId);
          language = languageRemap[base.fileLanguageId(f.baseFileId)];
        }
        next = fileTail(out, packed, languages, counts, next, language, f.symbolCount);
        continue;
      }
      int to = from + files.length[seg];
      if (sameLanguages && sameLayout && !packed) { // whole records, tails included
        out.put(base.files, FileRecordFormat.offset(from), FileRecordFormat.sectionBytes(files.length[seg]));
        next += files.length[seg];
        continue;
      }
      if (hashesInOneCopy) { // the tail below
        out.put(base.files, FileRecordFormat.hashesOffset(from, true), (long) FileRecordFormat.PACKED_RECORD_BYTES
            * files.length[seg]);
      }
      for (int f = from; f < to; f++) {
        if (!hashesInOneCopy) {
          copyHashes(out, f);
        }
        next = fileTail(out, packed, languages, counts, next, languageRemap[base.fileLanguageId(f)],
            base.fileSymbolCount(f));
      }
    }
    if (packed) {
      FileRecordFormat.writeTail(out, languages, counts, next);
    }
  }

  /** Copies base file {@code f}'s hashes, whatever the base's layout. */
  private void copyHashes(SectionWriter out, int f) throws IOException {
    out.put(base.files, FileRecordFormat.hashesOffset(f, base.fileRecords.packed()), FileRecordFormat.HASHES_BYTES);
  }

  /**
   * Writes file {@code next}'s LanguageId and SymbolCount after its hashes (fixed records), or keeps them for the
   * packed tail; returns the next file id.
   */
  private static int fileTail(SectionWriter out, boolean packed, int[] languages, int[] counts, int next,
      int language, int symbolCount) throws IOException {
    if (packed) {
      languages[next] = language;
      counts[next] = symbolCount;
    } else {
      FileRecordFormat.writeTail(out, language, symbolCount);
    }
    return next + 1;
  }

  static boolean isIdentity(int[] remap, int newSize) {
    if (remap.length != newSize) {
      return false;
    }
    for (int i = 0; i < remap.length; i++) {
      if (remap[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code length} bytes at {@code offset} of {@code segment} into a new array. */
  static byte[] bytes(MemorySegment segment, long offset, long length) {
    return segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
  }
}
