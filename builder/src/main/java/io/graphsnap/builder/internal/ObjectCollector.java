package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildLimits;
import io.graphsnap.builder.ObjectVisitor;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.builder.internal.spill.EdgeBlocks;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The one pass over the objects: interns every string and records files, symbol declarations and edges in
 * primitive columns, keeping no {@link FileSummary} after its visit. Mutable, single-use, not thread-safe.
 *
 * <p>Ids here are provisional (arrival order); {@link GraphCompiler} turns them into the final, sorted ids.
 * Memory: about 32 bytes per declaration plus its details; the distinct names up to a quarter of the build's cap,
 * beyond which they spill in sorted runs ({@link NameRuns}); 12 bytes per edge, 8 per edge with lines and 4 per line,
 * up to another quarter, beyond which the edges spill ({@link EdgeBlocks}).
 */
public final class ObjectCollector implements ObjectVisitor {
  /**
   * Symbol names and edge-target names being interned: all of them, or past the cap's share the current run's
   * ({@link #nameRuns}), whose provisional ids start at {@link #nameBase}. Null after {@link #endCollection}.
   */
  NameTable names;
  private int nameBase;
  /** The spilled name runs (null without a cap). */
  private final NameRuns nameRuns;
  /** The distinct names once the collection ended: {@link #names}, or the merged runs. */
  CollectedNames collected;
  final Dictionary kinds = new Dictionary("kind", 64);
  final Dictionary effects = new Dictionary("effect", 64);
  final Dictionary edgeTypes = new Dictionary("edge type", 64);
  final Dictionary languages = new Dictionary("language", 16);

  /** Files, by arrival index. */
  final CollectedFiles files = new CollectedFiles();

  // Declarations, by arrival index.
  final IntArrayList declName = new IntArrayList();
  final IntArrayList declFile = new IntArrayList();
  final IntArrayList declKind = new IntArrayList();
  final IntArrayList declLineStart = new IntArrayList();
  final IntArrayList declLineEnd = new IntArrayList();
  /** Declaration d's effects are {@code effectIds[effectEnd[d-1], effectEnd[d])} (provisional effect ids). */
  final IntArrayList declEffectEnd = new IntArrayList();
  final IntArrayList effectIds = new IntArrayList();
  final DetailEntries declDetails = new DetailEntries();

  /**
   * Edges, by arrival index: source declaration, provisional type id, provisional target name id; and the edges
   * with lines (sites). In blocks that spill to {@link #spill}'s files past a quarter of its cap.
   */
  final EdgeBlocks edges;
  /** The build's temporary files and memory cap. */
  final SpillFiles spill;

  private final LongConsumer progress;

  /**
   * Creates an empty collector.
   *
   * @param expectedFiles the number of objects expected (a sizing hint)
   * @param progress receives the number of objects visited so far after each one
   */
  public ObjectCollector(long expectedFiles, LongConsumer progress) {
    this(expectedFiles, progress, null);
  }

  /**
   * Creates an empty collector whose edges spill to {@code spill}'s files past a quarter of its memory cap
   * ({@code null}: never spill, no cap).
   *
   * @param expectedFiles the number of objects expected (a sizing hint)
   * @param progress receives the number of objects visited so far after each one
   */
  public ObjectCollector(long expectedFiles, LongConsumer progress, SpillFiles spill) {
    this.spill = spill;
    this.edges = new EdgeBlocks(spill, spill == null ? Long.MAX_VALUE : spill.share(1, 4, 1024));
    int expected = (int) Math.min(Math.max(expectedFiles, 16), 1 << 24);
    // Half the cap for names (two tables of a quarter: one filling, one being written; bigger tables mean fewer runs
    // to merge), a quarter for the edge block: three quarters of the cap while collecting.
    this.nameRuns = spill == null || spill.maxMemory() == Long.MAX_VALUE ? null
        : new NameRuns(spill, spill.share(1, 2, 1024));
    this.names = newTable(expected * 8);
    this.progress = progress;
  }

  @Override
  public void visit(ObjectId id, FileSummary summary) throws IOException {
    int file = files.size();
    if (file == BuildLimits.MAX_FILES) {
      throw new BuildInputException("more than " + BuildLimits.MAX_FILES + " objects");
    }
    String path = summary.path();
    Utf8.length(path, "path of object " + id.hex());
    List<SymbolSummary> symbols = summary.symbols();
    List<EdgeSummary> objectEdges = summary.edges();
    checkRoom("declarations", declName.size(), symbols.size(), BuildLimits.MAX_DECLARATIONS);
    checkRoom("edges", edges.edgeCount(), objectEdges.size(), BuildLimits.MAX_EDGES);
    files.add(path, languages.intern(summary.language(), path), summary.sourceSha256(), id);
    int firstDecl = declName.size();
    for (SymbolSummary s : symbols) {
      declName.add(nameBase + names.intern(s.name(), path));
      declFile.add(file);
      declKind.add(kinds.intern(s.kind(), path));
      declLineStart.add(s.lineStart());
      declLineEnd.add(s.lineEnd());
      for (String effect : s.effects()) {
        effectIds.add(effects.intern(effect, path));
      }
      declEffectEnd.add(effectIds.size());
      declDetails.add(DetailEncoder.encode(s, path));
    }
    EdgeBlocks b = edges;
    for (EdgeSummary e : objectEdges) {
      if (e.lineCount() > 0) {
        checkRoom("edge lines", b.lineCount(), e.lineCount(), BuildLimits.MAX_EDGE_LINES);
        b.sitedEdge.add(b.source.size());
        for (int i = 0; i < e.lineCount(); i++) {
          b.siteLines.add(e.line(i));
        }
        b.sitedLineEnd.add(b.siteLines.size());
      }
      b.source.add(firstDecl + e.source());
      b.type.add(edgeTypes.intern(e.type(), path));
      b.target.add(nameBase + names.intern(e.target(), path));
    }
    b.endObject();
    if (nameRuns != null) {
      nameRuns.checkRoom(names.size(), path); // before any id past the limit is used: the build stops here
    }
    if (nameRuns != null && names.heapBytes() > nameRuns.tableShare()) {
      nameRuns.spill(names, declName.size());
      nameBase = nameRuns.nextBase();
      names = newTable(names.size());
    }
    progress.accept(files.size());
  }

  /** A table for about {@code expected} names, within the names' share of the cap if there is one. */
  private NameTable newTable(int expected) {
    int sized = nameRuns == null ? expected : (int) Math.min(expected, nameRuns.tableShare() / 64);
    return new NameTable("symbol or target name", sized);
  }

  private static void checkRoom(String what, long have, int adding, int max) {
    if ((long) have + adding > max) {
      throw new BuildInputException("too many " + what + ": " + ((long) have + adding) + " collected so far, more than "
          + max + " (BuildLimits)");
    }
  }

  /**
   * Ends the collection: trims the per-declaration and per-file columns to their sizes (their growth slack, up to a
   * third of them, is garbage from here on) and frees the name dictionary's hash table; if names spilled, spills the
   * last table too and merges the runs, which renumbers the declarations' and edges' names in name order. Nothing is
   * added afterwards.
   *
   * @throws IOException if the name runs cannot be written, merged or joined
   */
  void endCollection() throws IOException {
    for (IntArrayList column : new IntArrayList[] {declName, declFile, declKind, declLineStart, declLineEnd,
        declEffectEnd, effectIds}) {
      column.trim();
    }
    declDetails.trim();
    files.trim();
    if (nameRuns != null && nameRuns.spilled()) {
      if (names.size() > 0) {
        nameRuns.spill(names, declName.size());
      }
      names = null;
      collected = nameRuns.merge(declName.elements(), declName.size(), edges);
    } else {
      names.freeIndex();
      collected = names;
      names = null;
    }
  }

  /** Frees the declarations' effect columns: the effect bitmaps are built and nothing reads them again. */
  void releaseEffects() {
    effectIds.clear();
    effectIds.trim();
    declEffectEnd.clear();
    declEffectEnd.trim();
  }

  /** The number of objects visited. */
  public int fileCount() {
    return files.size();
  }

  /** The start of declaration {@code d}'s effects in {@link #effectIds}. */
  int effectStart(int d) {
    return d == 0 ? 0 : declEffectEnd.getInt(d - 1);
  }
}
