package io.graphsnap.reader;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A TEST-ONLY snapshot writer from a {@link TestGraph}, so that the reader is tested without the builder (and
 * on files the builder would never write: tests replace or remove sections). The bytes of each section come
 * from the format classes' writers ({@link StringListFormat}, {@link NodeRecordFormat}, {@link CsrFormat},
 * {@link BitmapListFormat}, {@link FileRecordFormat}, {@link NodeDetailsFormat}, {@link NameIndexFormat}), the
 * very code the builder uses: no layout is spelled out here. Uses the real {@link BloomFilterBuilder} and
 * RoaringBitmap serialisation. Not efficient; not deterministic beyond what the tests need.
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

    s.put(SectionId.NODES, SectionSink.Bytes.of(out -> {
      for (String name : names) {
        TestGraph.Node node = graph.nodes.get(name);
        int flags = (node.external ? NodeRecordFormat.FLAG_EXTERNAL : 0) | (node.merged ? NodeRecordFormat.FLAG_MERGED : 0);
        NodeRecordFormat.write(out, node.file == null ? NodeRecordFormat.NO_FILE : TestGraph.indexOf(paths, node.file),
            node.lineStart, node.lineEnd, kinds.indexOf(node.kind), flags);
      }
    }));
    s.put(SectionId.KINDS, stringList(kinds));
    s.put(SectionId.EFFECTS, stringList(effects));
    s.put(SectionId.EDGE_TYPES, stringList(types));

    long[] counts = new long[types.size()];
    for (int[] e : triples) {
      counts[e[1]]++;
    }
    s.put(SectionId.EDGE_TYPE_COUNTS, SectionSink.Bytes.of(out -> CsrFormat.writeTypeCounts(out, counts)));
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
    s.put(SectionId.KIND_BITMAPS, SectionSink.Bytes.of(out -> BitmapListFormat.write(out, kindBitmaps.toArray(byte[][]::new))));
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
    s.put(SectionId.EFFECT_BITMAPS, SectionSink.Bytes.of(out -> BitmapListFormat.write(out, effectBitmaps.toArray(byte[][]::new))));

    BloomFilterBuilder bloom = new BloomFilterBuilder(n);
    names.forEach(name -> bloom.add(name.getBytes(StandardCharsets.UTF_8)));
    s.put(SectionId.BLOOM, bloom.toByteArray());

    s.put(SectionId.FILE_PATHS, stringList(paths));
    s.put(SectionId.FILES, SectionSink.Bytes.of(out -> {
      for (String path : paths) {
        TestGraph.File f = graph.files.get(path);
        FileRecordFormat.write(out, f.sourceSha256(), f.objectId(), languages.indexOf(f.language()), f.symbolCount());
      }
    }));
    s.put(SectionId.LANGUAGES, stringList(languages));

    List<byte[]> details = new ArrayList<>();
    for (String name : names) {
      details.add(details(graph.nodes.get(name)));
    }
    s.put(SectionId.NODE_DETAILS, detailsSection(details));

    s.put(SectionId.CONFLICTS, stringList(List.of(Conflict.toStrings(graph.conflicts))));
    s.put(SectionId.NAME_INDEX, nameIndex(names));
    s.put(SectionId.FILE_SYMBOLS, fileSymbols(graph, names, paths));
    s.put(SectionId.NAME_TRIGRAMS, nameTrigrams(names));
    s.put(SectionId.CALL_SITES, callSites(graph, names, types));
    return s;
  }

  /**
   * {@code CallSites --> Count UInt32, Zero UInt32, Ends UInt32^(Count+1), Nodes Int32^Count, Data}, written from the
   * rule in CallSitesFormat's Javadoc, spelled out here independently of its encoder: for each node with sites, its
   * out-edges in CSR order, each with lines as VarInts: Head (Skip·8 + min(LineCount, 8) - 1), LineCount - 8 when
   * it is 8 or more, ZigZag(first - previous first), then the gaps.
   */
  static byte[] callSites(TestGraph graph, List<String> names, List<String> types) {
    List<Integer> nodes = new ArrayList<>();
    List<byte[]> entries = new ArrayList<>();
    for (int v = 0; v < names.size(); v++) {
      java.io.ByteArrayOutputStream entry = new java.io.ByteArrayOutputStream();
      int last = -1;
      long lastFirst = 0;
      List<int[]> row = graph.neighbours(v, -1, false);
      for (int p = 0; p < row.size(); p++) {
        int[] lines = graph.sites(names.get(v), types.get(row.get(p)[1]), names.get(row.get(p)[0]));
        if (lines.length == 0) {
          continue;
        }
        varInt(entry, (p - last - 1L) * 8 + Math.min(lines.length, 8) - 1);
        if (lines.length >= 8) {
          varInt(entry, lines.length - 8);
        }
        long d = lines[0] - lastFirst;
        varInt(entry, d >= 0 ? 2 * d : -2 * d - 1);
        for (int i = 1; i < lines.length; i++) {
          varInt(entry, lines[i] - lines[i - 1]);
        }
        last = p;
        lastFirst = lines[0];
      }
      if (entry.size() > 0) {
        nodes.add(v);
        entries.add(entry.toByteArray());
      }
    }
    return SectionSink.Bytes.of(out -> {
      out.putInt(nodes.size());
      out.putInt(0);
      int end = 0;
      out.putInt(end);
      for (byte[] e : entries) {
        end += e.length;
        out.putInt(end);
      }
      for (int v : nodes) {
        out.putInt(v);
      }
      for (byte[] e : entries) {
        out.put(e);
      }
    });
  }

  private static void varInt(java.io.ByteArrayOutputStream out, long value) {
    while (value >= 0x80) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }

  /**
   * {@code FileSymbols --> Starts UInt32^(F+1), NodeIds Int32^S}, from the rule in FileSymbolsFormat's Javadoc
   * spelled out here with a plain comparator (not its helpers): each file's nodes by LineStart ascending, LineEnd
   * descending, id ascending.
   */
  static byte[] fileSymbols(TestGraph graph, List<String> names, List<String> paths) {
    List<List<Integer>> byFile = new ArrayList<>();
    paths.forEach(p -> byFile.add(new ArrayList<>()));
    for (int v = 0; v < names.size(); v++) {
      TestGraph.Node node = graph.nodes.get(names.get(v));
      if (node.file != null) {
        byFile.get(TestGraph.indexOf(paths, node.file)).add(v);
      }
    }
    java.util.Comparator<Integer> order = java.util.Comparator
        .<Integer>comparingInt(v -> graph.nodes.get(names.get(v)).lineStart)
        .thenComparing(v -> graph.nodes.get(names.get(v)).lineEnd, java.util.Comparator.reverseOrder())
        .thenComparingInt(v -> v);
    return SectionSink.Bytes.of(out -> {
      int start = 0;
      out.putInt(0);
      for (List<Integer> ids : byFile) {
        start += ids.size();
        out.putInt(start);
      }
      for (List<Integer> ids : byFile) {
        ids.sort(order);
        for (int v : ids) {
          out.putInt(v);
        }
      }
    });
  }

  /**
   * {@code NameTrigrams --> TrigramCount UInt32, Zero UInt32, Trigrams UInt32^TrigramCount, Postings BitmapList},
   * written from the rule in NameTrigramsFormat's Javadoc (ASCII folding, three-byte windows, sorted trigrams,
   * run-optimised postings), independently of its helper methods.
   */
  static byte[] nameTrigrams(List<String> names) {
    java.util.TreeMap<Integer, MutableRoaringBitmap> postings = new java.util.TreeMap<>();
    for (int id = 0; id < names.size(); id++) {
      byte[] b = names.get(id).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < b.length; i++) {
        if (b[i] >= 'A' && b[i] <= 'Z') {
          b[i] += 32;
        }
      }
      for (int i = 0; i + 3 <= b.length; i++) {
        int t = (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF);
        postings.computeIfAbsent(t, k -> new MutableRoaringBitmap()).add(id);
      }
    }
    int[] trigrams = postings.keySet().stream().mapToInt(Integer::intValue).toArray();
    byte[][] serialised = postings.values().stream().map(r -> {
      r.runOptimize();
      return serialise(r);
    }).toArray(byte[][]::new);
    return SectionSink.Bytes.of(out -> {
      out.putInt(trigrams.length);
      out.putInt(0);
      out.putInts(trigrams, trigrams.length);
      BitmapListFormat.write(out, serialised);
    });
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
    return SectionSink.Bytes.of(out -> NameIndexFormat.write(out, slots, slotCount));
  }

  /** The whole snapshot file of {@code graph}. */
  static byte[] write(TestGraph graph) {
    return layout(sections(graph), SnapshotFormat.VERSION_CURRENT);
  }

  /**
   * The whole snapshot file of {@code graph} with the compact adjacency ({@link
   * io.graphsnap.format.snapshot.CompactCsrFormat}) of stride {@code stride} instead of the fixed one.
   */
  static byte[] writeCompact(TestGraph graph, int stride) {
    return layout(compactSections(graph, stride), SnapshotFormat.VERSION_COMPACT_ADJACENCY);
  }

  /**
   * The whole snapshot file of {@code graph} in format version 6 with the compact adjacency: NODE_NAMES and FILE_PATHS
   * front-coded ({@link io.graphsnap.format.snapshot.FrontCodedListFormat}) in blocks of {@code blockSize}.
   */
  static byte[] writeFrontCoded(TestGraph graph, int stride, int blockSize) {
    return layout(frontCodedSections(graph, stride, blockSize), SnapshotFormat.VERSION_FRONT_CODED_NAMES);
  }

  /** The sections of {@link #writeFrontCoded}. */
  static EnumMap<SectionId, byte[]> frontCodedSections(TestGraph graph, int stride, int blockSize) {
    return frontCodedSections(graph, stride, blockSize, CompactCsrFormat.RowCoding.VARINT);
  }

  /** {@link #frontCodedSections(TestGraph, int, int)} with rows in {@code coding}. */
  static EnumMap<SectionId, byte[]> frontCodedSections(TestGraph graph, int stride, int blockSize,
      CompactCsrFormat.RowCoding coding) {
    EnumMap<SectionId, byte[]> s = compactSections(graph, stride, coding);
    s.put(SectionId.NODE_NAMES, frontCoded(graph.freeze(), blockSize));
    s.put(SectionId.FILE_PATHS, frontCoded(graph.filePaths(), blockSize));
    return s;
  }

  /** A FrontCodedList of {@code strings} (sorted, distinct) in blocks of {@code blockSize}. */
  static byte[] frontCoded(List<String> strings, int blockSize) {
    return SectionSink.Bytes.of(out -> {
      var w = new io.graphsnap.format.snapshot.FrontCodedListWriter(out, strings.size(), blockSize);
      for (String name : strings) {
        w.add(utf8(name));
      }
      w.finish();
    });
  }

  /**
   * The whole snapshot file of {@code graph} in format version 7 with the compact adjacency: as {@link #writeFrontCoded},
   * with NODES, NODE_DETAILS, FILE_SYMBOLS and NAME_INDEX packed.
   */
  static byte[] writePacked(TestGraph graph, int stride, int blockSize) {
    return layout(packedSections(graph, stride, blockSize), SnapshotFormat.VERSION_PACKED_NODES);
  }

  /**
   * The sections of {@link #writePacked}: the packed ones written from the rules in the Javadoc of PackedNodeFormat,
   * SparseDetailsFormat, PackedFileSymbolsFormat and NameIndexFormat, spelled out here independently of their helper
   * methods (from the fixed sections' values).
   */
  static EnumMap<SectionId, byte[]> packedSections(TestGraph graph, int stride, int blockSize) {
    return packedSections(graph, stride, blockSize, CompactCsrFormat.RowCoding.VARINT);
  }

  /**
   * The whole snapshot file of {@code graph} in format version 8 with the compact adjacency: as {@link #writePacked},
   * with Rice-coded rows.
   */
  static byte[] writeRice(TestGraph graph, int stride, int blockSize) {
    return layout(packedSections(graph, stride, blockSize, CompactCsrFormat.RowCoding.RICE),
        SnapshotFormat.VERSION_RICE_ROWS);
  }

  /**
   * The whole snapshot file of {@code graph} in format version 9 with the compact adjacency: as {@link #writeRice},
   * with NODES in blocks.
   */
  static byte[] writeBlocked(TestGraph graph, int stride, int blockSize) {
    return layout(blockedSections(graph, stride, blockSize), SnapshotFormat.VERSION_BLOCKED_NODES);
  }

  /**
   * The sections of {@link #writeBlocked}: NODES written from the rule in BlockedNodeFormat's Javadoc, spelled out
   * here (the Header is the packed one's: the first 24 bytes of version 8's NODES).
   */
  static EnumMap<SectionId, byte[]> blockedSections(TestGraph graph, int stride, int blockSize) {
    return blockedSections(graph, stride, blockSize, CompactCsrFormat.RowCoding.RICE);
  }

  /**
   * The whole snapshot file of {@code graph} in format version 10 with the compact adjacency: as {@link
   * #writeBlocked}, with the rows' headers in their bit streams and 10-byte index entries.
   */
  static byte[] writeBitHeaders(TestGraph graph, int stride, int blockSize) {
    return layout(bitHeaderSections(graph, stride, blockSize), SnapshotFormat.VERSION_BIT_HEADERS);
  }

  /**
   * The sections of {@link #writeBitHeaders}: FILES packed by the rule in FileRecordFormat's Javadoc, spelled out
   * here (the hashes of the fixed records, then LanguageBits, CountBits, six zero bytes and the fields low bit first
   * in 64-bit little-endian words with a zero word after them).
   */
  static EnumMap<SectionId, byte[]> bitHeaderSections(TestGraph graph, int stride, int blockSize) {
    EnumMap<SectionId, byte[]> s = blockedSections(graph, stride, blockSize, CompactCsrFormat.RowCoding.BIT_HEADERS);
    byte[] fixed = s.get(SectionId.FILES);
    int files = fixed.length / 72;
    ByteBuffer records = ByteBuffer.wrap(fixed).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int maxLanguage = 0;
    int maxCount = 0;
    for (int f = 0; f < files; f++) {
      maxLanguage = Math.max(maxLanguage, records.getInt(72 * f + 64));
      maxCount = Math.max(maxCount, records.getInt(72 * f + 68));
    }
    int languageBits = 32 - Integer.numberOfLeadingZeros(maxLanguage);
    int countBits = 32 - Integer.numberOfLeadingZeros(maxCount);
    long bits = (long) files * (languageBits + countBits);
    long[] words = new long[(int) ((bits + 63) / 64) + 1];
    long at = 0;
    for (int f = 0; f < files; f++) {
      for (long[] field : new long[][] {{records.getInt(72 * f + 64), languageBits},
          {records.getInt(72 * f + 68), countBits}}) {
        for (int b = 0; b < field[1]; b++, at++) {
          words[(int) (at / 64)] |= ((field[0] >>> b) & 1) << (at % 64);
        }
      }
    }
    ByteBuffer packed = ByteBuffer.allocate(64 * files + 8 + 8 * words.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < files; f++) {
      packed.put(fixed, 72 * f, 64);
    }
    packed.put((byte) languageBits).put((byte) countBits).putShort((short) 0).putInt(0);
    for (long w : words) {
      packed.putLong(w);
    }
    s.put(SectionId.FILES, packed.array());
    return s;
  }

  /** {@link #blockedSections(TestGraph, int, int)} with rows and indexes in {@code coding}. */
  static EnumMap<SectionId, byte[]> blockedSections(TestGraph graph, int stride, int blockSize,
      CompactCsrFormat.RowCoding coding) {
    EnumMap<SectionId, byte[]> s = packedSections(graph, stride, blockSize, coding);
    byte[] header = java.util.Arrays.copyOf(s.get(SectionId.NODES), 24);
    ByteBuffer h = ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int fileBits = header[0];
    int startBits = header[1];
    int spanBits = header[2];
    int kindBits = header[3];
    List<String> names = graph.freeze();
    List<String> kinds = graph.kinds();
    List<String> paths = graph.filePaths();
    int n = names.size();
    long[][] f = new long[5][n];
    for (int v = 0; v < n; v++) {
      TestGraph.Node node = graph.nodes.get(names.get(v));
      f[0][v] = node.file == null ? 0 : TestGraph.indexOf(paths, node.file) + 1L;
      f[1][v] = node.lineStart - h.getLong(8);
      f[2][v] = (long) node.lineEnd - node.lineStart - h.getLong(16);
      f[3][v] = kinds.indexOf(node.kind);
      f[4][v] = (node.external ? 1 : 0) | (node.merged ? 2 : 0);
    }
    List<long[]> bits = new ArrayList<>();
    java.io.ByteArrayOutputStream directory = new java.io.ByteArrayOutputStream();
    ByteBuffer eight = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long at = 0;
    directory.writeBytes(eight.putLong(0, 0).array());
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(n, from + 64);
      long[] files = java.util.Arrays.stream(f[0], from, to).distinct().sorted().toArray();
      long startMin = java.util.Arrays.stream(f[1], from, to).min().getAsLong();
      long spanMin = java.util.Arrays.stream(f[2], from, to).min().getAsLong();
      int startWidth = 64 - Long.numberOfLeadingZeros(java.util.Arrays.stream(f[1], from, to).max().getAsLong()
          - startMin);
      int spanWidth = 64 - Long.numberOfLeadingZeros(java.util.Arrays.stream(f[2], from, to).max().getAsLong()
          - spanMin);
      int indexBits = 64 - Long.numberOfLeadingZeros(files.length - 1);
      List<long[]> block = new ArrayList<>();
      block.add(new long[] {files.length - 1, 6});
      block.add(new long[] {startWidth, 6});
      block.add(new long[] {spanWidth, 6});
      block.add(new long[] {startMin, startBits});
      block.add(new long[] {spanMin, spanBits});
      for (long file : files) {
        block.add(new long[] {file, fileBits});
      }
      for (int v = from; v < to; v++) {
        block.add(new long[] {java.util.Arrays.binarySearch(files, f[0][v]), indexBits});
        block.add(new long[] {f[1][v] - startMin, startWidth});
        block.add(new long[] {f[2][v] - spanMin, spanWidth});
        block.add(new long[] {f[3][v], kindBits});
        block.add(new long[] {f[4][v], 2});
      }
      for (long[] field : block) {
        at += field[1];
      }
      bits.addAll(block);
      directory.writeBytes(eight.putLong(0, at).array());
    }
    s.put(SectionId.NODES, concat(concat(header, directory.toByteArray()), pack(bits)));
    return s;
  }

  /** {@link #packedSections(TestGraph, int, int)} with rows in {@code coding}. */
  static EnumMap<SectionId, byte[]> packedSections(TestGraph graph, int stride, int blockSize,
      CompactCsrFormat.RowCoding coding) {
    EnumMap<SectionId, byte[]> s = frontCodedSections(graph, stride, blockSize, coding);
    List<String> names = graph.freeze();
    List<String> kinds = graph.kinds();
    List<String> paths = graph.filePaths();
    int n = names.size();
    long[][] fields = new long[5][n];
    for (int v = 0; v < n; v++) {
      TestGraph.Node node = graph.nodes.get(names.get(v));
      fields[0][v] = node.file == null ? 0 : TestGraph.indexOf(paths, node.file) + 1L;
      fields[1][v] = node.lineStart;
      fields[2][v] = (long) node.lineEnd - node.lineStart;
      fields[3][v] = kinds.indexOf(node.kind);
      fields[4][v] = (node.external ? 1 : 0) | (node.merged ? 2 : 0);
    }
    long startBase = java.util.Arrays.stream(fields[1]).min().orElse(0);
    long spanBase = java.util.Arrays.stream(fields[2]).min().orElse(0);
    for (int v = 0; v < n; v++) {
      fields[1][v] -= startBase;
      fields[2][v] -= spanBase;
    }
    int[] widths = new int[5];
    for (int f = 0; f < 4; f++) {
      widths[f] = 64 - Long.numberOfLeadingZeros(java.util.Arrays.stream(fields[f]).max().orElse(0));
    }
    widths[4] = 2;
    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int w : widths) {
      header.put((byte) w);
    }
    header.position(8);
    header.putLong(startBase).putLong(spanBase);
    List<long[]> records = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int f = 0; f < 5; f++) {
        records.add(new long[] {fields[f][v], widths[f]});
      }
    }
    s.put(SectionId.NODES, concat(header.array(), pack(records)));

    List<byte[]> entries = new ArrayList<>();
    for (String name : names) {
      entries.add(details(graph.nodes.get(name)));
    }
    java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
    java.nio.ByteBuffer eight = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    List<byte[]> present = new ArrayList<>();
    long rank = 0;
    for (int b = 0; b * 64 < n; b++) {
      long word = 0;
      for (int v = b * 64; v < Math.min(n, b * 64 + 64); v++) {
        byte[] e = entries.get(v);
        boolean emptySymbol = e.length == 3 && e[0] == 0 && e[1] == 0 && e[2] == 0;
        if (e.length > 0 && !emptySymbol) {
          word |= 1L << (v - b * 64);
          present.add(e);
        }
      }
      d.writeBytes(eight.putLong(0, word).array());
      d.writeBytes(eight.putLong(0, rank).array());
      rank += Long.bitCount(word);
    }
    long end = 0;
    d.writeBytes(eight.putLong(0, end).array());
    for (byte[] e : present) {
      end += e.length;
      d.writeBytes(eight.putLong(0, end).array());
    }
    present.forEach(d::writeBytes);
    s.put(SectionId.NODE_DETAILS, d.toByteArray());

    java.nio.ByteBuffer fixed = java.nio.ByteBuffer.wrap(fileSymbols(graph, names, paths)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int fileCount = paths.size();
    long[] starts = new long[fileCount + 1];
    for (int f = 0; f <= fileCount; f++) {
      starts[f] = Integer.toUnsignedLong(fixed.getInt(4 * f));
    }
    List<long[]> startValues = new ArrayList<>();
    List<long[]> baseValues = new ArrayList<>();
    List<long[]> offsetValues = new ArrayList<>();
    int startBits = 64 - Long.numberOfLeadingZeros(starts[fileCount]);
    long[] bases = new long[fileCount];
    long maxOffset = 0;
    for (int f = 0; f < fileCount; f++) {
      long min = Long.MAX_VALUE;
      for (long i = starts[f]; i < starts[f + 1]; i++) {
        min = Math.min(min, fixed.getInt((int) (4 * (fileCount + 1 + i))));
      }
      bases[f] = starts[f] == starts[f + 1] ? 0 : min;
      for (long i = starts[f]; i < starts[f + 1]; i++) {
        maxOffset = Math.max(maxOffset, fixed.getInt((int) (4 * (fileCount + 1 + i))) - bases[f]);
      }
    }
    int offsetBits = 64 - Long.numberOfLeadingZeros(maxOffset);
    int baseBits = 64 - Long.numberOfLeadingZeros(java.util.Arrays.stream(bases).max().orElse(0));
    for (long st : starts) {
      startValues.add(new long[] {st, startBits});
    }
    for (int f = 0; f < fileCount; f++) {
      baseValues.add(new long[] {bases[f], baseBits});
      for (long i = starts[f]; i < starts[f + 1]; i++) {
        offsetValues.add(new long[] {fixed.getInt((int) (4 * (fileCount + 1 + i))) - bases[f], offsetBits});
      }
    }
    byte[] fsHeader = {(byte) offsetBits, (byte) startBits, (byte) baseBits, 0, 0, 0, 0, 0};
    s.put(SectionId.FILE_SYMBOLS, concat(concat(concat(fsHeader, pack(startValues)), pack(baseValues)), pack(offsetValues)));

    java.nio.ByteBuffer index = java.nio.ByteBuffer.wrap(nameIndex(names)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int slotCount = index.getInt(0);
    int oldIdBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, n - 1)));
    int idBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
    int fpBits = Math.min(5, 32 - idBits);
    List<long[]> slots = new ArrayList<>();
    for (int i = 0; i < slotCount; i++) {
      int old = index.getInt(8 + 4 * i);
      if (old == -1) {
        slots.add(new long[] {(1L << (idBits + fpBits)) - 1, idBits + fpBits});
      } else {
        int id = old & ((1 << oldIdBits) - 1);
        long h = io.graphsnap.bloom.BloomHash.hash64(names.get(id).getBytes(StandardCharsets.UTF_8));
        slots.add(new long[] {((h & ((1L << fpBits) - 1)) << idBits) | id, idBits + fpBits});
      }
    }
    byte[] indexHeader = java.util.Arrays.copyOf(index.array(), 8);
    s.put(SectionId.NAME_INDEX, concat(indexHeader, pack(slots)));
    return s;
  }

  /** A packed area ({@code Word UInt64^⌈B/64⌉, Zero UInt64}) of the (value, width) pairs, low bit first. */
  static byte[] pack(List<long[]> fields) {
    long bits = 0;
    for (long[] f : fields) {
      bits += f[1];
    }
    long[] words = new long[(int) ((bits + 63) / 64) + 1];
    long at = 0;
    for (long[] f : fields) {
      for (int i = 0; i < f[1]; i++, at++) {
        if ((f[0] >>> i & 1) != 0) {
          words[(int) (at >>> 6)] |= 1L << (at & 63);
        }
      }
    }
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 * words.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long w : words) {
      out.putLong(w);
    }
    return out.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Replaces node 0's forward row in compact sections of stride 1 and 16-byte index entries (versions 5 to 9) by a
   * Row of Body {@code body} (RowBytes prepended), moving every later entry of the index by the difference.
   */
  static void replaceForwardRow0(EnumMap<SectionId, byte[]> s, byte[] body) {
    replaceForwardRow0(s, body, CompactCsrFormat.RowCoding.RICE);
  }

  /** {@link #replaceForwardRow0(EnumMap, byte[])} in sections whose index entries are {@code coding}'s. */
  static void replaceForwardRow0(EnumMap<SectionId, byte[]> s, byte[] body, CompactCsrFormat.RowCoding coding) {
    byte[] rows = s.get(SectionId.COMPACT_FORWARD_ROWS);
    byte[] indexBytes = s.get(SectionId.COMPACT_FORWARD_INDEX);
    ByteBuffer index = ByteBuffer.wrap(indexBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int oldRow = (int) rowOffset(index, 1, coding);
    byte[] row = new byte[CompactCsrFormat.varintBytes(body.length) + body.length];
    int at = CompactCsrFormat.writeVar(row, 0, body.length);
    System.arraycopy(body, 0, row, at, body.length);
    byte[] grown = new byte[rows.length - oldRow + row.length];
    System.arraycopy(row, 0, grown, 0, row.length);
    System.arraycopy(rows, oldRow, grown, row.length, rows.length - oldRow);
    s.put(SectionId.COMPACT_FORWARD_ROWS, grown);
    for (long b = 1; CompactCsrFormat.rowOffsetAt(b, coding) < index.capacity(); b++) {
      setRowOffset(index, b, coding, rowOffset(index, b, coding) - oldRow + row.length);
    }
  }

  /** RowOffset of index entry {@code b} of {@code coding}. */
  static long rowOffset(ByteBuffer index, long b, CompactCsrFormat.RowCoding coding) {
    int p = (int) CompactCsrFormat.rowOffsetAt(b, coding);
    return coding.entryBytes() == CompactCsrFormat.ENTRY_BYTES ? index.getLong(p)
        : Integer.toUnsignedLong(index.getInt(p)) | (index.get(p + 4) & 0xFFL) << 32;
  }

  /** Sets RowOffset of index entry {@code b} of {@code coding}. */
  static void setRowOffset(ByteBuffer index, long b, CompactCsrFormat.RowCoding coding, long value) {
    int p = (int) CompactCsrFormat.rowOffsetAt(b, coding);
    if (coding.entryBytes() == CompactCsrFormat.ENTRY_BYTES) {
      index.putLong(p, value);
    } else {
      index.putInt(p, (int) value);
      index.put(p + 4, (byte) (value >>> 32));
    }
  }

  /** The sections of {@link #writeCompact}: VarUInt rows (format versions 5 to 7). */
  static EnumMap<SectionId, byte[]> compactSections(TestGraph graph, int stride) {
    return compactSections(graph, stride, CompactCsrFormat.RowCoding.VARINT);
  }

  /** The sections of a compact file whose rows are in {@code coding}, every other section as in version 4. */
  static EnumMap<SectionId, byte[]> compactSections(TestGraph graph, int stride, CompactCsrFormat.RowCoding coding) {
    EnumMap<SectionId, byte[]> s = sections(graph);
    for (boolean reverse : new boolean[] {false, true}) {
      SectionId[] fixed = CsrFormat.sections(reverse);
      byte[] offsetBytes = s.remove(fixed[0]);
      byte[] neighbourBytes = s.remove(fixed[1]);
      byte[] types = s.remove(fixed[2]);
      java.nio.ByteBuffer ob = java.nio.ByteBuffer.wrap(offsetBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int[] offsets = new int[offsetBytes.length / 8];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = (int) ob.getLong(8 * i);
      }
      int[] neighbours = new int[types.length];
      java.nio.ByteBuffer.wrap(neighbourBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(neighbours);
      SectionId[] compact = io.graphsnap.format.snapshot.CompactCsrFormat.sections(reverse);
      s.put(compact[0], SectionSink.Bytes.of(out -> CompactCsrFormat.writeIndex(out, offsets, neighbours, types,
          stride, coding)));
      s.put(compact[1], SectionSink.Bytes.of(out -> CompactCsrFormat.writeRows(out, offsets, neighbours, types,
          coding)));
    }
    return s;
  }

  /** The snapshot file of {@code graph} in format version 3: no CALL_SITES. */
  static byte[] writeV3(TestGraph graph) {
    EnumMap<SectionId, byte[]> s = sections(graph);
    s.remove(SectionId.CALL_SITES);
    return layout(s, SnapshotFormat.VERSION_FILE_SYMBOLS);
  }

  /** The snapshot file of {@code graph} in format version 2: no FILE_SYMBOLS, no NAME_TRIGRAMS, no CALL_SITES. */
  static byte[] writeV2(TestGraph graph) {
    EnumMap<SectionId, byte[]> s = sections(graph);
    s.remove(SectionId.CALL_SITES);
    s.remove(SectionId.FILE_SYMBOLS);
    s.remove(SectionId.NAME_TRIGRAMS);
    return layout(s, SnapshotFormat.VERSION_NAME_INDEX);
  }

  /** The snapshot file of {@code graph} in format version 1: no NAME_INDEX, no FILE_SYMBOLS, no NAME_TRIGRAMS. */
  static byte[] writeV1(TestGraph graph) {
    EnumMap<SectionId, byte[]> s = sections(graph);
    s.remove(SectionId.CALL_SITES);
    s.remove(SectionId.NAME_INDEX);
    s.remove(SectionId.FILE_SYMBOLS);
    s.remove(SectionId.NAME_TRIGRAMS);
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
    ByteBuffer b = ByteBuffer.wrap(file).order(LittleEndian.ORDER);
    int count = b.getInt(SnapshotFormat.SECTION_COUNT_OFFSET);
    if (count < 0 || count > SnapshotFormat.MAX_SECTIONS || SnapshotFormat.headerBytes(count) > file.length) {
      return file; // a damaged header: nothing to fix
    }
    for (int i = 0; i < count; i++) {
      int at = SnapshotFormat.entryOffset(i);
      long offset = b.getLong(at + SnapshotFormat.ENTRY_OFFSET);
      long length = b.getLong(at + SnapshotFormat.ENTRY_LENGTH);
      if (offset < 0 || length < 0 || offset > file.length || length > file.length - offset) {
        continue; // a damaged entry: leave its CRC
      }
      CRC32C crc = new CRC32C();
      crc.update(file, (int) offset, (int) length);
      b.putInt(at + SnapshotFormat.ENTRY_CRC, (int) crc.getValue());
    }
    int crcAt = SnapshotFormat.headerCrcOffset(count);
    CRC32C crc = new CRC32C();
    crc.update(file, 0, crcAt);
    b.putInt(crcAt, (int) crc.getValue());
    return file;
  }

  /** The file offset of section {@code id} in {@code file}, or -1. */
  static long sectionOffset(byte[] file, SectionId id) {
    ByteBuffer b = ByteBuffer.wrap(file).order(LittleEndian.ORDER);
    int count = b.getInt(SnapshotFormat.SECTION_COUNT_OFFSET);
    for (int i = 0; i < count; i++) {
      int at = SnapshotFormat.entryOffset(i);
      if (b.getInt(at + SnapshotFormat.ENTRY_ID) == id.id()) {
        return b.getLong(at + SnapshotFormat.ENTRY_OFFSET);
      }
    }
    return -1;
  }

  static byte[] stringList(List<String> strings) {
    return SectionSink.Bytes.of(out -> StringListFormat.writeUtf8(out, strings));
  }

  /** A StringList (or BitmapList) of {@code items}. */
  static byte[] list(List<byte[]> items) {
    return SectionSink.Bytes.of(out -> StringListFormat.write(out, items.toArray(byte[][]::new)));
  }

  static byte[] serialise(MutableRoaringBitmap bitmap) {
    bitmap.runOptimize();
    ByteBuffer out = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
    bitmap.serialize(out);
    return out.array();
  }

  private static void putCsr(EnumMap<SectionId, byte[]> s, TestGraph graph, int n, int e, boolean reverse) {
    int[] offsets = new int[n + 1];
    int[] neighbours = new int[e];
    byte[] types = new byte[e];
    int position = 0;
    for (int v = 0; v < n; v++) {
      offsets[v] = position;
      for (int[] edge : graph.neighbours(v, -1, reverse)) {
        neighbours[position] = edge[0];
        types[position] = (byte) edge[1];
        position++;
      }
    }
    offsets[n] = position;
    SectionId[] ids = CsrFormat.sections(reverse);
    s.put(ids[0], SectionSink.Bytes.of(out -> CsrFormat.writeOffsets(out, offsets)));
    s.put(ids[1], SectionSink.Bytes.of(out -> CsrFormat.writeNeighbours(out, neighbours, e)));
    s.put(ids[2], SectionSink.Bytes.of(out -> CsrFormat.writeTypes(out, types, e)));
  }

  private static byte[] details(TestGraph.Node node) {
    if (node.external) {
      return new byte[0];
    }
    byte[][] notes = new byte[2 * node.notes.size()][];
    int i = 0;
    for (Note note : node.notes) {
      notes[i++] = utf8(note.lang());
      notes[i++] = utf8(note.text());
    }
    byte[][] metadata = new byte[2 * node.metadata.size()][];
    i = 0;
    for (Map.Entry<String, String> m : node.metadata.entrySet()) {
      metadata[i++] = utf8(m.getKey());
      metadata[i++] = utf8(m.getValue());
    }
    return NodeDetailsFormat.encodeEntry(node.hash, notes, metadata);
  }

  private static byte[] detailsSection(List<byte[]> entries) {
    return SectionSink.Bytes.of(out -> NodeDetailsFormat.write(out, entries.toArray(byte[][]::new)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}
