package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.NameIndexBuilder;
import io.graphsnap.format.delta.DeltaBaseFormat;
import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.delta.DeltaSectionId;
import io.graphsnap.format.delta.IdListFormat;
import io.graphsnap.format.delta.RowListFormat;
import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * Encodes a {@link LayerDelta} as the bytes of a delta file ({@link DeltaFormat}): every section with its format
 * class's writer, in section-id order, then the header with each section's CRC32C, all in one heap array. The
 * whole file is in memory: a delta is O(change). Stateless.
 */
final class LayerSections {
  private LayerSections() {}

  /** The delta file's bytes. O(size of the delta). */
  static byte[] encode(LayerDelta d) {
    List<DeltaSectionId> ids = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    for (DeltaSectionId id : DeltaSectionId.values()) {
      byte[] body = section(d, id);
      if (body != null) {
        ids.add(id);
        bodies.add(body);
      }
    }
    long offset = SnapshotFormat.align(SnapshotFormat.headerBytes(ids.size()));
    List<SectionEntry> entries = new ArrayList<>();
    long end = offset;
    for (int i = 0; i < ids.size(); i++) {
      CRC32C crc = new CRC32C();
      crc.update(bodies.get(i));
      entries.add(new SectionEntry(ids.get(i).id(), (int) crc.getValue(), offset, bodies.get(i).length));
      end = offset + bodies.get(i).length;
      offset = SnapshotFormat.align(end);
    }
    byte[] header = new SnapshotHeader(DeltaFormat.VERSION_CURRENT, 0, end, entries).encode(DeltaFormat.CONTAINER);
    byte[] file = new byte[Math.toIntExact(end)];
    System.arraycopy(header, 0, file, 0, header.length);
    for (int i = 0; i < ids.size(); i++) {
      System.arraycopy(bodies.get(i), 0, file, (int) entries.get(i).offset(), bodies.get(i).length);
    }
    return file;
  }

  /** Section {@code id}'s bytes, or {@code null} to omit an optional section. */
  private static byte[] section(LayerDelta d, DeltaSectionId id) {
    return switch (id) {
      case INFO -> SectionSink.Bytes.of(out -> StringListFormat.writeUtf8(out, List.of(d.info)));
      case BASE -> SectionSink.Bytes.of(out -> DeltaBaseFormat.write(out, d.base));
      case NEW_NAMES -> SectionSink.Bytes.of(out -> StringListFormat.writeUtf8(out, List.of(d.newNames)));
      case NAME_INDEX -> SectionSink.Bytes.of(out -> {
        NameIndexBuilder index = new NameIndexBuilder(d.newNames.length);
        for (String name : d.newNames) {
          index.add(name.getBytes(StandardCharsets.UTF_8));
        }
        index.writeTo(out);
      });
      case TOMBSTONES -> ids(d.tombstones);
      case DIRTY_NODES -> ids(d.dirtyNodes);
      case NODES -> SectionSink.Bytes.of(out -> {
        for (int[] r : d.records) {
          NodeRecordFormat.write(out, r[0], r[1], r[2], r[3], r[4]);
        }
      });
      case NODE_DETAILS -> SectionSink.Bytes.of(out -> NodeDetailsFormat.write(out, d.details));
      case EFFECT_BITMAPS -> SectionSink.Bytes.of(out -> BitmapListFormat.write(out, serialised(d.effects)));
      case FORWARD -> rows(d.forward);
      case CALL_SITES -> callSites(d);
      case REVERSE_ADDED -> rows(d.reverseAdded);
      case REVERSE_REMOVED -> rows(d.reverseRemoved);
      case ADDED_KINDS -> strings(d.addedKinds);
      case ADDED_EFFECTS -> strings(d.addedEffects);
      case ADDED_EDGE_TYPES -> strings(d.addedEdgeTypes);
      case ADDED_LANGUAGES -> strings(d.addedLanguages);
      case EDGE_TYPE_COUNTS -> SectionSink.Bytes.of(out -> CsrFormat.writeTypeCounts(out, d.edgeTypeCounts));
      case NEW_FILE_PATHS -> strings(d.newFilePaths);
      case FILE_TOMBSTONES -> ids(d.fileTombstones);
      case DIRTY_FILES -> ids(d.dirtyFiles);
      case FILES -> SectionSink.Bytes.of(out -> {
        for (int i = 0; i < d.dirtyFiles.length; i++) {
          FileRecordFormat.write(out, d.fileSourceSha256[i], d.fileObjectIds[i], d.fileLanguageIds[i],
              d.fileSymbolCounts[i]);
        }
      });
      case FILE_SYMBOLS -> SectionSink.Bytes.of(out -> FileSymbolsFormat.write(out, fileSymbols(d.fileSymbols)));
      case CONFLICT_NAMES -> strings(d.conflictNames);
      case CONFLICTS -> {
        List<String> flat = new ArrayList<>();
        for (Conflict c : d.conflicts) {
          flat.add(c.name());
          flat.add(c.keptPath());
          flat.add(c.droppedPath());
        }
        yield SectionSink.Bytes.of(out -> StringListFormat.writeUtf8(out, flat));
      }
    };
  }

  private static byte[] ids(int[] ids) {
    return SectionSink.Bytes.of(out -> IdListFormat.write(out, ids, ids.length));
  }

  private static byte[] strings(String[] strings) {
    return SectionSink.Bytes.of(out -> StringListFormat.writeUtf8(out, List.of(strings)));
  }

  private static byte[] rows(LayerDelta.Rows rows) {
    return SectionSink.Bytes.of(out -> RowListFormat.write(out, rows.count(), rows.keys(), rows.offsets(),
        rows.neighbours(), rows.types()));
  }

  /** CALL_SITES over the FORWARD keys that have sites; {@code null} (omitted) when none has. */
  private static byte[] callSites(LayerDelta d) {
    IntArrayList nodes = new IntArrayList();
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < d.forward.count(); i++) {
      if (d.forwardSites[i].length > 0) {
        nodes.add(d.forward.keys()[i]);
        entries.add(d.forwardSites[i]);
      }
    }
    if (nodes.isEmpty()) {
      return null;
    }
    return SectionSink.Bytes.of(out -> CallSitesFormat.write(out, nodes.toIntArray(),
        entries.toArray(byte[][]::new), nodes.size()));
  }

  private static byte[][] serialised(RoaringBitmap[] bitmaps) {
    byte[][] out = new byte[bitmaps.length][];
    for (int i = 0; i < bitmaps.length; i++) {
      if (bitmaps[i].isEmpty()) {
        out[i] = new byte[0];
        continue;
      }
      ByteBuffer b = ByteBuffer.allocate(bitmaps[i].serializedSizeInBytes()).order(LittleEndian.ORDER);
      bitmaps[i].serialize(b);
      out[i] = b.array();
    }
    return out;
  }

  private static FileSymbolsFormat.Index fileSymbols(int[][] lists) {
    int[] starts = new int[lists.length + 1];
    for (int i = 0; i < lists.length; i++) {
      starts[i + 1] = starts[i] + lists[i].length;
    }
    int[] ids = new int[starts[lists.length]];
    for (int i = 0; i < lists.length; i++) {
      System.arraycopy(lists[i], 0, ids, starts[i], lists[i].length);
    }
    return new FileSymbolsFormat.Index(starts, Arrays.copyOf(ids, ids.length));
  }
}
