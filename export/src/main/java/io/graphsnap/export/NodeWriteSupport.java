package io.graphsnap.export;

import java.util.Map;
import org.apache.parquet.io.api.Binary;

/** Writes {@link NodeRows}' current row as a {@link ParquetSchema#NODES} record. */
final class NodeWriteSupport extends RowWriteSupport<NodeRows> {
  NodeWriteSupport(Map<String, String> metadata) {
    super(ParquetSchema.NODES, metadata);
  }

  @Override
  public void write(NodeRows row) {
    out.startMessage();
    out.startField("id", 0);
    out.addInteger(row.id());
    out.endField("id", 0);
    out.startField("name", 1);
    out.addBinary(Binary.fromString(row.name()));
    out.endField("name", 1);
    out.startField("kind", 2);
    out.addBinary(Binary.fromString(row.kind()));
    out.endField("kind", 2);
    String file = row.file();
    if (file != null) {
      out.startField("file", 3);
      out.addBinary(Binary.fromString(file));
      out.endField("file", 3);
    }
    out.startField("effects", 4);
    out.startGroup();
    int n = row.effectCount();
    if (n > 0) {
      out.startField("list", 0);
      for (int i = 0; i < n; i++) {
        out.startGroup();
        out.startField("element", 0);
        out.addBinary(Binary.fromString(row.effect(i)));
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
    }
    out.endGroup();
    out.endField("effects", 4);
    out.endMessage();
  }
}
