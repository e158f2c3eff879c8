package io.graphsnap.bench.harness;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.export.ExportListener;
import io.graphsnap.export.ParquetExporter;
import io.graphsnap.export.Subgraph;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Parquet files DuckDB and Kuzu load: the run's graph built into a snapshot and exported by graphsnap's own
 * {@link ParquetExporter} (what {@code graphsnap export --format parquet} writes) into {@link Workload#parquetDir()};
 * the snapshot is deleted afterwards. Done once per run, before the systems, untimed. Stateless.
 */
final class ParquetInput {
  private ParquetInput() {}

  static void write(Workload workload) throws IOException {
    Path snapshot = workload.dir().resolve("parquet-source.gsnap");
    try {
      new SnapshotBuilder().build(SyntheticGraph.ofFiles(workload.files(), workload.seed()), snapshot);
      try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
        new ParquetExporter().export(g, Subgraph.whole(g), workload.parquetDir(), ExportListener.NONE);
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("exporting the graph to Parquet failed: " + e, e);
    } finally {
      Files.deleteIfExists(snapshot);
    }
  }
}
