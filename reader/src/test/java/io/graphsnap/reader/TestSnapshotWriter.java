package io.graphsnap.reader;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A TEST-ONLY snapshot writer that follows the grammar in {@link SectionId} and {@link SnapshotFormat}
 * literally, so that the reader can be tested before the real builder exists. Uses the real
 * {@link BloomFilterBuilder} and RoaringBitmap serialisation. Not efficient; not deterministic beyond what
 * the tests need.
 */
final class TestSnapshotWriter {
  private TestSnapshotWriter() {}

  /** The sections of {@code graph}, by id, before layout; tests may replace or remove some. */
  static EnumMap<SectionId, byte[]> sections(TestGraph graph) {
    List<String> names = graph.freeze();
    List<String> kinds = graph.kinds();
    List<String> effects = graph.effects();
    List<String> types = graph.edgeTypes();
    List<String> paths = graph.filePaths();
    List<String> languages = graph.languages();
    int n = names.size();
    List<int[]> triples = graph.edgeTriples();

    EnumMap<SectionId, byte[]> s = new EnumMap<>(SectionId.class);
    List<String> info = new ArrayList<>();
    graph.buildInfo.forEach((k, v) -> {
      info.add(k);
      info.add(v);
    });
    s.put(SectionId.BUILD_INFO, stringList(info));
    s.put(SectionId.NODE_NAMES, stringList(names));

    ByteBuffer nodes = le(n * SnapshotFormat.NODE_RECORD_BYTES);
    for (String name : names) {
      TestGraph.Node node = graph.nodes.get(name);
      int flags = (node.external ? SnapshotFormat.NODE_FLAG_EXTERNAL : 0) | (node.merged ? SnapshotFormat.NODE_FLAG_MERGED : 0);
      nodes.putInt(node.file == null ? -1 : TestGraph.indexOf(paths, node.file)).putInt(node.lineStart)
          .putInt(node.lineEnd).putShort((short) kinds.indexOf(node.kind)).putShort((short) flags);
    }
    s.put(SectionId.NODES, nodes.array());
    s.put(SectionId.KINDS, stringList(kinds));
    s.put(SectionId.EFFECTS, stringList(effects));
    s.put(SectionId.EDGE_TYPES, stringList(types));

    ByteBuffer counts = le(8 * types.size());
    for (int t = 0; t < types.size(); t++) {
      final int type = t;
      counts.putLong(triples.stream().filter(e -> e[1] == type).count());
    }
    s.put(SectionId.EDGE_TYPE_COUNTS, counts.array());
    putCsr(s, graph, n, triples.size(), false);
    putCsr(s, graph, n, triples.size(), true);

    List<byte[]> kindBitmaps = new ArrayList<>();
    for (String kind : kinds) {
      MutableRoaringBitmap b = new MutableRoaringBitmap();
      for (int v = 0; v < n; v++) {
        if (graph.nodes.get(names.get(v)).kind.equals(kind)) {
          b.add(v);
        }
      }
      kindBitmaps.add(serialise(b));
    }
    s.put(SectionId.KIND_BITMAPS, list(kindBitmaps));
    List<byte[]> effectBitmaps = new ArrayList<>();
    for (String effect : effects) {
      MutableRoaringBitmap b = new MutableRoaringBitmap();
      for (int v = 0; v < n; v++) {
        if (graph.nodes.get(names.get(v)).effects.contains(effect)) {
          b.add(v);
        }
      }
      effectBitmaps.add(serialise(b));
    }
    s.put(SectionId.EFFECT_BITMAPS, list(effectBitmaps));

    BloomFilterBuilder bloom = new BloomFilterBuilder(n);
    names.forEach(name -> bloom.add(name.getBytes(StandardCharsets.UTF_8)));
    s.put(SectionId.BLOOM, bloom.toByteArray());

    s.put(SectionId.FILE_PATHS, stringList(paths));
    ByteBuffer files = le(paths.size() * SnapshotFormat.FILE_RECORD_BYTES);
    for (String path : paths) {
      TestGraph.File f = graph.files.get(path);
      files.put(f.sourceSha256() == null ? new byte[32] : f.sourceSha256()).put(f.objectId())
          .putInt(languages.indexOf(f.language())).putInt(f.symbolCount());
    }
    s.put(SectionId.FILES, files.array());
    s.put(SectionId.LANGUAGES, stringList(languages));

    List<byte[]> details = new ArrayList<>();
    for (String name : names) {
      details.add(details(graph.nodes.get(name)));
    }
    s.put(SectionId.NODE_DETAILS, detailsSection(details));

    List<String> conflicts = new ArrayList<>();
    for (Conflict c : graph.conflicts) {
      conflicts.add(c.name());
      conflicts.add(c.keptPath());
      conflicts.add(c.droppedPath());
    }
    s.put(SectionId.CONFLICTS, stringList(conflicts));
    s.put(SectionId.NAME_INDEX, nameIndex(names));
    return s;
  }

  /**
   * {@code NameIndex --> SlotCount UInt32, Zero UInt32, Slots Int32^SlotCount}, written from the rule in
   * NameIndexFormat's Javadoc, spelled out here independently of its helper methods.
   */
  static byte[] nameIndex(List<String> names) {
    long n = names.size();
    int slotCount = (int) ((4 * n + 2) / 3);
    int idBits = Math.max(1, 32 - Integer.numberOfLeadingZeros((int) Math.max(0, n - 1)));
    int[] slots = new int[slotCount];
    java.util.Arrays.fill(slots, -1);
    for (int id = 0; id < n; id++) {
      long h = io.graphsnap.bloom.BloomHash.hash64(names.get(id).getBytes(StandardCharsets.UTF_8));
      int fingerprint = (int) (h & ((1L << (31 - idBits)) - 1));
      long slot = Math.unsignedMultiplyHigh(h & 0xFFFF_FFFF_0000_0000L, slotCount); // ⌊hi32(h)·S / 2^32⌋
      while (slots[(int) slot] != -1) {
        slot = (slot + 1) % slotCount;
      }
      slots[(int) slot] = fingerprint << idBits | id;
    }
    ByteBuffer b = le(8 + 4 * slotCount);
    b.putInt(slotCount).putInt(0);
    for (int v : slots) {
      b.putInt(v);
    }
    return b.array();
  }

  /** The whole snapshot file of {@code graph}. */
  static byte[] write(TestGraph graph) {
    return layout(sections(graph), SnapshotFormat.VERSION_CURRENT);
  }

  /** The snapshot file of {@code graph} in format version 1: no NAME_INDEX. */
  static byte[] writeV1(TestGraph graph) {
    EnumMap<SectionId, byte[]> s = sections(graph);
    s.remove(SectionId.NAME_INDEX);
    return layout(s, SnapshotFormat.VERSION_START);
  }

  /** Lays out {@code sections} (in id order, 64-byte aligned) after a header with their CRCs. */
  static byte[] layout(Map<SectionId, byte[]> sections, int version) {
    int count = sections.size();
    long offset = SnapshotFormat.align(SnapshotFormat.headerBytes(count));
    List<SectionEntry> entries = new ArrayList<>();
    long end = offset;
    for (Map.Entry<SectionId, byte[]> e : sections.entrySet()) {
      CRC32C crc = new CRC32C();
      crc.update(e.getValue());
      entries.add(new SectionEntry(e.getKey().id(), (int) crc.getValue(), offset, e.getValue().length));
      end = offset + e.getValue().length;
      offset = SnapshotFormat.align(end);
    }
    if (count == 0) {
      end = offset;
    }
    byte[] header = new SnapshotHeader(version, 0, end, entries).encode();
    byte[] file = new byte[(int) end];
    System.arraycopy(header, 0, file, 0, Math.min(header.length, file.length));
    int i = 0;
    for (byte[] bytes : sections.values()) {
      System.arraycopy(bytes, 0, file, (int) entries.get(i++).offset(), bytes.length);
    }
    return file;
  }

  /**
   * Recomputes every section CRC and the header CRC of {@code file} in place (after a test altered section
   * bytes), keeping the table's offsets and lengths; so that only structural checks can catch the change.
   */
  static byte[] fixChecksums(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt(16);
    if (count < 0 || count > SnapshotFormat.MAX_SECTIONS || SnapshotFormat.headerBytes(count) > file.length) {
      return file; // a damaged header: nothing to fix
    }
    for (int i = 0; i < count; i++) {
      int at = SnapshotFormat.HEADER_FIXED_BYTES + i * SnapshotFormat.SECTION_ENTRY_BYTES;
      long offset = b.getLong(at + 8);
      long length = b.getLong(at + 16);
      if (offset < 0 || length < 0 || offset > file.length || length > file.length - offset) {
        continue; // a damaged entry: leave its CRC
      }
      CRC32C crc = new CRC32C();
      crc.update(file, (int) offset, (int) length);
      b.putInt(at + 4, (int) crc.getValue());
    }
    int headerBytes = SnapshotFormat.headerBytes(count);
    CRC32C crc = new CRC32C();
    crc.update(file, 0, headerBytes - 4);
    b.putInt(headerBytes - 4, (int) crc.getValue());
    return file;
  }

  /** The file offset of section {@code id} in {@code file}, or -1. */
  static long sectionOffset(byte[] file, SectionId id) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt(16);
    for (int i = 0; i < count; i++) {
      int at = SnapshotFormat.HEADER_FIXED_BYTES + i * SnapshotFormat.SECTION_ENTRY_BYTES;
      if (b.getInt(at) == id.id()) {
        return b.getLong(at + 8);
      }
    }
    return -1;
  }

  static byte[] stringList(List<String> strings) {
    List<byte[]> items = new ArrayList<>();
    strings.forEach(s -> items.add(s.getBytes(StandardCharsets.UTF_8)));
    return list(items);
  }

  /** {@code Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Data}. */
  static byte[] list(List<byte[]> items) {
    int data = items.stream().mapToInt(x -> x.length).sum();
    ByteBuffer b = le(8 + 8 * (items.size() + 1) + data);
    b.putInt(items.size()).putInt(0);
    long end = 0;
    b.putLong(0);
    for (byte[] item : items) {
      end += item.length;
      b.putLong(end);
    }
    items.forEach(b::put);
    return b.array();
  }

  static byte[] serialise(MutableRoaringBitmap bitmap) {
    bitmap.runOptimize();
    ByteBuffer out = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
    bitmap.serialize(out);
    return out.array();
  }

  private static void putCsr(EnumMap<SectionId, byte[]> s, TestGraph graph, int n, int e, boolean reverse) {
    ByteBuffer offsets = le(8 * (n + 1));
    ByteBuffer neighbours = le(4 * e);
    ByteBuffer types = le(e);
    long position = 0;
    for (int v = 0; v < n; v++) {
      offsets.putLong(position);
      for (int[] edge : graph.neighbours(v, -1, reverse)) {
        neighbours.putInt(edge[0]);
        types.put((byte) edge[1]);
        position++;
      }
    }
    offsets.putLong(position);
    s.put(reverse ? SectionId.REVERSE_OFFSETS : SectionId.FORWARD_OFFSETS, offsets.array());
    s.put(reverse ? SectionId.REVERSE_SOURCES : SectionId.FORWARD_TARGETS, neighbours.array());
    s.put(reverse ? SectionId.REVERSE_TYPES : SectionId.FORWARD_TYPES, types.array());
  }

  private static byte[] details(TestGraph.Node node) {
    if (node.external) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(node.hash == null ? 0 : 1);
    if (node.hash != null) {
      out.writeBytes(node.hash);
    }
    varInt(out, node.notes.size());
    for (Note note : node.notes) {
      str(out, note.lang());
      str(out, note.text());
    }
    varInt(out, node.metadata.size());
    node.metadata.forEach((k, v) -> {
      str(out, k);
      str(out, v);
    });
    return out.toByteArray();
  }

  private static byte[] detailsSection(List<byte[]> entries) {
    int data = entries.stream().mapToInt(x -> x.length).sum();
    ByteBuffer b = le(8 * (entries.size() + 1) + data);
    long end = 0;
    b.putLong(0);
    for (byte[] entry : entries) {
      end += entry.length;
      b.putLong(end);
    }
    entries.forEach(b::put);
    return b.array();
  }

  static void varInt(ByteArrayOutputStream out, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    varInt(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
