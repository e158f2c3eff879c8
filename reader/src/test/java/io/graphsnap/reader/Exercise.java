package io.graphsnap.reader;

import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.PeekableIntIterator;

/**
 * A fixed query sequence touching every public read path of a snapshot, returning a transcript of the
 * answers: used to compare threads and to drive damaged files through the whole reader.
 */
final class Exercise {
  private Exercise() {}

  static List<String> transcript(GraphSnapshot s) {
    List<String> out = new ArrayList<>();
    out.add(s.nodeCount() + " " + s.edgeCount() + " " + s.fileCount() + " " + s.formatVersion() + " " + s.byteSize()
        + " " + s.hasSites() + " " + s.sitesBytes());
    out.add(s.kinds() + " " + s.effectNames() + " " + s.edgeTypes() + " " + s.buildInfo() + " " + s.conflicts());
    for (int t = 0; t < s.edgeTypes().size(); t++) {
      out.add("type " + t + " " + s.edgeCount(t));
    }
    for (int f = 0; f < s.fileCount(); f++) {
      out.add("file " + s.filePath(f) + " " + s.fileLanguage(f) + " " + s.fileObjectId(f) + " "
          + java.util.Arrays.toString(s.fileSourceSha256(f)) + " " + s.fileSymbolCount(f) + " "
          + s.fileId(s.filePath(f)) + " " + java.util.Arrays.toString(s.fileSymbols(f)) + " "
          + java.util.Arrays.toString(s.enclosing(f, 3)));
    }
    EdgeCursor reuse = s.reverse().cursor();
    for (int v = 0; v < s.nodeCount(); v++) {
      String name = s.name(v);
      StringBuilder b = new StringBuilder();
      b.append(v).append(' ').append(name).append(' ').append(s.node(name)).append(' ').append(s.kind(v))
          .append(' ').append(s.kindId(v)).append(' ').append(s.file(v)).append(' ').append(s.fileId(v))
          .append(' ').append(s.lineStart(v)).append('-').append(s.lineEnd(v)).append(' ').append(s.isExternal(v))
          .append(s.isMerged(v)).append(' ').append(s.effects(v)).append(' ').append(s.details(v))
          .append(" out ").append(s.outDegree(v)).append(" in ").append(s.inDegree(v)).append(" prefix ")
          .append(s.withPrefix(name.isEmpty() ? "" : name.substring(0, 1)))
          .append(" search ").append(s.namesContaining(name.length() <= 4 ? name : name.substring(1, name.length() - 1)));
      append(b.append(" o:"), s.out(v));
      append(b.append(" i:"), s.in(v));
      append(b.append(" r:"), reuse.reset(v));
      for (int t = 0; t < s.edgeTypes().size(); t++) {
        append(b.append(" o").append(t).append(':'), s.out(v, t));
        append(b.append(" i").append(t).append(':'), s.in(v, t));
        b.append(" rel").append(s.byRelation(name, s.edgeTypes().get(t)));
      }
      CsrView f = s.forward();
      for (long i = f.offset(v); i < f.offset(v + 1); i++) {
        b.append(' ').append(f.neighbour(i)).append('/').append(f.type(i))
            .append(java.util.Arrays.toString(s.sites(v, f.type(i), f.neighbour(i))));
      }
      b.append(" sites ").append(java.util.Arrays.deepToString(s.outSites(v)));
      out.add(b.toString());
    }
    for (String kind : s.kinds()) {
      out.add("kind " + kind + " " + members(s.ofKind(kind).getIntIterator()));
    }
    for (String effect : s.effectNames()) {
      out.add("effect " + effect + " " + members(s.withEffect(effect).getIntIterator()));
    }
    org.roaringbitmap.buffer.MutableRoaringBitmap all = new org.roaringbitmap.buffer.MutableRoaringBitmap();
    all.add(0L, (long) s.nodeCount());
    out.add("scans " + s.namesMatching(all, (utf8, n) -> n % 2 == 0) + " " + s.filesMatching(0, s.fileCount(),
        (utf8, n) -> n > 0 && utf8[0] == 's') + " " + s.filesWithPrefix("src/") + " " + s.filesWithPrefix("")
        + " " + s.nodesOfFiles(0, s.fileCount()));
    for (int f = 0; f < s.fileCount(); f++) {
      out.add("nodes of file " + f + " " + s.nodesOfFiles(f, f + 1));
    }
    io.graphsnap.reader.query.QueryParser parser = new io.graphsnap.reader.query.QueryParser();
    for (String q : List.of("effect~:io", "kind:fn -file:src/ (in>1 OR out.calls<2)", "a OR *u?e* OR name:auth.*",
        "is:test lang:python", "calledby:auth.User calls:*.query meta:owner=team-a", "effect~:db in.calls=1")) {
      for (boolean memoise : new boolean[] {false, true}) { // the memo is shared by the threads that race here
        io.graphsnap.reader.query.QueryResult r = new io.graphsnap.reader.query.QueryEvaluator(s).memoise(memoise)
            .evaluate(parser.parse(q));
        out.add("query " + q + " " + r.nodes() + " " + r.warnings());
      }
    }
    out.add("miss " + s.node("no.such.node") + " " + s.node("") + " " + s.ofKind("?").isEmpty() + " " + s.withPrefix("")
        + " " + s.withPrefix("auth.") + " " + s.withPrefix("ü"));
    return out;
  }

  private static void append(StringBuilder b, EdgeCursor c) {
    for (int w = c.next(); w >= 0; w = c.next()) {
      b.append(w).append('/').append(c.type()).append(',');
    }
  }

  private static String members(PeekableIntIterator it) {
    StringBuilder b = new StringBuilder();
    while (it.hasNext()) {
      b.append(it.next()).append(',');
    }
    return b.toString();
  }
}
