package io.graphsnap.builder.internal;

import io.graphsnap.builder.internal.spill.LongCursor;
import io.graphsnap.builder.internal.spill.LongRunSorter;
import io.graphsnap.builder.internal.spill.SiteRunSorter;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.builder.internal.spill.SpillWriter;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.SectionId;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * The adjacency of a bounded-memory build: the forward edges arrive as sorted, distinct packed keys (the merge of
 * {@link LongRunSorter}'s runs) and become the forward rows ({@link StagedCsr}); each edge goes again, as a
 * (target, type, source) key, into a second external sort that gives the reverse rows; the sited edges (sorted by
 * the same key) are joined with the forward stream to encode each node's CALL_SITES entry into a temporary file.
 * The bytes equal {@link HeapAdjacency}'s for the same graph. Memory: the sorters' buffers (the cap), 8 bytes per
 * node with sites, the per-type counts; the fixed layout's sections are copied from the staged files when written,
 * the compact layout's encoded from them ({@link StagedCompactRows}); a direction's files are deleted once its
 * sections of the layout being written are all written, so each section is written at most once. Owned by its
 * graph; the files belong to the build's {@link SpillFiles}.
 */
final class StagedAdjacency implements Adjacency {
  /** Each direction's sections in either layout: once all of one set are written, the direction's files go. */
  private static final Set<SectionId> FIXED_FORWARD =
      EnumSet.of(SectionId.FORWARD_OFFSETS, SectionId.FORWARD_TARGETS, SectionId.FORWARD_TYPES);
  private static final Set<SectionId> COMPACT_FORWARD =
      EnumSet.of(SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS);
  private static final Set<SectionId> FIXED_REVERSE =
      EnumSet.of(SectionId.REVERSE_OFFSETS, SectionId.REVERSE_SOURCES, SectionId.REVERSE_TYPES);
  private static final Set<SectionId> COMPACT_REVERSE =
      EnumSet.of(SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS);

  private final int nodeCount;
  private final StagedCsr forward;
  private final StagedCsr reverse;
  private final long[] edgeTypeCounts;
  private final int[] sitedNodes;
  private final int[] entryLengths;
  private final Path siteData;
  private final long siteDataBytes;
  /** The sections written so far (each is written once). */
  private final Set<SectionId> written = EnumSet.noneOf(SectionId.class);

  private StagedAdjacency(int nodeCount, StagedCsr forward, StagedCsr reverse, long[] edgeTypeCounts,
      int[] sitedNodes, int[] entryLengths, Path siteData, long siteDataBytes) {
    this.nodeCount = nodeCount;
    this.forward = forward;
    this.reverse = reverse;
    this.edgeTypeCounts = edgeTypeCounts;
    this.sitedNodes = sitedNodes;
    this.entryLengths = entryLengths;
    this.siteData = siteData;
    this.siteDataBytes = siteDataBytes;
  }

  /**
   * Builds the staged adjacency from the forward keys ({@code keys}' packing of (source, type, target), ascending
   * and distinct) and the sited edges (same keys, ascending, each an edge of the forward keys). Closes both cursors.
   *
   * @throws IllegalStateException if a sited edge is not a forward edge (a builder bug)
   */
  static StagedAdjacency build(LongCursor forwardKeys, SiteRunSorter.Cursor sites, EdgeKeys keys, int nodeCount,
      int typeCount, SpillFiles files) throws IOException {
    long[] typeCounts = new long[typeCount];
    StagedCsr forward = new StagedCsr(files, "forward");
    LongRunSorter reverseSorter = new LongRunSorter(files, "reverse", files.share(1, 2, 1024));
    IntArrayList sitedNodes = new IntArrayList();
    IntArrayList entryLengths = new IntArrayList();
    Path siteData = files.create("sites-data");
    long siteBytes;
    try (forwardKeys; sites; SpillWriter data = new SpillWriter(files, siteData, 1 << 16)) {
      CallSitesFormat.EntryEncoder entry = new CallSitesFormat.EntryEncoder();
      long site = sites.next();
      int row = -1;
      int position = 0;
      for (long key = forwardKeys.next(); key >= 0; key = forwardKeys.next()) {
        int source = keys.first(key);
        int type = keys.type(key);
        int target = keys.second(key);
        if (source != row) {
          endEntry(entry, row, data, sitedNodes, entryLengths);
          row = source;
          position = 0;
        }
        forward.add(source, type, target);
        typeCounts[type]++;
        reverseSorter.add(keys.pack(target, type, source));
        if (site >= 0 && site < key) {
          throw notForward(keys, site);
        }
        if (site == key) {
          entry.add(position, sites.lines, sites.from, sites.count);
          site = sites.next();
          if (site == key) {
            throw new IllegalStateException("two sited edges with the same key: node " + source + ", type " + type
                + ", target " + target);
          }
        }
        position++;
      }
      endEntry(entry, row, data, sitedNodes, entryLengths);
      if (site >= 0) {
        throw notForward(keys, site);
      }
      forward.finish(nodeCount);
      siteBytes = data.finish();
    }
    CallSitesBuilder.checkSize(siteBytes);
    StagedCsr reverse = new StagedCsr(files, "reverse");
    try (LongCursor reverseKeys = reverseSorter.finish()) {
      for (long key = reverseKeys.next(); key >= 0; key = reverseKeys.next()) {
        reverse.add(keys.first(key), keys.type(key), keys.second(key));
      }
      reverse.finish(nodeCount);
    }
    return new StagedAdjacency(nodeCount, forward, reverse, typeCounts, sitedNodes.toIntArray(),
        entryLengths.toIntArray(), siteData, siteBytes);
  }

  private static IllegalStateException notForward(EdgeKeys keys, long site) {
    return new IllegalStateException("an edge with lines is not in the forward CSR: node " + keys.first(site)
        + ", type " + keys.type(site) + ", target " + keys.second(site));
  }

  private static void endEntry(CallSitesFormat.EntryEncoder entry, int node, SpillWriter data, IntArrayList nodes,
      IntArrayList lengths) throws IOException {
    if (!entry.isEmpty()) {
      byte[] bytes = entry.toByteArray();
      data.put(bytes);
      nodes.add(node);
      lengths.add(bytes.length);
      entry.reset();
    }
  }

  @Override
  public long edgeCount() {
    return forward.edgeCount();
  }

  @Override
  public long[] edgeTypeCounts() {
    return edgeTypeCounts;
  }

  @Override
  public int sitedNodeCount() {
    return sitedNodes.length;
  }

  @Override
  public void write(SectionId id, SectionWriter out) throws IOException {
    writeSection(id, out);
    written.add(id);
    // A direction's staged files go as soon as its last section of either layout is written: the snapshot being
    // written and both directions' files are never on the disk together (about 10 bytes an edge less at the peak).
    if (written.containsAll(FIXED_FORWARD) || written.containsAll(COMPACT_FORWARD)) {
      forward.delete();
    }
    if (written.containsAll(FIXED_REVERSE) || written.containsAll(COMPACT_REVERSE)) {
      reverse.delete();
    }
  }

  private void writeSection(SectionId id, SectionWriter out) throws IOException {
    switch (id) {
      case FORWARD_OFFSETS -> forward.copy(0, nodeCount, out);
      case FORWARD_TARGETS -> forward.copy(1, nodeCount, out);
      case FORWARD_TYPES -> forward.copy(2, nodeCount, out);
      case REVERSE_OFFSETS -> reverse.copy(0, nodeCount, out);
      case REVERSE_SOURCES -> reverse.copy(1, nodeCount, out);
      case REVERSE_TYPES -> reverse.copy(2, nodeCount, out);
      case COMPACT_FORWARD_INDEX -> new StagedCompactRows(forward, nodeCount).writeIndex(out);
      case COMPACT_FORWARD_ROWS -> new StagedCompactRows(forward, nodeCount).writeRows(out);
      case COMPACT_REVERSE_INDEX -> new StagedCompactRows(reverse, nodeCount).writeIndex(out);
      case COMPACT_REVERSE_ROWS -> new StagedCompactRows(reverse, nodeCount).writeRows(out);
      case CALL_SITES -> writeSites(out);
      default -> throw new IllegalArgumentException("not an adjacency section: " + id);
    }
  }

  private void writeSites(SectionWriter out) throws IOException {
    try (FileChannel ch = FileChannel.open(siteData, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
      if (ch.size() != siteDataBytes) {
        throw new IOException("staged call sites " + siteData + " are " + ch.size() + " bytes, expected "
            + siteDataBytes + " (a temporary file cut or changed during the build)");
      }
      MemorySegment data = siteDataBytes == 0 ? MemorySegment.NULL
          : ch.map(FileChannel.MapMode.READ_ONLY, 0, siteDataBytes, arena);
      long[] at = {0};
      PageCache.ReleaseBehind read = new PageCache.ReleaseBehind(data);
      CallSitesFormat.write(out, sitedNodes.length, i -> sitedNodes[i], i -> entryLengths[i], (i, o) -> {
        o.put(data, at[0], entryLengths[i]);
        at[0] += entryLengths[i];
        read.at(at[0]);
      });
    }
  }
}
