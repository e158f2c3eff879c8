package io.graphsnap.export;

import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/** Writes one {@link ParquetSchema#EDGES} record per {@link Edge}; edge type names are encoded once. */
final class EdgeWriteSupport extends RowWriteSupport<EdgeWriteSupport.Edge> {
  /** A reusable edge row. */
  static final class Edge {
    int source;
    int target;
    int typeId;
  }

  private final Binary[] typeNames;

  EdgeWriteSupport(List<String> edgeTypes, Map<String, String> metadata) {
    super(ParquetSchema.EDGES, metadata);
    this.typeNames = new Binary[edgeTypes.size()];
    for (int t = 0; t < typeNames.length; t++) {
      typeNames[t] = Binary.fromConstantByteArray(edgeTypes.get(t).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void write(Edge e) {
    out.startMessage();
    out.startField("src", 0);
    out.addInteger(e.source);
    out.endField("src", 0);
    out.startField("dst", 1);
    out.addInteger(e.target);
    out.endField("dst", 1);
    out.startField("type", 2);
    out.addBinary(typeNames[e.typeId]);
    out.endField("type", 2);
    out.endMessage();
  }
}
