package io.graphsnap.export;

import io.graphsnap.export.internal.AtomicFile;
import io.graphsnap.reader.GraphSnapshot;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code graph.graphml}, a directed GraphML document for Gephi, NetworkX ({@code read_graphml}) and
 * yEd, streamed with an {@link XMLStreamWriter}: memory O(1) in the graph's size.
 *
 * <pre>
 * graphml
 *   key label   (node, string)  the fully qualified name
 *   key kind    (node, string)
 *   key file    (node, string)  absent for external nodes
 *   key effects (node, string)  sorted, comma-separated; absent when none
 *   key type    (edge, string)  the edge type
 *   graph edgedefault="directed"
 *     node id="n&lt;snapshot id&gt;" ...   in increasing id
 *     edge source="n&lt;id&gt;" target="n&lt;id&gt;" ...   in (source, type, target) order
 * </pre>
 * Two nodes joined by edges of several types get parallel edges (NetworkX then returns a {@code MultiDiGraph}).
 * Characters XML 1.0 cannot carry are written as U+FFFD. Immutable and thread-safe.
 */
public final class GraphMlExporter implements Exporter {
  /** The file's name. */
  public static final String FILE = "graph.graphml";
  private static final String NS = "http://graphml.graphdrawing.org/xmlns";

  @Override
  public ExportResult export(GraphSnapshot g, Subgraph s, Path directory, ExportListener listener) throws IOException {
    Path target = directory.resolve(FILE);
    long nodes = 0;
    long edges;
    try (AtomicFile file = new AtomicFile(target)) {
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file.temp()), 1 << 20)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("graphml");
        xml.writeDefaultNamespace(NS);
        xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        xml.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
            NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        xml.writeCharacters("\n");
        key(xml, "label", "node");
        key(xml, "kind", "node");
        key(xml, "file", "node");
        key(xml, "effects", "node");
        key(xml, "type", "edge");
        xml.writeStartElement("graph");
        xml.writeAttribute("id", "G");
        xml.writeAttribute("edgedefault", "directed");
        xml.writeCharacters("\n");

        long total = s.nodeCount();
        for (NodeRows r = new NodeRows(g, s); r.next(); ) {
          xml.writeStartElement("node");
          xml.writeAttribute("id", "n" + r.id());
          data(xml, "label", r.name());
          data(xml, "kind", r.kind());
          String path = r.file();
          if (path != null) {
            data(xml, "file", path);
          }
          if (r.effectCount() > 0) {
            data(xml, "effects", r.effectsJoined(','));
          }
          xml.writeEndElement();
          xml.writeCharacters("\n");
          if (++nodes % GraphRows.REPORT_EVERY == 0) {
            listener.progress("nodes", nodes, total);
          }
        }
        listener.progress("nodes", nodes, total);

        List<String> types = g.edgeTypes();
        String[] typeText = types.stream().map(XmlText::clean).toArray(String[]::new);
        edges = GraphRows.forEachEdge(g, s, (src, dst, type) -> {
          try {
            xml.writeStartElement("edge");
            xml.writeAttribute("source", "n" + src);
            xml.writeAttribute("target", "n" + dst);
            xml.writeStartElement("data");
            xml.writeAttribute("key", "type");
            xml.writeCharacters(typeText[type]);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
          } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
          }
        }, listener);
        xml.writeEndElement(); // graph
        xml.writeCharacters("\n");
        xml.writeEndElement(); // graphml
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
      } catch (XMLStreamException e) {
        throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
      }
      file.commit();
    }
    return new ExportResult(List.of(target), nodes, edges, Files.size(target));
  }

  private static void key(XMLStreamWriter xml, String name, String domain) throws XMLStreamException {
    xml.writeEmptyElement("key");
    xml.writeAttribute("id", name);
    xml.writeAttribute("for", domain);
    xml.writeAttribute("attr.name", name);
    xml.writeAttribute("attr.type", "string");
    xml.writeCharacters("\n");
  }

  private static void data(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
    xml.writeStartElement("data");
    xml.writeAttribute("key", key);
    xml.writeCharacters(XmlText.clean(value));
    xml.writeEndElement();
  }
}
