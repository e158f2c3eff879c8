package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser's answer does not depend on the order of a line's fields. */
class JsonLineParserTest {
  private static final String SYMBOLS = "\"symbols\": [{\"name\": \"a\", \"kind\": \"fn\"}, {\"name\": \"b\", \"kind\": \"fn\"}]";
  private static final String EDGES = "\"edges\": [{\"from\": \"b\", \"type\": \"calls\", \"to\": \"x\", \"lines\": [9, 3, 9]},"
      + " {\"to\": \"a\", \"type\": \"calls\", \"from\": \"a\", \"line\": 2}]";

  private static FileSummary parse(String line) throws Exception {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return LooseObjectCodec.decode(
        assertInstanceOf(ParsedLine.Put.class, new JsonLineParser().parse(bytes, bytes.length)).file().objectBytes(), line);
  }

  @Test
  void edgesBeforeOrAfterTheSymbolsGiveTheSameSummary() throws Exception {
    FileSummary symbolsFirst = parse("{\"path\": \"p.cov\", " + SYMBOLS + ", " + EDGES + "}");
    FileSummary edgesFirst = parse("{" + EDGES + ", \"path\": \"p.cov\", " + SYMBOLS + "}");
    assertEquals(symbolsFirst.edges().size(), 2);
    assertEquals(symbolsFirst.edges().toString(), edgesFirst.edges().toString());
    assertEquals(1, symbolsFirst.edges().get(1).source(), "from b, the second symbol: " + symbolsFirst.edges());
    assertEquals("[3, 9]", java.util.Arrays.toString(symbolsFirst.edges().get(1).lines()));
  }

  @Test
  void anEdgeFromAnUnknownSymbolIsAnErrorInEitherOrder() {
    String edge = "\"edges\": [{\"from\": \"nobody\", \"type\": \"calls\", \"to\": \"x\"}]";
    for (String line : new String[] {"{\"path\": \"p.cov\", " + SYMBOLS + ", " + edge + "}",
        "{\"path\": \"p.cov\", " + edge + ", " + SYMBOLS + "}"}) {
      LineException e = assertThrows(LineException.class, () -> parse(line));
      assertTrue(e.getMessage().contains("edges[0].from \"nobody\" names no symbol of this line"), e.getMessage());
    }
  }
}
