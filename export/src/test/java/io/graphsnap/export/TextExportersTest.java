package io.graphsnap.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** TSV and GraphML read back (by hand and by a real XML parser) give the snapshot's nodes and edges exactly. */
class TextExportersTest {
  @TempDir Path dir;

  @Test
  void tsvRoundTripUnescapesToTheSnapshot() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 4, 20, 20, 3))) {
      ExportResult result = new TsvExporter().export(g, Subgraph.whole(g), dir, ExportListener.NONE);
      assertEquals(g.edgeCount(), result.edges());
      List<String> edgeLines = Files.readAllLines(dir.resolve(TsvExporter.EDGES_FILE), StandardCharsets.UTF_8);
      assertEquals("# src\tdst\ttype", edgeLines.getFirst());
      List<String> expected = new ArrayList<>();
      for (int v = 0; v < g.nodeCount(); v++) {
        var c = g.out(v);
        for (int w = c.next(); w >= 0; w = c.next()) {
          expected.add(v + "\t" + w + "\t" + g.edgeTypes().get(c.type()));
        }
      }
      assertEquals(expected, edgeLines.subList(1, edgeLines.size()));

      List<String> nodeLines = Files.readAllLines(dir.resolve(TsvExporter.NODES_FILE), StandardCharsets.UTF_8);
      assertEquals(g.nodeCount() + 1, nodeLines.size());
      boolean sawEscape = false;
      for (int id = 0; id < g.nodeCount(); id++) {
        String[] f = nodeLines.get(id + 1).split("\t", -1);
        assertEquals(5, f.length, nodeLines.get(id + 1));
        assertEquals(id, Integer.parseInt(f[0]));
        assertEquals(g.name(id), unescape(f[1]));
        sawEscape |= f[1].contains("\\t");
        assertEquals(g.kind(id), f[2]);
        assertEquals(g.file(id) == null ? "" : g.file(id), f[3]);
        assertEquals(String.join(",", g.effects(id)), f[4]);
      }
      assertTrue(sawEscape, "the fixture has names with tabs");
    }
  }

  @Test
  void graphMlParsesWithTheSnapshotsNodesAndEdges() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 5, 20, 20, 3))) {
      new GraphMlExporter().export(g, Subgraph.whole(g), dir, ExportListener.NONE);
      Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
          .parse(dir.resolve(GraphMlExporter.FILE).toFile());
      NodeList nodes = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node");
      assertEquals(g.nodeCount(), nodes.getLength());
      for (int id = 0; id < g.nodeCount(); id++) {
        Element n = (Element) nodes.item(id);
        assertEquals("n" + id, n.getAttribute("id"));
        assertEquals(g.name(id), data(n, "label"));
        assertEquals(g.kind(id), data(n, "kind"));
        assertEquals(g.file(id), data(n, "file"));
        assertEquals(g.effects(id).isEmpty() ? null : String.join(",", g.effects(id)), data(n, "effects"));
      }
      NodeList edges = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge");
      assertEquals(g.edgeCount(), edges.getLength());
      int i = 0;
      for (int v = 0; v < g.nodeCount(); v++) {
        var c = g.out(v);
        for (int w = c.next(); w >= 0; w = c.next(), i++) {
          Element e = (Element) edges.item(i);
          assertEquals("n" + v, e.getAttribute("source"));
          assertEquals("n" + w, e.getAttribute("target"));
          assertEquals(g.edgeTypes().get(c.type()), data(e, "type"));
        }
      }
    }
  }

  @Test
  void xmlTextReplacesOnlyWhatXmlCannotCarry() {
    assertEquals("a<b>&\"c\"\té😀", XmlText.clean("a<b>&\"c\"\té😀"));
    assertEquals("a\uFFFDb\uFFFDc", XmlText.clean("a\u0001b\uFFFEc"));
  }

  @Test
  void dotQuotesLabels() {
    assertEquals("a\\\"b\\\\c\\nd", DotExporter.quote("a\"b\\c\nd"));
  }

  private static String data(Element owner, String key) {
    NodeList data = owner.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "data");
    for (int i = 0; i < data.getLength(); i++) {
      Element d = (Element) data.item(i);
      if (d.getAttribute("key").equals(key)) {
        return d.getTextContent();
      }
    }
    return null;
  }

  private static String unescape(String field) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char n = field.charAt(++i);
      b.append(switch (n) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> n;
      });
    }
    return b.toString();
  }
}
