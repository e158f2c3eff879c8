package io.graphsnap.cli;

import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.format.snapshot.Conflict;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/** Prints what a snapshot build produced, and adapts build progress to the terminal {@link Progress} line. */
final class BuildSummary {
  private BuildSummary() {}

  /** A {@link BuildProgress} drawing {@code snapshot <phase>: done/total} on {@code progress}. */
  static BuildProgress progressOf(Progress progress) {
    return new BuildProgress() {
      private String phase = "";

      @Override
      public void phase(String name) {
        phase = name;
        progress.status("snapshot: " + name);
      }

      @Override
      public void advance(long done, long total) {
        progress.update("snapshot " + phase, done, total);
      }
    };
  }

  /** {@code n} and {@code noun}, plural unless {@code n} is 1: "1 file", "2 files", "1,024 files". */
  static String count(long n, String noun) {
    return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  /** Prints counts, edges by type, conflicts and time per phase. */
  static void print(PrintWriter out, BuildResult r) {
    out.printf("snapshot  %s%n", r.snapshotId());
    TerminalText.printf(out, "file      %s%n", r.path());
    out.printf("files     %,d%n", r.fileCount());
    out.printf("symbols   %,d nodes (%,d declared, %,d external = unresolved targets)%n",
        r.nodeCount(), r.nodeCount() - r.externalNodeCount(), r.externalNodeCount());
    out.printf("edges     %,d%n", r.edgeCount());
    for (Map.Entry<String, Long> e : r.edgesByType().entrySet()) {
      TerminalText.printf(out, "  %-14s %,12d%n", e.getKey(), e.getValue());
    }
    out.printf("bytes     %,d (%.1f bytes/edge)%n", r.bytes(), r.edgeCount() == 0 ? 0.0 : (double) r.bytes() / r.edgeCount());
    if (!r.conflicts().isEmpty()) {
      out.printf("conflicts %d (a name declared by two files; the path that sorts first is kept):%n", r.conflicts().size());
      int shown = 0;
      for (Conflict c : r.conflicts()) {
        if (shown++ == 20) {
          out.printf("  ... %d more (graphsnap info lists them all)%n", r.conflicts().size() - 20);
          break;
        }
        TerminalText.printf(out, "  %s: kept %s, dropped %s%n", c.name(), c.keptPath(), c.droppedPath());
      }
    }
    StringBuilder phases = new StringBuilder();
    for (Map.Entry<String, Duration> e : r.phaseDurations().entrySet()) {
      phases.append(phases.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().toMillis()).append(" ms");
    }
    out.printf("snapshot phases: %s%n", phases);
    out.flush();
  }
}
