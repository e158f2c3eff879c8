package io.graphsnap.reader.internal;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.lang.foreign.MemorySegment;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Checks the structure of every section except the CSRs, in O(N + total string and bitmap bytes): names
 * well-formed and strictly increasing, node columns valid (kind and file ids, flags, external nodes), file
 * table, kind bitmaps partitioning the nodes by kind id, effect bitmaps valid, every name in the Bloom
 * filter, every details entry decodable, build info keys and conflicts ordered. The first problem throws.
 */
public final class StructureVerifier {
  private final StringListView names;
  private final NodeTable nodes;
  private final Dictionary kinds;
  private final FileTable files;
  private final BitmapListView kindBitmaps;
  private final BitmapListView effectBitmaps;
  private final BloomView bloom;
  private final Section bloomSection;
  private final DetailsReader details;
  private final StringListView buildInfo;
  private final StringListView conflicts;

  /** Collects the parts to check; {@code buildInfo} and {@code conflicts} may be {@code null} (absent). */
  public StructureVerifier(StringListView names, NodeTable nodes, Dictionary kinds, FileTable files,
      BitmapListView kindBitmaps, BitmapListView effectBitmaps, BloomView bloom, Section bloomSection,
      DetailsReader details, StringListView buildInfo, StringListView conflicts) {
    this.names = names;
    this.nodes = nodes;
    this.kinds = kinds;
    this.files = files;
    this.kindBitmaps = kindBitmaps;
    this.effectBitmaps = effectBitmaps;
    this.bloom = bloom;
    this.bloomSection = bloomSection;
    this.details = details;
    this.buildInfo = buildInfo;
    this.conflicts = conflicts;
  }

  /** Runs every check. */
  public void verify() {
    names.verifyOrder(true, "node names");
    files.verify();
    verifyNodes();
    verifyKindBitmaps();
    for (int x = 0; x < effectBitmaps.count(); x++) {
      effectBitmaps.get(x);
    }
    verifyBloom();
    details.verify();
    if (buildInfo != null) {
      verifyBuildInfo();
    }
    if (conflicts != null) {
      verifyConflicts();
    }
  }

  private void verifyNodes() {
    int external = kinds.id(SnapshotFormat.EXTERNAL_KIND);
    int known = SnapshotFormat.NODE_FLAG_EXTERNAL | SnapshotFormat.NODE_FLAG_MERGED;
    Section section = nodes.section();
    for (int v = 0; v < names.count(); v++) {
      int kind = nodes.kindId(v);
      int file = nodes.fileId(v);
      int flags = nodes.flags(v);
      if ((flags & ~known) != 0) {
        throw section.corrupt(NodeTable.flagsOffset(v), "node " + v + " has unknown flags: actual=0x"
            + Integer.toHexString(flags) + " vs expected only 0x" + Integer.toHexString(known));
      }
      if ((flags & SnapshotFormat.NODE_FLAG_EXTERNAL) != 0) {
        if (file != -1) {
          throw section.corrupt(NodeTable.fileIdOffset(v), "external node " + v + " has a file: actual=" + file
              + " vs expected=-1");
        }
        if (kind != external) {
          throw section.corrupt(NodeTable.kindIdOffset(v), "external node " + v + " has kind " + kinds.name(kind)
              + ": actual=" + kind + " vs expected=" + external + " (" + SnapshotFormat.EXTERNAL_KIND + ")");
        }
        long entry = details.entryLength(v);
        if (entry != 0) {
          throw section.corrupt(NodeTable.flagsOffset(v), "external node " + v + " has details: actual=" + entry
              + " bytes vs expected=0");
        }
      }
    }
  }

  private void verifyKindBitmaps() {
    long total = 0;
    Section section = nodes.section();
    for (int k = 0; k < kindBitmaps.count(); k++) {
      ImmutableRoaringBitmap bitmap = kindBitmaps.get(k);
      PeekableIntIterator it = bitmap.getIntIterator();
      while (it.hasNext()) {
        int v = it.next();
        int actual = nodes.kindId(v);
        if (actual != k) {
          throw section.corrupt(NodeTable.kindIdOffset(v), "node " + v + " is in the bitmap of kind " + k
              + " but its kind id differs: actual=" + actual + " vs expected=" + k);
        }
      }
      total += bitmap.getLongCardinality();
    }
    if (total != names.count()) {
      throw section.corrupt(0, "kind bitmaps do not cover every node once: actual=" + total + " members vs expected="
          + names.count());
    }
  }

  private void verifyBloom() {
    EndsList ends = names.ends();
    MemorySegment bytes = ends.bytes();
    byte[] buffer = new byte[256];
    for (int v = 0; v < names.count(); v++) {
      long from = ends.itemOffset(v);
      long itemLength = ends.itemLength(v);
      if (itemLength > Integer.MAX_VALUE - 16) {
        throw ends.section().corrupt(8 + 8L * v, "name " + v + " is " + itemLength + " bytes long");
      }
      int length = (int) itemLength;
      if (length > buffer.length) {
        buffer = new byte[Math.max(length, buffer.length * 2)];
      }
      MemorySegment.copy(bytes, Layouts.BYTE, from, buffer, 0, length);
      if (!bloom.mightContain(buffer, 0, length)) {
        throw bloomSection.corrupt(0, "the Bloom filter lacks node " + v + " \"" + names.get(v)
            + "\": actual=absent vs expected=present (a false negative)");
      }
    }
  }

  private void verifyBuildInfo() {
    buildInfo.verifyUtf8("build info");
    for (int i = 2; i < buildInfo.count(); i += 2) {
      if (buildInfo.compareItems(i - 2, i) >= 0) {
        throw buildInfo.ends().section().corrupt(8 + 8L * i, "build-info keys are not strictly increasing at key "
            + i / 2 + ": \"" + buildInfo.get(i) + "\" after \"" + buildInfo.get(i - 2) + "\"");
      }
    }
  }

  private void verifyConflicts() {
    conflicts.verifyUtf8("conflicts");
    for (int i = 3; i < conflicts.count(); i += 3) {
      int byName = conflicts.compareItems(i - 3, i);
      if (byName > 0 || (byName == 0 && conflicts.compareItems(i - 1, i + 2) > 0)) {
        throw conflicts.ends().section().corrupt(8 + 8L * i, "conflicts are not sorted by name, then dropped path at "
            + "conflict " + i / 3 + ": \"" + conflicts.get(i) + "\"");
      }
    }
  }
}
