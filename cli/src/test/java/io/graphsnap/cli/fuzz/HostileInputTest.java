package io.graphsnap.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Path and resource safety of ingest: every {@link HostileLines hostile line} is rejected with the expected
 * reason, indexes nothing, writes no object and nothing outside the store; and the line after it is still
 * ingested.
 */
class HostileInputTest {
  @TempDir Path dir;

  static final List<HostileLines.Case> CASES = HostileLines.CASES;

  @ParameterizedTest(name = "{0}")
  @FieldSource("CASES")
  void hostileLineIsRejectedAndNothingEscapes(HostileLines.Case hostile) throws Exception {
    Path storeDir = dir.resolve("store");
    byte[] good = "{\"path\": \"ok.cov\", \"symbols\": [{\"name\": \"ok\", \"kind\": \"fn\"}]}\n".getBytes();
    byte[] input = new byte[hostile.bytes().length + 1 + good.length];
    System.arraycopy(hostile.bytes(), 0, input, 0, hostile.bytes().length);
    input[hostile.bytes().length] = '\n';
    System.arraycopy(good, 0, input, hostile.bytes().length + 1, good.length);
    try (Store store = Store.open(storeDir, true)) {
      IngestReport report = new JsonLinesIngester(store).ingest(new ByteArrayInputStream(input), input.length);
      assertEquals(1, report.errorCount(), () -> report.errors().toString());
      assertEquals(1, report.errors().getFirst().lineNumber());
      String message = report.errors().getFirst().message();
      assertTrue(message.toLowerCase(Locale.ROOT).contains(hostile.expectedError().toLowerCase(Locale.ROOT)),
          () -> "expected \"" + hostile.expectedError() + "\" in: " + message);
      assertEquals(List.of("ok.cov"), store.currentFiles().stream().map(e -> e.path()).toList());
      assertEquals(1, store.objects().list().size(), "only the good line's object is stored");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(storeDir), entries.toList(), "nothing written next to the store");
    }
    assertTrue(Files.notExists(Path.of("/tmp/graphsnap-escape.cov")));
  }
}
