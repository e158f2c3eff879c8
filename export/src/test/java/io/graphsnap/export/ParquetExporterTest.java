package io.graphsnap.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExporterTest {
  @TempDir Path dir;

  @Test
  void roundTripGivesExactlyTheSnapshotsNodesAndEdges() throws IOException {
    Path snapshot = TestGraphs.build(dir, 1, 40, 25, 3);
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      // Tiny row groups and pages: the writer must flush many row groups and the file must still read back.
      ExportResult result = new ParquetExporter(16 << 10, 4 << 10, 3).export(g, Subgraph.whole(g), dir.resolve("out"),
          ExportListener.NONE);
      assertEquals(g.nodeCount(), result.nodes());
      assertEquals(g.edgeCount(), result.edges());

      Path nodesFile = dir.resolve("out").resolve(ParquetSchema.NODES_FILE);
      List<Group> nodes = readAll(nodesFile);
      assertEquals(g.nodeCount(), nodes.size());
      for (int id = 0; id < g.nodeCount(); id++) {
        Group row = nodes.get(id);
        assertEquals(id, row.getInteger("id", 0));
        assertEquals(g.name(id), row.getString("name", 0));
        assertEquals(g.kind(id), row.getString("kind", 0));
        String file = g.file(id);
        assertEquals(file == null ? 0 : 1, row.getFieldRepetitionCount("file"));
        if (file != null) {
          assertEquals(file, row.getString("file", 0));
        }
        Group effects = row.getGroup("effects", 0);
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < effects.getFieldRepetitionCount("list"); i++) {
          actual.add(effects.getGroup("list", i).getString("element", 0));
        }
        assertEquals(g.effects(id), actual, "effects of " + g.name(id));
      }

      List<Group> edges = readAll(dir.resolve("out").resolve(ParquetSchema.EDGES_FILE));
      assertEquals(g.edgeCount(), edges.size());
      int i = 0;
      List<String> types = g.edgeTypes();
      for (int v = 0; v < g.nodeCount(); v++) {
        var c = g.out(v);
        for (int w = c.next(); w >= 0; w = c.next(), i++) {
          Group row = edges.get(i);
          assertEquals(v, row.getInteger("src", 0));
          assertEquals(w, row.getInteger("dst", 0));
          assertEquals(types.get(c.type()), row.getString("type", 0));
        }
      }
      assertEquals(edges.size(), i);
    }
  }

  @Test
  void filesAreZstdInSeveralRowGroupsWithTheFooterMetadata() throws IOException {
    Path snapshot = TestGraphs.build(dir, 2, 40, 25, 3);
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      new ParquetExporter(4 << 10, 1 << 10, 3).export(g, Subgraph.whole(g), dir, ExportListener.NONE);
      try (ParquetFileReader reader = open(dir.resolve(ParquetSchema.EDGES_FILE))) {
        assertEquals(ParquetSchema.EDGES, reader.getFileMetaData().getSchema());
        var kv = reader.getFileMetaData().getKeyValueMetaData();
        assertEquals(ParquetSchema.VERSION, kv.get(ParquetSchema.KEY_VERSION));
        assertEquals("graph.gsnap", kv.get(ParquetSchema.KEY_SNAPSHOT));
        assertEquals(Long.toString(g.nodeCount()), kv.get(ParquetSchema.KEY_NODES));
        assertEquals(Long.toString(g.edgeCount()), kv.get(ParquetSchema.KEY_EDGES));
        assertTrue(reader.getRowGroups().size() > 1, "row groups: " + reader.getRowGroups().size());
        for (BlockMetaData block : reader.getRowGroups()) {
          for (ColumnChunkMetaData column : block.getColumns()) {
            assertEquals(CompressionCodecName.ZSTD, column.getCodec(), column.getPath().toString());
          }
        }
      }
      try (ParquetFileReader reader = open(dir.resolve(ParquetSchema.NODES_FILE))) {
        assertEquals(ParquetSchema.NODES, reader.getFileMetaData().getSchema());
      }
      try (var files = Files.list(dir)) {
        assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
      }
    }
  }

  @Test
  void neighbourhoodKeepsSnapshotIdsAndOnlyInnerEdges() throws IOException {
    Path snapshot = TestGraphs.build(dir, 3, 20, 20, 2);
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      int centre = g.node(TestGraphs.name(42));
      Subgraph s = Subgraph.around(g, centre, 1, Neighbourhood.BOTH, List.of(), 1000);
      ExportResult result = new ParquetExporter().export(g, s, dir, ExportListener.NONE);
      List<Group> nodes = readAll(dir.resolve(ParquetSchema.NODES_FILE));
      assertEquals(s.nodeCount(), nodes.size());
      for (Group n : nodes) {
        assertTrue(s.containsNode(n.getInteger("id", 0)));
      }
      List<Group> edges = readAll(dir.resolve(ParquetSchema.EDGES_FILE));
      assertEquals(result.edges(), edges.size());
      for (Group e : edges) {
        assertTrue(s.containsNode(e.getInteger("src", 0)) && s.containsNode(e.getInteger("dst", 0)));
      }
      try (ParquetFileReader reader = open(dir.resolve(ParquetSchema.NODES_FILE))) {
        assertEquals(Long.toString(edges.size()), reader.getFileMetaData().getKeyValueMetaData().get(ParquetSchema.KEY_EDGES));
      }
    }
  }

  @Test
  void pagesUseOnlyTheEncodingsEveryReaderImplementsEvenWhenDictionariesOverflow() throws IOException {
    // 120,000 distinct names: more than the 1 MiB a dictionary page holds, so the name column falls back to PLAIN
    Path snapshot = TestGraphs.build(dir, 2, 3_000, 40, 2);
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      new ParquetExporter().export(g, Subgraph.whole(g), dir.resolve("out"), ExportListener.NONE);
    }
    Set<Encoding> portable = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);
    boolean sawFallback = false;
    for (String name : List.of(ParquetSchema.NODES_FILE, ParquetSchema.EDGES_FILE)) {
      Path file = dir.resolve("out").resolve(name);
      try (ParquetFileReader reader = open(file)) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData column : block.getColumns()) {
            assertTrue(portable.containsAll(column.getEncodings()), name + " " + column.getPath() + ": " + column.getEncodings());
            sawFallback |= column.getPath().toDotString().equals("name")
                && column.getEncodings().contains(Encoding.PLAIN);
          }
        }
        var schema = reader.getFileMetaData().getSchema();
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
          for (var column : schema.getColumns()) {
            var page = pages.getPageReader(column).readPage();
            assertTrue(page instanceof DataPageV1, name + " " + column + ": " + page);
          }
        }
      }
    }
    assertTrue(sawFallback, "the name column's dictionary was expected to overflow into PLAIN pages");
  }

  static ParquetFileReader open(Path file) throws IOException {
    ParquetReadOptions options = new ParquetReadOptions.Builder(new PlainParquetConfiguration())
        .withCodecFactory(new ZstdCodecFactory()).build();
    return ParquetFileReader.open(new LocalInputFile(file), options);
  }

  static List<Group> readAll(Path file) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (ParquetFileReader reader = open(file)) {
      var schema = reader.getFileMetaData().getSchema();
      var columnIo = new ColumnIOFactory().getColumnIO(schema);
      for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
        RecordReader<Group> records = columnIo.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long r = 0; r < pages.getRowCount(); r++) {
          rows.add(records.read());
        }
      }
    }
    return rows;
  }
}
