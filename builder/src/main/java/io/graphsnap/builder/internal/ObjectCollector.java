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
 * Memory: 8 bytes per declaration (its lines, effects and details go to a temporary file,
 * {@link DeclarationStream}) and 4 per file beside the files' own columns; the distinct names up to half the cap,
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

  /**
   * Declarations, by arrival index: the two columns resolution reads (provisional name id, kind id); the rest of
   * each declaration (lines, effects, details) is in {@link #declarations}, on disk.
   */
  final IntArrayList declName = new IntArrayList();
  final IntArrayList declKind = new IntArrayList();
  /** Per file, by arrival index: the end of its declarations (they arrive file by file). */
  final IntArrayList fileDeclEnd = new IntArrayList();
  /** The declarations' lines, effects and details, in arrival order. */
  final DeclarationStream declarations;
  /** One symbol's effect ids while it is visited. */
  private final IntArrayList symbolEffects = new IntArrayList();

  /**
   * Edges, by arrival index: source declaration, provisional type id, provisional target name id; and the edges
   * with lines (sites). In blocks that spill to {@link #spill}'s files past a quarter of its cap.
   */
  final EdgeBlocks edges;
  /** The build's temporary files and memory cap. */
  final SpillFiles spill;

  private final LongConsumer progress;

  /**
   * Creates an empty collector whose declarations' attributes go to a file of {@code spill}, and whose names and
   * edges spill to its files past their shares of its memory cap (none with {@link Long#MAX_VALUE}).
   *
   * @param expectedFiles the number of objects expected (a sizing hint)
   * @param progress receives the number of objects visited so far after each one
   * @throws IOException if the declarations' file cannot be created
   */
  public ObjectCollector(long expectedFiles, LongConsumer progress, SpillFiles spill) throws IOException {
    this.spill = java.util.Objects.requireNonNull(spill, "spill");
    this.edges = new EdgeBlocks(spill, spill.share(1, 4, 1024));
    this.declarations = new DeclarationStream(spill);
    int expected = (int) Math.min(Math.max(expectedFiles, 16), 1 << 24);
    // Half the cap for names (two tables of a quarter: one filling, one being written; bigger tables mean fewer runs
    // to merge), a quarter for the edge block: three quarters of the cap while collecting.
    this.nameRuns = spill.maxMemory() == Long.MAX_VALUE ? null
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
      declKind.add(kinds.intern(s.kind(), path));
      symbolEffects.clear();
      for (String effect : s.effects()) {
        symbolEffects.add(effects.intern(effect, path));
      }
      declarations.add(s.lineStart(), s.lineEnd(), symbolEffects, 0, symbolEffects.size(),
          DetailEncoder.encode(s, path));
    }
    fileDeclEnd.add(declName.size());
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
   * third of them, is garbage from here on), closes the declarations' file and frees the name dictionary's hash table; if names spilled, spills the
   * last table too and merges the runs, which renumbers the declarations' and edges' names in name order. Nothing is
   * added afterwards.
   *
   * @throws IOException if the name runs cannot be written, merged or joined
   */
  void endCollection() throws IOException {
    for (IntArrayList column : new IntArrayList[] {declName, declKind, fileDeclEnd}) {
      column.trim();
    }
    declarations.finish();
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

  /** The number of objects visited. */
  public int fileCount() {
    return files.size();
  }

  /** The arrival index of the file that declared {@code d}. O(log files). */
  int fileOf(int d) {
    int[] ends = fileDeclEnd.elements();
    int lo = 0;
    int hi = fileDeclEnd.size() - 1;
    while (lo < hi) { // the first file whose declarations end after d
      int mid = (lo + hi) >>> 1;
      if (ends[mid] > d) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
