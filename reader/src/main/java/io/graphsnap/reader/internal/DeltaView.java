package io.graphsnap.reader.internal;

import io.graphsnap.format.delta.DeltaBaseFormat;
import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.delta.DeltaSectionId;
import io.graphsnap.format.delta.IdListFormat;
import io.graphsnap.format.delta.RowListFormat;
import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A delta file ({@link DeltaFormat}) read into the heap and checked: the whole file is O(change), so open decodes
 * every list and checks every structural rule the overlay relies on (lengths, counts, strictly increasing keys and
 * ids, ids in the layered ranges, type and dictionary ids in range, rows sorted), section CRCs included. After open
 * every read is an array access or a decode of a checked entry. Immutable; thread-safe.
 */
public final class DeltaView {
  public final String resource;
  public final byte[] fileBytes;
  public final DeltaBaseFormat.Base base;
  public final String[] info;
  public final String[] newNames;
  public final int[] tombstones;
  public final int[] dirtyNodes;
  public final NodeTable nodes;
  public final DetailsReader details;
  public final ImmutableRoaringBitmap[] effects;
  public final Rows forward;
  /** CALL_SITES over FORWARD keys, or null when the delta has none. */
  public final CallSitesView sites;
  public final Rows reverseAdded;
  public final Rows reverseRemoved;
  public final String[] addedKinds;
  public final String[] addedEffects;
  public final String[] addedEdgeTypes;
  public final String[] addedLanguages;
  public final long[] edgeTypeCounts;
  public final String[] newFilePaths;
  public final int[] fileTombstones;
  public final int[] dirtyFiles;
  public final MemorySegment files;
  public final int[][] fileSymbols;
  public final String[] conflictNames;
  /** name, kept path, dropped path, ... */
  public final String[] conflicts;
  /** Layered bounds: node ids, file ids, kinds, effects, edge types, languages. */
  public final int nodeBound;
  public final int fileBound;
  public final int kindBound;
  public final int effectBound;
  public final int typeBound;
  public final int languageBound;

  /**
   * Keyed rows of a RowList, decoded. Immutable.
   *
   * @param keys strictly increasing node ids
   * @param offsets row i = [offsets[i], offsets[i+1])
   * @param neighbours neighbour ids
   * @param types type ids
   */
  public record Rows(int[] keys, int[] offsets, int[] neighbours, int[] types) {
    /** The position of {@code key}'s row, or negative. O(log rows). */
    public int find(int key) {
      return java.util.Arrays.binarySearch(keys, key);
    }
  }

  private final SnapshotHeader header;

  /**
   * Decodes and checks {@code bytes}, a whole delta file named {@code resource}.
   *
   * @throws CorruptSnapshotException naming the section and offset if any rule is broken (an
   *     {@link io.graphsnap.format.snapshot.UnsupportedFormatVersionException} for an unknown version)
   */
  public DeltaView(String resource, byte[] bytes) {
    this.resource = resource;
    this.fileBytes = bytes;
    MemorySegment file = MemorySegment.ofArray(bytes);
    this.header = SnapshotHeader.decode(file, resource, DeltaFormat.CONTAINER);
    for (DeltaSectionId id : DeltaSectionId.values()) {
      if (!id.optional() && header.entry(id.id()) == null) {
        throw new CorruptSnapshotException(resource, id.name(), 0,
            "required section is missing from the section table: actual=absent vs expected=present");
      }
    }
    Section baseSection = section(file, DeltaSectionId.BASE);
    baseSection.requireLength(DeltaBaseFormat.BYTES, "the BASE record");
    this.base = DeltaBaseFormat.read(baseSection.bytes());
    this.info = strings(file, DeltaSectionId.INFO);
    this.newNames = strings(file, DeltaSectionId.NEW_NAMES);
    this.addedKinds = strings(file, DeltaSectionId.ADDED_KINDS);
    this.addedEffects = strings(file, DeltaSectionId.ADDED_EFFECTS);
    this.addedEdgeTypes = strings(file, DeltaSectionId.ADDED_EDGE_TYPES);
    this.addedLanguages = strings(file, DeltaSectionId.ADDED_LANGUAGES);
    this.newFilePaths = strings(file, DeltaSectionId.NEW_FILE_PATHS);
    this.conflictNames = strings(file, DeltaSectionId.CONFLICT_NAMES);
    this.conflicts = strings(file, DeltaSectionId.CONFLICTS);
    if (conflicts.length % 3 != 0 || info.length % 2 != 0) {
      throw new CorruptSnapshotException(resource, "CONFLICTS/INFO", 0, "CONFLICTS must hold triples and INFO pairs");
    }
    this.nodeBound = Math.addExact(base.nodeCount(), newNames.length);
    this.fileBound = Math.addExact(base.fileCount(), newFilePaths.length);
    this.kindBound = base.kindCount() + addedKinds.length;
    this.effectBound = base.effectCount() + addedEffects.length;
    this.typeBound = base.edgeTypeCount() + addedEdgeTypes.length;
    this.languageBound = base.languageCount() + addedLanguages.length;
    this.tombstones = ids(file, DeltaSectionId.TOMBSTONES, base.nodeCount());
    this.dirtyNodes = ids(file, DeltaSectionId.DIRTY_NODES, nodeBound);
    this.fileTombstones = ids(file, DeltaSectionId.FILE_TOMBSTONES, base.fileCount());
    this.dirtyFiles = ids(file, DeltaSectionId.DIRTY_FILES, fileBound);
    this.nodes = NodeTable.open(section(file, DeltaSectionId.NODES), false, dirtyNodes.length, kindBound, fileBound);
    this.details = DetailsReader.open(section(file, DeltaSectionId.NODE_DETAILS), false, dirtyNodes.length);
    this.effects = bitmaps(section(file, DeltaSectionId.EFFECT_BITMAPS), effectBound);
    this.forward = rows(file, DeltaSectionId.FORWARD);
    SectionEntry sitesEntry = header.entry(DeltaSectionId.CALL_SITES.id());
    this.sites = sitesEntry == null ? null : CallSitesView.open(section(file, DeltaSectionId.CALL_SITES), nodeBound);
    this.reverseAdded = rows(file, DeltaSectionId.REVERSE_ADDED);
    this.reverseRemoved = rows(file, DeltaSectionId.REVERSE_REMOVED);
    Section counts = section(file, DeltaSectionId.EDGE_TYPE_COUNTS);
    counts.requireLength(CsrFormat.typeCountsBytes(typeBound), typeBound + " layered edge types");
    this.edgeTypeCounts = new long[typeBound];
    for (int t = 0; t < typeBound; t++) {
      edgeTypeCounts[t] = CsrFormat.typeCount(counts.bytes(), t);
      if (edgeTypeCounts[t] < 0) {
        throw counts.corrupt(CsrFormat.typeCountAt(t), "negative edge count " + edgeTypeCounts[t]);
      }
    }
    Section filesSection = section(file, DeltaSectionId.FILES);
    filesSection.requireLength(FileRecordFormat.sectionBytes(dirtyFiles.length), dirtyFiles.length + " file records");
    this.files = filesSection.bytes();
    for (int i = 0; i < dirtyFiles.length; i++) {
      int language = FileRecordFormat.languageId(files, i);
      if (language < 0 || language >= languageBound) {
        throw filesSection.corrupt(FileRecordFormat.offset(i) + FileRecordFormat.LANGUAGE_ID,
            "language id " + language + " outside [0, " + languageBound + ")");
      }
    }
    this.fileSymbols = fileSymbols(section(file, DeltaSectionId.FILE_SYMBOLS));
  }

  /** Checks the CRC32C of every section and that the padding is zero. O(file bytes). */
  public void verifyChecksums() {
    long previousEnd = io.graphsnap.format.snapshot.SnapshotFormat.headerBytes(header.sections().size());
    for (SectionEntry e : header.sections()) {
      for (long p = previousEnd; p < e.offset(); p++) {
        if (fileBytes[(int) p] != 0) {
          throw new CorruptSnapshotException(resource, "padding", p, "padding byte is not zero");
        }
      }
      CRC32C crc = new CRC32C();
      crc.update(fileBytes, (int) e.offset(), (int) e.length());
      if ((int) crc.getValue() != e.crc32c()) {
        throw new CorruptSnapshotException(resource, DeltaFormat.CONTAINER.sectionName().apply(e.id()), e.offset(),
            String.format("section checksum mismatch: actual=%08x vs expected=%08x", (int) crc.getValue(), e.crc32c()));
      }
      previousEnd = e.offset() + e.length();
    }
  }

  // ---------------------------------------------------------------- decoding with checks

  private Section section(MemorySegment file, DeltaSectionId id) {
    SectionEntry e = header.entry(id.id());
    return new Section(resource, id.name(), file.asSlice(e.offset(), e.length()), e.offset());
  }

  private String[] strings(MemorySegment file, DeltaSectionId id) {
    Section s = section(file, id);
    MemorySegment b = s.bytes();
    if (s.length() < StringListFormat.dataOffset(0)) {
      throw s.corrupt(0, "shorter than a StringList header");
    }
    long count = StringListFormat.count(b);
    if (StringListFormat.zero(b) != 0 || count > (s.length() - StringListFormat.dataOffset(0)) / StringListFormat.END_BYTES) {
      throw s.corrupt(0, "StringList count " + count + " does not fit " + s.length() + " bytes");
    }
    long data = StringListFormat.dataOffset(count);
    if (StringListFormat.end(b, 0) != 0 || StringListFormat.end(b, count) != s.length() - data) {
      throw s.corrupt(StringListFormat.endOffset(count), "StringList ends do not match its data length");
    }
    String[] out = new String[(int) count];
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int i = 0; i < count; i++) {
      long from = StringListFormat.end(b, i);
      long to = StringListFormat.end(b, i + 1);
      if (from > to || to > s.length() - data) {
        throw s.corrupt(StringListFormat.endOffset(i + 1), "item " + i + " ends out of order");
      }
      try {
        out[i] = decoder.decode(b.asSlice(data + from, to - from).asByteBuffer()).toString();
      } catch (CharacterCodingException e) {
        throw s.corrupt(data + from, "item " + i + " is not UTF-8");
      }
    }
    return out;
  }

  private int[] ids(MemorySegment file, DeltaSectionId id, int bound) {
    Section s = section(file, id);
    if (s.length() < IdListFormat.IDS) {
      throw s.corrupt(0, "shorter than an IdList header");
    }
    long count = IdListFormat.count(s.bytes());
    s.requireLength(IdListFormat.idOffset(count), count + " ids");
    int[] out = new int[(int) count];
    for (int i = 0; i < count; i++) {
      out[i] = IdListFormat.id(s.bytes(), i);
      if (out[i] < 0 || out[i] >= bound || (i > 0 && out[i] <= out[i - 1])) {
        throw s.corrupt(IdListFormat.idOffset(i), "id " + out[i] + " is outside [0, " + bound
            + ") or not above the previous one");
      }
    }
    return out;
  }

  private Rows rows(MemorySegment file, DeltaSectionId id) {
    Section s = section(file, id);
    MemorySegment b = s.bytes();
    if (s.length() < RowListFormat.KEYS + RowListFormat.OFFSET_BYTES) {
      throw s.corrupt(0, "shorter than a RowList header");
    }
    long count = RowListFormat.count(b);
    if (RowListFormat.zero(b) != 0 || RowListFormat.neighbourOffset(count, 0) > s.length()) {
      throw s.corrupt(0, "RowList count " + count + " does not fit " + s.length() + " bytes");
    }
    long edges = RowListFormat.offset(b, count, count);
    if (edges < 0 || RowListFormat.sectionBytes(count, edges) != s.length()) {
      throw s.corrupt(RowListFormat.offsetOffset(count, count), "RowList of " + count + " rows and " + edges
          + " edges must be " + RowListFormat.sectionBytes(count, Math.max(0, edges)) + " bytes, not " + s.length());
    }
    int n = (int) count;
    int[] keys = new int[n];
    int[] offsets = new int[n + 1];
    int[] neighbours = new int[(int) edges];
    int[] types = new int[(int) edges];
    for (int i = 0; i <= n; i++) {
      long o = RowListFormat.offset(b, count, i);
      if ((i == 0 && o != 0) || (i > 0 && o < offsets[i - 1]) || o > edges) {
        throw s.corrupt(RowListFormat.offsetOffset(count, i), "offset " + o + " out of order");
      }
      offsets[i] = (int) o;
    }
    for (int i = 0; i < n; i++) {
      keys[i] = RowListFormat.key(b, i);
      if (keys[i] < 0 || keys[i] >= nodeBound || (i > 0 && keys[i] <= keys[i - 1])) {
        throw s.corrupt(RowListFormat.keyOffset(i), "key " + keys[i] + " outside [0, " + nodeBound
            + ") or not above the previous one");
      }
      for (int j = offsets[i]; j < offsets[i + 1]; j++) {
        neighbours[j] = RowListFormat.neighbour(b, count, j);
        types[j] = RowListFormat.type(b, count, edges, j);
        if (neighbours[j] < 0 || neighbours[j] >= nodeBound || types[j] >= typeBound) {
          throw s.corrupt(RowListFormat.neighbourOffset(count, j), "edge (type " + types[j] + ", node "
              + neighbours[j] + ") outside the layered ranges");
        }
        if (j > offsets[i] && (types[j] < types[j - 1] || (types[j] == types[j - 1] && neighbours[j] <= neighbours[j - 1]))) {
          throw s.corrupt(RowListFormat.neighbourOffset(count, j), "row of node " + keys[i]
              + " is not sorted by (type, neighbour) and distinct");
        }
      }
    }
    return new Rows(keys, offsets, neighbours, types);
  }

  private ImmutableRoaringBitmap[] bitmaps(Section s, int expected) {
    MemorySegment b = s.bytes();
    if (s.length() < StringListFormat.dataOffset(0) || StringListFormat.count(b) != expected) {
      throw s.corrupt(0, "bitmap count: actual=" + (s.length() < 8 ? -1 : StringListFormat.count(b))
          + " vs expected=" + expected);
    }
    long data = StringListFormat.dataOffset(expected);
    if (data > s.length() || StringListFormat.end(b, 0) != 0 || StringListFormat.end(b, expected) != s.length() - data) {
      throw s.corrupt(0, "BitmapList ends do not match its data length");
    }
    ImmutableRoaringBitmap[] out = new ImmutableRoaringBitmap[expected];
    for (int i = 0; i < expected; i++) {
      long from = StringListFormat.end(b, i);
      long to = StringListFormat.end(b, i + 1);
      if (from > to || to > s.length() - data) {
        throw s.corrupt(StringListFormat.endOffset(i + 1), "bitmap " + i + " ends out of order");
      }
      MemorySegment item = BitmapListFormat.item(b, i);
      try {
        ImmutableRoaringBitmap bitmap = item.byteSize() == 0 ? new org.roaringbitmap.buffer.MutableRoaringBitmap()
            : new ImmutableRoaringBitmap(java.nio.ByteBuffer.wrap(item.toArray(LittleEndian.BYTE)));
        bitmap.validate();
        if (!bitmap.isEmpty() && (bitmap.first() < 0 || bitmap.last() >= nodeBound)) {
          throw s.corrupt(data + from, "bitmap " + i + " holds ids outside [0, " + nodeBound + ")");
        }
        out[i] = bitmap;
      } catch (RuntimeException e) {
        if (e instanceof CorruptSnapshotException c) {
          throw c;
        }
        throw s.corrupt(data + from, "bitmap " + i + " is not a valid RoaringBitmap: " + e.getMessage());
      }
    }
    return out;
  }

  private int[][] fileSymbols(Section s) {
    MemorySegment b = s.bytes();
    int h = dirtyFiles.length;
    if (s.length() < FileSymbolsFormat.startOffset(h + 1)) {
      throw s.corrupt(0, "shorter than the starts of " + h + " files");
    }
    long total = FileSymbolsFormat.start(b, h);
    s.requireLength(FileSymbolsFormat.sectionBytes(h, total), h + " files, " + total + " symbols");
    int[][] out = new int[h][];
    for (int f = 0; f < h; f++) {
      long from = FileSymbolsFormat.start(b, f);
      long to = FileSymbolsFormat.start(b, f + 1);
      if ((f == 0 && from != 0) || from > to || to > total) {
        throw s.corrupt(FileSymbolsFormat.startOffset(f), "starts out of order");
      }
      out[f] = new int[(int) (to - from)];
      for (long i = from; i < to; i++) {
        int v = FileSymbolsFormat.nodeId(b, h, i);
        if (v < 0 || v >= nodeBound) {
          throw s.corrupt(FileSymbolsFormat.nodeOffset(h, i), "node id " + v + " outside [0, " + nodeBound + ")");
        }
        out[f][(int) (i - from)] = v;
      }
    }
    return out;
  }

  /** The position of {@code id} in DIRTY_NODES, or negative. O(log D). */
  public int dirtyIndex(int id) {
    return java.util.Arrays.binarySearch(dirtyNodes, id);
  }

  /** The position of {@code fileId} in DIRTY_FILES, or negative. */
  public int dirtyFileIndex(int fileId) {
    return java.util.Arrays.binarySearch(dirtyFiles, fileId);
  }
}
