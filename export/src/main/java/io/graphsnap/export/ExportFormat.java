package io.graphsnap.export;

import java.util.Arrays;
import java.util.Locale;

/** The export formats, each with its default exporter and the files it writes. */
public enum ExportFormat {
  /** {@code nodes.parquet} and {@code edges.parquet}, zstd-compressed; schema in {@link ParquetSchema}. */
  PARQUET,
  /** {@code nodes.tsv} and {@code edges.tsv}; layout in {@link TsvExporter}. */
  TSV,
  /** {@code graph.graphml}; keys in {@link GraphMlExporter}. */
  GRAPHML,
  /** {@code graph.dot}, for a neighbourhood; layout in {@link DotExporter}. */
  DOT;

  /** The exporter with default settings. */
  public Exporter exporter() {
    return switch (this) {
      case PARQUET -> new ParquetExporter();
      case TSV -> new TsvExporter();
      case GRAPHML -> new GraphMlExporter();
      case DOT -> new DotExporter();
    };
  }

  /**
   * The format named {@code name}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the formats, if there is none of that name
   */
  public static ExportFormat parse(String name) {
    for (ExportFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format '" + name + "' (expected one of "
        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList() + ")");
  }
}
