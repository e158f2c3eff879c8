package io.graphsnap.builder;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: says which sections of two snapshot files differ, and dumps small graphs, for failure messages. */
final class SnapshotDiffer {
  private SnapshotDiffer() {}

  static String describe(Path expected, Path actual) {
    StringBuilder out = new StringBuilder();
    try {
      MemorySegment a = MemorySegment.ofArray(Files.readAllBytes(expected));
      MemorySegment b = MemorySegment.ofArray(Files.readAllBytes(actual));
      SnapshotHeader ha = SnapshotHeader.decode(a, expected.toString());
      SnapshotHeader hb = SnapshotHeader.decode(b, actual.toString());
      for (SectionId id : SectionId.values()) {
        SectionEntry ea = ha.entry(id);
        SectionEntry eb = hb.entry(id);
        long mismatch = MemorySegment.mismatch(a, ea.offset(), ea.offset() + ea.length(), b, eb.offset(),
            eb.offset() + eb.length());
        if (mismatch >= 0) {
          out.append("section ").append(id).append(" differs at byte ").append(mismatch).append(" (lengths ")
              .append(ea.length()).append(" vs ").append(eb.length()).append(")\n");
        }
      }
      out.append("--- expected\n").append(dump(expected)).append("--- actual\n").append(dump(actual));
    } catch (IOException | RuntimeException e) {
      out.append("(cannot compare: ").append(e).append(")");
    }
    return out.toString();
  }

  private static String dump(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      if (g.nodeCount() > 300) {
        return "(" + g.nodeCount() + " nodes)\n";
      }
      out.append("kinds ").append(g.kinds()).append(" effects ").append(g.effectNames()).append(" types ")
          .append(g.edgeTypes()).append(" conflicts ").append(g.conflicts()).append('\n');
      for (int f = 0; f < g.fileCount(); f++) {
        out.append("file ").append(f).append(' ').append(g.filePath(f)).append(" lang=").append(g.fileLanguage(f))
            .append(" symbols=").append(g.fileSymbolCount(f)).append('\n');
      }
      for (int v = 0; v < g.nodeCount(); v++) {
        out.append(v).append(' ').append(g.name(v)).append(" kind=").append(g.kind(v)).append(" file=")
            .append(g.fileId(v)).append(" lines=").append(g.lineStart(v)).append('-').append(g.lineEnd(v))
            .append(" ext=").append(g.isExternal(v)).append(" merged=").append(g.isMerged(v)).append(" effects=")
            .append(g.effects(v)).append(" out=[");
        EdgeCursor c = g.out(v);
        for (int t = c.next(); t >= 0; t = c.next()) {
          out.append(g.edgeTypes().get(c.type())).append(':').append(t).append(' ');
        }
        out.append("] in=[");
        c = g.in(v);
        for (int s = c.next(); s >= 0; s = c.next()) {
          out.append(g.edgeTypes().get(c.type())).append(':').append(s).append(' ');
        }
        out.append("] details=").append(g.details(v)).append('\n');
      }
    }
    return out.toString();
  }
}
