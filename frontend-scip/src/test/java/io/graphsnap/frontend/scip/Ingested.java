package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.FileSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link ScipIngest} over bytes into a list, for tests. */
record Ingested(ScipReport report, List<FileSummary> summaries) {
  static Ingested of(byte[] index) throws IOException {
    return of(index, true, ScipLimits.DEFAULTS);
  }

  static Ingested of(byte[] index, boolean sizeKnown, ScipLimits limits) throws IOException {
    List<FileSummary> summaries = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(index);
    ScipReport report = new ScipIngest().limits(limits).run(in, sizeKnown ? index.length : -1, null, summaries::add);
    return new Ingested(report, summaries);
  }

  List<String> paths() {
    return summaries.stream().map(FileSummary::path).toList();
  }

  List<String> problems() {
    return report.problems().stream().map(ScipProblem::toString).toList();
  }

  FileSummary file(String path) {
    return summaries.stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("no " + path));
  }
}
