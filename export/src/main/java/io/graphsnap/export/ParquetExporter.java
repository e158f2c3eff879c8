package io.graphsnap.export;

import io.graphsnap.export.internal.AtomicFile;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes {@code nodes.parquet} and {@code edges.parquet} as {@link ParquetSchema} documents, with parquet-java
 * through {@link LocalOutputFile}: a {@link PlainParquetConfiguration} and {@link ZstdCodecFactory} keep every
 * Hadoop class out, so the CLI ships no Hadoop jar.
 *
 * <p>Pages are written as version-1 data pages with only the encodings every Parquet reader implements: dictionary
 * encoding (PLAIN_DICTIONARY) while a column's dictionary fits, then PLAIN. parquet-java's PARQUET_2_0 writer
 * falls back to DELTA_BYTE_ARRAY and DELTA_BINARY_PACKED in version-2 pages once a dictionary overflows (names
 * and ids of a million-node graph), which some readers refuse: Kuzu 0.11's COPY failed on such a file.
 *
 * <p>Memory is bounded by the row group size (default {@value #DEFAULT_ROW_GROUP_BYTES} bytes): rows stream from
 * the mapped snapshot into the writer, which holds at most one row group of encoded pages before flushing it.
 * Time O(N + E) plus compression. Immutable and thread-safe.
 */
public final class ParquetExporter implements Exporter {
  /** Default row group size: 64 MiB. */
  public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
  /** Default page size: 1 MiB. */
  public static final int DEFAULT_PAGE_BYTES = 1 << 20;

  private final long rowGroupBytes;
  private final int pageBytes;
  private final int zstdLevel;

  /** An exporter with the default row group and page sizes and zstd level 3. */
  public ParquetExporter() {
    this(DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES, ZstdCodecFactory.DEFAULT_LEVEL);
  }

  /**
   * An exporter with the given sizes and zstd level.
   *
   * @throws IllegalArgumentException if a size is below 1 KiB or the level is outside zstd's range
   */
  public ParquetExporter(long rowGroupBytes, int pageBytes, int zstdLevel) {
    if (rowGroupBytes < 1024 || pageBytes < 1024) {
      throw new IllegalArgumentException("row group and page sizes must be >= 1024 bytes: actual rowGroupBytes="
          + rowGroupBytes + ", pageBytes=" + pageBytes);
    }
    new ZstdCodecFactory(zstdLevel); // validates the level
    this.rowGroupBytes = rowGroupBytes;
    this.pageBytes = pageBytes;
    this.zstdLevel = zstdLevel;
  }

  @Override
  public ExportResult export(GraphSnapshot g, Subgraph s, Path directory, ExportListener listener) throws IOException {
    long nodes = s.nodeCount();
    long edges = s.edgeCountIfKnown();
    if (edges < 0) {
      long[] count = new long[1];
      GraphRows.forEachEdge(g, s, (src, dst, type) -> count[0]++, ExportListener.NONE);
      edges = count[0];
    }
    Map<String, String> metadata = Map.of(
        ParquetSchema.KEY_VERSION, ParquetSchema.VERSION,
        ParquetSchema.KEY_SNAPSHOT, String.valueOf(g.path().getFileName()),
        ParquetSchema.KEY_NODES, Long.toString(nodes),
        ParquetSchema.KEY_EDGES, Long.toString(edges));
    List<Path> files = new ArrayList<>(2);
    long bytes = 0;

    Path nodesFile = directory.resolve(ParquetSchema.NODES_FILE);
    try (AtomicFile file = new AtomicFile(nodesFile)) {
      long written = 0;
      try (ParquetWriter<NodeRows> writer = open(file.temp(), new NodeWriteSupport(metadata))) {
        NodeRows rows = new NodeRows(g, s);
        while (rows.next()) {
          writer.write(rows);
          if (++written % GraphRows.REPORT_EVERY == 0) {
            listener.progress("nodes", written, nodes);
          }
        }
      } catch (RuntimeException e) {
        throw new IOException("cannot write " + nodesFile + ": " + e, e);
      }
      listener.progress("nodes", written, nodes);
      file.commit();
    }
    files.add(nodesFile);
    bytes += Files.size(nodesFile);

    Path edgesFile = directory.resolve(ParquetSchema.EDGES_FILE);
    long edgeRows;
    try (AtomicFile file = new AtomicFile(edgesFile)) {
      try (ParquetWriter<EdgeWriteSupport.Edge> writer = open(file.temp(), new EdgeWriteSupport(g.edgeTypes(), metadata))) {
        EdgeWriteSupport.Edge row = new EdgeWriteSupport.Edge();
        long total = edges;
        edgeRows = GraphRows.forEachEdge(g, s, (src, dst, type) -> {
          row.source = src;
          row.target = dst;
          row.typeId = type;
          writer.write(row);
        }, (phase, done, t) -> listener.progress(phase, done, total));
      } catch (RuntimeException e) {
        throw new IOException("cannot write " + edgesFile + ": " + e, e);
      }
      file.commit();
    }
    files.add(edgesFile);
    bytes += Files.size(edgesFile);
    return new ExportResult(files, nodes, edgeRows, bytes);
  }

  private <T> ParquetWriter<T> open(Path path, WriteSupport<T> support) throws IOException {
    return new Builder<>(new LocalOutputFile(path), support)
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(new ZstdCodecFactory(zstdLevel))
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0) // v1 pages, no DELTA_*: every reader
        .withRowGroupSize(rowGroupBytes)
        .withPageSize(pageBytes)
        .withDictionaryEncoding(true)
        .build();
  }

  /** parquet-java's builder bound to one write support, reached only through its ParquetConfiguration path. */
  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final WriteSupport<T> support;

    Builder(OutputFile file, WriteSupport<T> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    @Deprecated
    protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      throw new UnsupportedOperationException("graphsnap writes Parquet without Hadoop: use a ParquetConfiguration");
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
