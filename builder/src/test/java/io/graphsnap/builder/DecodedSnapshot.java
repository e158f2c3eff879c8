package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * A test-only decoder of a whole snapshot file, written from the grammar in SnapshotFormat and SectionId with
 * plain ByteBuffer reads (independent of the builder's code). Checks the header, every section CRC and that
 * all padding is zero while decoding.
 */
final class DecodedSnapshot {
  final byte[] bytes;
  final SnapshotHeader header;
  final Map<String, String> buildInfo = new LinkedHashMap<>();
  final List<String> names;
  final int[] nodeFile;
  final int[] nodeLineStart;
  final int[] nodeLineEnd;
  final int[] nodeKind;
  final int[] nodeFlags;
  final List<String> kinds;
  final List<String> effects;
  final List<String> edgeTypes;
  final long[] edgeTypeCounts;
  final long[] forwardOffsets;
  final int[] forwardTargets;
  final int[] forwardTypes;
  final long[] reverseOffsets;
  final int[] reverseSources;
  final int[] reverseTypes;
  final List<RoaringBitmap> kindBitmaps;
  final List<RoaringBitmap> effectBitmaps;
  final byte[] bloom;
  final List<String> filePaths;
  final List<FileRecord> files = new ArrayList<>();
  final List<String> languages;
  final List<Details> details = new ArrayList<>();
  final List<Conflict> conflicts = new ArrayList<>();

  record FileRecord(String sourceSha256, String objectId, int languageId, int symbolCount) {}

  /** A decoded NODE_DETAILS entry; {@code present} is false for an empty entry (external node). */
  record Details(boolean present, String hash, List<String> notes, Map<String, String> metadata) {}

  static DecodedSnapshot read(Path file) throws IOException {
    return new DecodedSnapshot(Files.readAllBytes(file));
  }

  DecodedSnapshot(byte[] bytes) {
    this.bytes = bytes;
    this.header = SnapshotHeader.decode(MemorySegment.ofArray(bytes), "test");
    checkLayout();
    List<String> info = strings(SectionId.BUILD_INFO);
    for (int i = 0; i < info.size(); i += StringListFormat.BUILD_INFO_GROUP) {
      buildInfo.put(info.get(i), info.get(i + 1));
    }
    names = strings(SectionId.NODE_NAMES);
    int n = names.size();
    MemorySegment nodes = segment(SectionId.NODES);
    assertEquals(NodeRecordFormat.sectionBytes(n), nodes.byteSize(), "NODES length");
    nodeFile = new int[n];
    nodeLineStart = new int[n];
    nodeLineEnd = new int[n];
    nodeKind = new int[n];
    nodeFlags = new int[n];
    for (int v = 0; v < n; v++) {
      nodeFile[v] = NodeRecordFormat.fileId(nodes, v);
      nodeLineStart[v] = NodeRecordFormat.lineStart(nodes, v);
      nodeLineEnd[v] = NodeRecordFormat.lineEnd(nodes, v);
      nodeKind[v] = NodeRecordFormat.kindId(nodes, v);
      nodeFlags[v] = NodeRecordFormat.flags(nodes, v);
    }
    kinds = strings(SectionId.KINDS);
    effects = strings(SectionId.EFFECTS);
    edgeTypes = strings(SectionId.EDGE_TYPES);
    edgeTypeCounts = longs(section(SectionId.EDGE_TYPE_COUNTS));
    forwardOffsets = longs(section(SectionId.FORWARD_OFFSETS));
    forwardTargets = ints(section(SectionId.FORWARD_TARGETS));
    forwardTypes = ubytes(section(SectionId.FORWARD_TYPES));
    reverseOffsets = longs(section(SectionId.REVERSE_OFFSETS));
    reverseSources = ints(section(SectionId.REVERSE_SOURCES));
    reverseTypes = ubytes(section(SectionId.REVERSE_TYPES));
    kindBitmaps = bitmaps(SectionId.KIND_BITMAPS);
    effectBitmaps = bitmaps(SectionId.EFFECT_BITMAPS);
    ByteBuffer b = section(SectionId.BLOOM);
    bloom = new byte[b.remaining()];
    b.get(bloom);
    filePaths = strings(SectionId.FILE_PATHS);
    MemorySegment f = segment(SectionId.FILES);
    assertEquals(FileRecordFormat.sectionBytes(filePaths.size()), f.byteSize(), "FILES length");
    for (int i = 0; i < filePaths.size(); i++) {
      files.add(new FileRecord(hex(FileRecordFormat.sourceSha256(f, i)), hex(FileRecordFormat.objectId(f, i)),
          FileRecordFormat.languageId(f, i), FileRecordFormat.symbolCount(f, i)));
    }
    languages = strings(SectionId.LANGUAGES);
    readDetails(n);
    List<String> c = strings(SectionId.CONFLICTS);
    assertEquals(0, c.size() % StringListFormat.CONFLICT_GROUP, "CONFLICTS holds triples");
    for (int i = 0; i < c.size(); i += StringListFormat.CONFLICT_GROUP) {
      conflicts.add(new Conflict(c.get(i), c.get(i + 1), c.get(i + 2)));
    }
  }

  /** Every known section present once, in id order; CRCs match; padding between sections is zero. */
  private void checkLayout() {
    assertEquals(SectionId.values().length - io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED.absent().length,
        header.sections().size(), "section count");
    long end = SnapshotFormat.headerBytes(header.sections().size());
    for (int i = 0; i < header.sections().size(); i++) {
      SectionEntry e = header.sections().get(i);
      assertEquals(SectionId.values()[i].id(), e.id(), "section order");
      for (long p = end; p < e.offset(); p++) {
        assertEquals(0, bytes[(int) p], "padding byte at " + p);
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, (int) e.offset(), (int) e.length());
      assertEquals(e.crc32c(), (int) crc.getValue(), "CRC32C of " + e.displayName());
      end = e.offset() + e.length();
    }
    assertEquals(bytes.length, end, "the file ends with its last section");
  }

  ByteBuffer section(SectionId id) {
    SectionEntry e = header.entry(id);
    return ByteBuffer.wrap(bytes, (int) e.offset(), (int) e.length()).slice().order(LittleEndian.ORDER);
  }

  MemorySegment segment(SectionId id) {
    SectionEntry e = header.entry(id);
    return MemorySegment.ofArray(bytes).asSlice(e.offset(), e.length());
  }

  /** A list's items, with the grammar's invariants asserted: Zero, Ends[0] = 0, non-decreasing, Ends[Count] = data. */
  private List<MemorySegment> items(SectionId id) {
    MemorySegment list = segment(id);
    int count = Math.toIntExact(StringListFormat.count(list));
    assertEquals(0, StringListFormat.zero(list), id + " zero field");
    assertEquals(0, StringListFormat.end(list, 0), id + " Ends[0]");
    assertEquals(StringListFormat.sectionBytes(count, StringListFormat.end(list, count)), list.byteSize(), id + " length");
    List<MemorySegment> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      assertTrue(StringListFormat.end(list, i) <= StringListFormat.end(list, i + 1), id + " Ends non-decreasing");
      out.add(StringListFormat.item(list, count, i));
    }
    return out;
  }

  private List<String> strings(SectionId id) {
    List<String> out = new ArrayList<>();
    for (MemorySegment item : items(id)) {
      out.add(new String(item.toArray(LittleEndian.BYTE), StandardCharsets.UTF_8));
    }
    return out;
  }

  private List<RoaringBitmap> bitmaps(SectionId id) {
    List<RoaringBitmap> out = new ArrayList<>();
    int i = 0;
    for (MemorySegment item : items(id)) {
      RoaringBitmap r = new RoaringBitmap();
      try {
        r.deserialize(item.asByteBuffer());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertEquals(item.byteSize(), r.serializedSizeInBytes(), id + " bitmap " + i++ + " size");
      out.add(r);
    }
    return out;
  }

  private void readDetails(int n) {
    MemorySegment d = segment(SectionId.NODE_DETAILS);
    long base = NodeDetailsFormat.dataOffset(n);
    assertEquals(base + NodeDetailsFormat.end(d, n), d.byteSize(), "NODE_DETAILS length");
    for (int v = 0; v < n; v++) {
      long from = NodeDetailsFormat.end(d, v);
      long to = NodeDetailsFormat.end(d, v + 1);
      if (from == to) {
        details.add(new Details(false, null, List.of(), Map.of()));
        continue;
      }
      NodeDetailsFormat.Entry entry = NodeDetailsFormat.decodeEntry(d, base + from, base + to);
      List<String> notes = new ArrayList<>();
      entry.notes().forEach(note -> notes.add(note.lang() + ":" + note.text()));
      details.add(new Details(true, entry.hash() == null ? null : HexFormat.of().formatHex(entry.hash()), notes,
          new LinkedHashMap<>(entry.metadata())));
    }
  }

  private static String hex(MemorySegment s) {
    return HexFormat.of().formatHex(s.toArray(LittleEndian.BYTE));
  }

  private static long[] longs(ByteBuffer b) {
    long[] out = new long[b.remaining() / 8];
    b.asLongBuffer().get(out);
    return out;
  }

  private static int[] ints(ByteBuffer b) {
    int[] out = new int[b.remaining() / 4];
    b.asIntBuffer().get(out);
    return out;
  }

  private static int[] ubytes(ByteBuffer b) {
    int[] out = new int[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get() & 0xFF;
    }
    return out;
  }

  int node(String name) {
    int v = names.indexOf(name);
    assertTrue(v >= 0, "no node " + name + " in " + names);
    return v;
  }

  /** The out-edges of {@code name} as "type>target" strings, in stored order. */
  List<String> out(String name) {
    int v = node(name);
    List<String> out = new ArrayList<>();
    for (long i = forwardOffsets[v]; i < forwardOffsets[v + 1]; i++) {
      out.add(edgeTypes.get(forwardTypes[(int) i]) + ">" + names.get(forwardTargets[(int) i]));
    }
    return out;
  }

  /** The in-edges of {@code name} as "type<source" strings, in stored order. */
  List<String> in(String name) {
    int v = node(name);
    List<String> in = new ArrayList<>();
    for (long i = reverseOffsets[v]; i < reverseOffsets[v + 1]; i++) {
      in.add(edgeTypes.get(reverseTypes[(int) i]) + "<" + names.get(reverseSources[(int) i]));
    }
    return in;
  }

  String kindOf(String name) {
    return kinds.get(nodeKind[node(name)]);
  }
}
