package io.graphsnap.builder;

import io.graphsnap.format.snapshot.Conflict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    for (int i = 0; i < info.size(); i += 2) {
      buildInfo.put(info.get(i), info.get(i + 1));
    }
    names = strings(SectionId.NODE_NAMES);
    int n = names.size();
    ByteBuffer nodes = section(SectionId.NODES);
    assertEquals((long) n * SnapshotFormat.NODE_RECORD_BYTES, nodes.remaining(), "NODES length");
    nodeFile = new int[n];
    nodeLineStart = new int[n];
    nodeLineEnd = new int[n];
    nodeKind = new int[n];
    nodeFlags = new int[n];
    for (int v = 0; v < n; v++) {
      nodeFile[v] = nodes.getInt();
      nodeLineStart[v] = nodes.getInt();
      nodeLineEnd[v] = nodes.getInt();
      nodeKind[v] = Short.toUnsignedInt(nodes.getShort());
      nodeFlags[v] = Short.toUnsignedInt(nodes.getShort());
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
    ByteBuffer f = section(SectionId.FILES);
    assertEquals((long) filePaths.size() * SnapshotFormat.FILE_RECORD_BYTES, f.remaining(), "FILES length");
    while (f.hasRemaining()) {
      files.add(new FileRecord(hex(f, 32), hex(f, 32), f.getInt(), f.getInt()));
    }
    languages = strings(SectionId.LANGUAGES);
    readDetails(n);
    List<String> c = strings(SectionId.CONFLICTS);
    assertEquals(0, c.size() % 3, "CONFLICTS holds triples");
    for (int i = 0; i < c.size(); i += 3) {
      conflicts.add(new Conflict(c.get(i), c.get(i + 1), c.get(i + 2)));
    }
  }

  /** Every known section present once, in id order; CRCs match; padding between sections is zero. */
  private void checkLayout() {
    assertEquals(SectionId.values().length, header.sections().size(), "section count");
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
    return ByteBuffer.wrap(bytes, (int) e.offset(), (int) e.length()).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private List<String> strings(SectionId id) {
    ByteBuffer b = section(id);
    int count = b.getInt();
    assertEquals(0, b.getInt(), id + " zero field");
    long[] ends = new long[count + 1];
    for (int i = 0; i <= count; i++) {
      ends[i] = b.getLong();
    }
    assertEquals(0, ends[0], id + " Ends[0]");
    int base = b.position();
    assertEquals(base + ends[count], b.limit(), id + " length");
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      assertTrue(ends[i] <= ends[i + 1], id + " Ends non-decreasing");
      out.add(new String(bytes, b.arrayOffset() + base + (int) ends[i], (int) (ends[i + 1] - ends[i]), StandardCharsets.UTF_8));
    }
    return out;
  }

  private List<RoaringBitmap> bitmaps(SectionId id) {
    ByteBuffer b = section(id);
    int count = b.getInt();
    assertEquals(0, b.getInt());
    long[] ends = new long[count + 1];
    for (int i = 0; i <= count; i++) {
      ends[i] = b.getLong();
    }
    int base = b.position();
    assertEquals(base + ends[count], b.limit(), id + " length");
    List<RoaringBitmap> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ByteBuffer slice = ByteBuffer.wrap(bytes, b.arrayOffset() + base + (int) ends[i], (int) (ends[i + 1] - ends[i])).slice();
      RoaringBitmap r = new RoaringBitmap();
      try {
        r.deserialize(slice);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertEquals(ends[i + 1] - ends[i], r.serializedSizeInBytes(), id + " bitmap " + i + " size");
      out.add(r);
    }
    return out;
  }

  private void readDetails(int n) {
    ByteBuffer b = section(SectionId.NODE_DETAILS);
    long[] ends = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      ends[i] = b.getLong();
    }
    int base = b.position();
    assertEquals(base + ends[n], b.limit(), "NODE_DETAILS length");
    for (int v = 0; v < n; v++) {
      b.position(base + (int) ends[v]);
      if (ends[v] == ends[v + 1]) {
        details.add(new Details(false, null, List.of(), Map.of()));
        continue;
      }
      int flags = b.get() & 0xFF;
      String hash = (flags & 1) != 0 ? hex(b, 32) : null;
      List<String> notes = new ArrayList<>();
      int noteCount = varInt(b);
      for (int i = 0; i < noteCount; i++) {
        notes.add(str(b) + ":" + str(b));
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      int m = varInt(b);
      for (int i = 0; i < m; i++) {
        metadata.put(str(b), str(b));
      }
      assertEquals(base + ends[v + 1], b.position(), "details entry " + v + " length");
      details.add(new Details(true, hash, notes, metadata));
    }
  }

  private static int varInt(ByteBuffer b) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b.get() & 0xFF;
      value |= (x & 0x7F) << shift;
      if (x < 0x80) {
        return value;
      }
    }
    throw new AssertionError("VarInt longer than 5 bytes");
  }

  private static String str(ByteBuffer b) {
    byte[] s = new byte[varInt(b)];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static String hex(ByteBuffer b, int length) {
    byte[] s = new byte[length];
    b.get(s);
    return HexFormat.of().formatHex(s);
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
