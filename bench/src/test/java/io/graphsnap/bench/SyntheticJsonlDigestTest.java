package io.graphsnap.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes {@link SyntheticJsonl} writes: the published measurements and the stored inputs of other
 * benchmarks depend on them, so a change that alters one byte of the output (a different draw order, escaping,
 * edge order or number format) must fail here. If the change is intended, update the digest and say so.
 *
 * <p>The digest was taken from the first generator, which wrote each {@link SyntheticGraph#file(int)} through
 * Jackson; that writer is kept here as the reference ({@link #writeWithJackson}), so the summaries other benchmarks
 * read and the bytes {@code SyntheticJsonl} writes are held to the same pin.
 */
class SyntheticJsonlDigestTest {
  /** {@code SyntheticJsonl --files 2000 --seed 42 - | sha256sum}, as written by the Jackson-based generator. */
  private static final String FILES_2000_SEED_42 = "a09396745ee55ef058cd445159bcdc53d09380c1361f14418c1e504522f68498";

  private static final JsonFactory JSON = new JsonFactory();

  @Test
  void twoThousandFilesWithSeed42HaveTheirPinnedDigest() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      SyntheticJsonl.write(SyntheticGraph.ofFiles(2000, 42), out);
    }
    assertEquals(FILES_2000_SEED_42, HexFormat.of().formatHex(sha.digest()));
  }

  @Test
  void theSummariesWrittenByJacksonHaveTheSamePinnedDigest() throws Exception {
    SyntheticGraph graph = SyntheticGraph.ofFiles(2000, 42);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      for (int i = 0; i < graph.fileCount(); i++) {
        writeWithJackson(graph.file(i), out);
      }
    }
    assertEquals(FILES_2000_SEED_42, HexFormat.of().formatHex(sha.digest()));
  }

  @Test
  void everyLineIsWhatJacksonWritesForTheFileSummary() throws Exception {
    for (long seed : new long[] {SyntheticGraph.DEFAULT_SEED, 1, 99}) {
      SyntheticGraph graph = SyntheticGraph.of(Scale.TINY, seed);
      ByteArrayOutputStream fast = new ByteArrayOutputStream();
      SyntheticJsonl.write(graph, fast);
      ByteArrayOutputStream reference = new ByteArrayOutputStream();
      for (int i = 0; i < graph.fileCount(); i++) {
        writeWithJackson(graph.file(i), reference);
      }
      assertArrayEquals(reference.toByteArray(), fast.toByteArray(), "seed " + seed);
    }
  }

  @Test
  void shardsConcatenateToTheSingleFile() throws Exception {
    SyntheticGraph graph = SyntheticGraph.ofFiles(500, 5);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    SyntheticJsonl.write(graph, whole);
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    SyntheticJsonl.write(graph, 0, 123, pieces);
    SyntheticJsonl.write(graph, 123, 500, pieces);
    assertArrayEquals(whole.toByteArray(), pieces.toByteArray());
  }

  /** The first generator's line writer: one {@link FileSummary} as compact JSON through Jackson, then a newline. */
  static void writeWithJackson(FileSummary file, OutputStream out) throws IOException {
    OutputStream unclosed = new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
    try (JsonGenerator g = JSON.createGenerator(unclosed, JsonEncoding.UTF8)) {
      g.setRootValueSeparator(null);
      g.writeStartObject();
      g.writeStringField("path", file.path());
      g.writeStringField("language", file.language());
      g.writeArrayFieldStart("symbols");
      for (SymbolSummary s : file.symbols()) {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("kind", s.kind());
        if (!s.effects().isEmpty()) {
          g.writeArrayFieldStart("effects");
          for (String e : s.effects()) {
            g.writeString(e);
          }
          g.writeEndArray();
        }
        g.writeArrayFieldStart("lines");
        g.writeNumber(s.lineStart());
        g.writeNumber(s.lineEnd());
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("edges");
      for (EdgeSummary e : file.edges()) {
        g.writeStartObject();
        g.writeStringField("from", file.symbols().get(e.source()).name());
        g.writeStringField("type", e.type());
        g.writeStringField("to", e.target());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }
}
