package io.graphsnap.reader.internal;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The structural checks of every section except the CSRs and the name index, one method per check, in
 * O(N + total string and bitmap bytes) together: names well-formed and strictly increasing, node columns valid
 * (kind and file ids, flags, external nodes), file table, kind bitmaps partitioning the nodes by kind id,
 * effect bitmaps valid, every name in the Bloom filter, every details entry decodable, build info keys and
 * conflicts ordered. The reader's {@code verify} calls them section by section (a switch over every
 * {@link io.graphsnap.format.snapshot.SectionId}); the first problem throws.
 */
public final class StructureVerifier {
  private final SortedStrings names;
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
  public StructureVerifier(SortedStrings names, NodeTable nodes, Dictionary kinds, FileTable files,
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

  /** Checks that the node names are well-formed UTF-8 and strictly increasing. O(name bytes). */
  public void verifyNames() {
    names.verify();
  }

  /** Validates every effect bitmap. O(bitmap bytes). */
  public void verifyEffectBitmaps() {
    for (int x = 0; x < effectBitmaps.count(); x++) {
      effectBitmaps.get(x);
    }
  }

  /** Checks the file table: paths sorted and distinct, language ids and symbol counts. O(F + path bytes). */
  public void verifyFiles() {
    files.verify();
  }

  /** Checks that every details entry decodes. O(details bytes). */
  public void verifyDetails() {
    details.verify();
  }

  /** Checks every node record: flags, and what external nodes may not have. O(N). */
  public void verifyNodes() {
    int external = kinds.id(SnapshotFormat.EXTERNAL_KIND);
    int known = NodeRecordFormat.FLAG_EXTERNAL | NodeRecordFormat.FLAG_MERGED;
    Section section = nodes.section();
    nodes.verifyEncoding();
    for (int v = 0; v < names.count(); v++) {
      int kind = nodes.kindId(v);
      int file = nodes.fileId(v);
      int flags = nodes.flags(v);
      if ((flags & ~known) != 0) {
        throw section.corrupt(nodes.flagsOffset(v), "node " + v + " has unknown flags: actual=0x"
            + Integer.toHexString(flags) + " vs expected only 0x" + Integer.toHexString(known));
      }
      if ((flags & NodeRecordFormat.FLAG_EXTERNAL) != 0) {
        if (file != NodeRecordFormat.NO_FILE) {
          throw section.corrupt(nodes.fileIdOffset(v), "external node " + v + " has a file: actual=" + file
              + " vs expected=-1");
        }
        if (kind != external) {
          throw section.corrupt(nodes.kindIdOffset(v), "external node " + v + " has kind " + kinds.name(kind)
              + ": actual=" + kind + " vs expected=" + external + " (" + SnapshotFormat.EXTERNAL_KIND + ")");
        }
        long entry = details.entryLength(v);
        if (entry != 0) {
          throw section.corrupt(nodes.flagsOffset(v), "external node " + v + " has details: actual=" + entry
              + " bytes vs expected=0");
        }
      }
    }
  }

  /** Checks that the kind bitmaps partition the nodes by kind id. O(N + bitmap bytes). */
  public void verifyKindBitmaps() {
    long total = 0;
    Section section = nodes.section();
    for (int k = 0; k < kindBitmaps.count(); k++) {
      ImmutableRoaringBitmap bitmap = kindBitmaps.get(k);
      PeekableIntIterator it = bitmap.getIntIterator();
      while (it.hasNext()) {
        int v = it.next();
        int actual = nodes.kindId(v);
        if (actual != k) {
          throw section.corrupt(nodes.kindIdOffset(v), "node " + v + " is in the bitmap of kind " + k
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

  /** Checks that the Bloom filter holds every node name. O(name bytes). */
  public void verifyBloom() {
    NameCursor cursor = names.cursor();
    for (int v = 0; v < names.count(); v++) {
      byte[] buffer = cursor.copy(v);
      if (!bloom.mightContain(buffer, 0, cursor.length())) {
        throw bloomSection.corrupt(0, "the Bloom filter lacks node " + v + " \"" + names.get(v)
            + "\": actual=absent vs expected=present (a false negative)");
      }
    }
  }

  /** Checks the build info (when present): UTF-8, keys strictly increasing. */
  public void verifyBuildInfo() {
    if (buildInfo == null) {
      return;
    }
    buildInfo.verifyUtf8("build info");
    final int group = StringListFormat.BUILD_INFO_GROUP;
    for (int i = group; i < buildInfo.count(); i += group) {
      if (buildInfo.compareItems(i - group, i) >= 0) {
        throw buildInfo.ends().section().corrupt(StringListFormat.endOffset(i), "build-info keys are not strictly increasing at key "
            + i / group + ": \"" + buildInfo.get(i) + "\" after \"" + buildInfo.get(i - group) + "\"");
      }
    }
  }

  /** Checks the conflicts (when present): UTF-8, sorted by name, then dropped path. */
  public void verifyConflicts() {
    if (conflicts == null) {
      return;
    }
    conflicts.verifyUtf8("conflicts");
    final int group = StringListFormat.CONFLICT_GROUP;
    for (int i = group; i < conflicts.count(); i += group) {
      int byName = conflicts.compareItems(i - group, i);
      if (byName > 0 || (byName == 0 && conflicts.compareItems(i - 1, i + 2) > 0)) {
        throw conflicts.ends().section().corrupt(StringListFormat.endOffset(i), "conflicts are not sorted by name, then dropped path at "
            + "conflict " + i / group + ": \"" + conflicts.get(i) + "\"");
      }
    }
  }
}
