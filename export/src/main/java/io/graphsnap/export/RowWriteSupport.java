package io.graphsnap.export;

import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * A write support for one of the {@link ParquetSchema} messages that never touches Hadoop: only the
 * {@link ParquetConfiguration} entry point is implemented. Subclasses write one row per {@link #write} call from
 * a mutable row object the caller reuses (parquet-java consumes each row before {@code write} returns).
 * Used once, by one thread.
 */
abstract class RowWriteSupport<T> extends WriteSupport<T> {
  private final MessageType schema;
  private final Map<String, String> metadata;
  /** The consumer rows are written to, set by {@link #prepareForWrite}. */
  protected RecordConsumer out;

  RowWriteSupport(MessageType schema, Map<String, String> metadata) {
    this.schema = schema;
    this.metadata = Map.copyOf(metadata);
  }

  /** Never called: the writer is built with a {@link ParquetConfiguration}. Required by the abstract class. */
  @Override
  @Deprecated
  public final WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    throw new UnsupportedOperationException("graphsnap writes Parquet without Hadoop: use a ParquetConfiguration");
  }

  @Override
  public final WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public final void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public String getName() {
    return "graphsnap";
  }
}
