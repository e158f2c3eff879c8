package io.graphsnap.cli;

import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A small hand-made graph built into a snapshot through the real builder, with answers worked out by hand:
 * <pre>
 * app.main -calls-> app.run -calls-> app.helper -calls-> lib.net.get (net), ext.unknown (external)
 *                           -calls-> lib.io.read (io), app.live (method)
 *                           -references-> app.Config
 * tests.t1 (test) -calls-> app.helper;   app.dead1 -calls-> app.dead2 (both methods, unreached)
 * lib.cycle.a -imports-> lib.cycle.b -imports-> lib.cycle.a;   lib.cycle.c -imports-> lib.cycle.c
 * </pre>
 */
final class AnalysisFixture {
  private AnalysisFixture() {}

  static SymbolSummary symbol(String name, String kind, String... effects) {
    return new SymbolSummary(name, kind, List.of(effects), 1, 1, null, List.of(), null);
  }

  static Path build(Path dir) throws IOException {
    return build(dir, io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED);
  }

  /** The fixture with the adjacency {@code layout}. */
  static Path build(Path dir, io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout) throws IOException {
    FileSummary app = new FileSummary("src/app.cov", "covenant", null,
        List.of(symbol("app.main", "main"), symbol("app.run", "fn"), symbol("app.helper", "fn"),
            symbol("app.live", "method"), symbol("app.dead1", "method"), symbol("app.dead2", "method"),
            symbol("app.Config", "data")),
        List.of(new EdgeSummary(0, "calls", "app.run"), new EdgeSummary(1, "calls", "app.helper"),
            new EdgeSummary(1, "calls", "lib.io.read"), new EdgeSummary(1, "calls", "app.live"),
            new EdgeSummary(1, "references", "app.Config"), new EdgeSummary(2, "calls", "lib.net.get"),
            new EdgeSummary(2, "calls", "ext.unknown"), new EdgeSummary(4, "calls", "app.dead2")));
    FileSummary lib = new FileSummary("src/lib.cov", "covenant", null,
        List.of(symbol("lib.io.read", "fn", "io"), symbol("lib.net.get", "fn", "net"), symbol("lib.cycle.a", "module"),
            symbol("lib.cycle.b", "module"), symbol("lib.cycle.c", "module")),
        List.of(new EdgeSummary(2, "imports", "lib.cycle.b"), new EdgeSummary(3, "imports", "lib.cycle.a"),
            new EdgeSummary(4, "imports", "lib.cycle.c")));
    FileSummary tests = new FileSummary("test/t.cov", "covenant", null, List.of(symbol("tests.t1", "test")),
        List.of(new EdgeSummary(0, "calls", "app.helper")));
    Path file = dir.resolve("fixture.gsnap");
    new SnapshotBuilder(io.graphsnap.builder.BuildOptions.defaults().withLayout(layout))
        .build(ObjectSource.of(List.of(app, lib, tests)), file);
    return file;
  }
}
