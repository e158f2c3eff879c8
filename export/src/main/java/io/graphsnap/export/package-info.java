/**
 * Exports a snapshot for the tools users already run: Parquet for Spark and DuckDB ({@link
 * io.graphsnap.export.ParquetExporter}, schema in {@link io.graphsnap.export.ParquetSchema}), TSV for NetworkX and
 * igraph, GraphML for Gephi, DOT for one neighbourhood.
 *
 * <p>Life cycle: open a {@link io.graphsnap.reader.GraphSnapshot}; choose a {@link io.graphsnap.export.Subgraph}
 * ({@code whole(g)} or {@code around(g, centre, depth, direction, types, maxNodes)}); call
 * {@code ExportFormat.X.exporter().export(g, subgraph, dir, listener)}, which streams rows from the mapped file into
 * temporary files and renames each into place when complete; close the snapshot. Memory stays bounded by one
 * Parquet row group (or a write buffer), whatever the graph's size. {@link io.graphsnap.export.WeakComponents}
 * gives the in-process reference for the Spark connected-components job.
 */
package io.graphsnap.export;
