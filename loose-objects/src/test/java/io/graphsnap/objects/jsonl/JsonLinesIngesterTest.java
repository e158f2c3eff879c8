package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesIngesterTest {
  private static final String SOURCE_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String LOGIN_HASH = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  /** A small realistic input covering every field of docs/DESIGN.md §4. */
  static final String EXAMPLE = String.join("\n",
      "{\"path\": \"src/auth.cov\", \"language\": \"covenant\", \"sha256\": \"" + SOURCE_SHA + "\","
          + " \"symbols\": [{\"name\": \"auth\", \"kind\": \"module\", \"lines\": [1, 40]},"
          + " {\"name\": \"auth.login\", \"kind\": \"fn\", \"effects\": [\"net\", \"db\"], \"lines\": [3, 20],"
          + " \"hash\": \"" + LOGIN_HASH + "\", \"notes\": [{\"lang\": \"en\", \"text\": \"Checks a password.\"}],"
          + " \"metadata\": {\"owner\": \"team-a\", \"since\": \"1.2\"}},"
          + " {\"name\": \"auth.User\", \"kind\": \"struct\", \"lines\": [22, 30]}],"
          + " \"edges\": [{\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"db.query\"},"
          + " {\"from\": \"auth.login\", \"type\": \"references\", \"to\": \"auth.User\"},"
          + " {\"from\": \"auth\", \"type\": \"contains\", \"to\": \"auth.login\"}]}",
      "{\"path\": \"src/db.cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": \"db\", \"kind\": \"module\"},"
          + " {\"name\": \"db.query\", \"kind\": \"fn\", \"effects\": [\"db\", \"io\"], \"lines\": [5, 9]}],"
          + " \"edges\": [{\"from\": \"db\", \"type\": \"contains\", \"to\": \"db.query\"}]}",
      "{\"path\": \"./test//auth_test.cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": \"auth_test.login_ok\","
          + " \"kind\": \"test\", \"lines\": [1, 8], \"metadata\": {\"covers\": \"R-12\"}}],"
          + " \"edges\": [{\"from\": \"auth_test.login_ok\", \"type\": \"tests\", \"to\": \"auth.login\"},"
          + " {\"from\": \"auth_test.login_ok\", \"type\": \"covers\", \"to\": \"R-12\"}]}",
      "{\"path\": \"docs/requirements.md\", \"language\": \"markdown\", \"symbols\": [{\"name\": \"R-12\","
          + " \"kind\": \"requirement\", \"notes\": [{\"lang\": \"en\", \"text\": \"Users log in with a password.\"}]}]}",
      "");

  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() throws Exception {
    store = Store.open(dir.resolve(".graphsnap"), true);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private IngestReport ingest(String text) throws Exception {
    return ingest(text, false);
  }

  private IngestReport ingest(String text, boolean replaceAll) throws Exception {
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    Files.writeString(file, text);
    return new JsonLinesIngester(store).replaceAll(replaceAll).ingest(file);
  }

  private List<String> paths() {
    return store.currentFiles().stream().map(FileEntry::path).toList();
  }

  private FileSummary stored(String path) throws Exception {
    return store.objects().read(store.index().file(path).objectId());
  }

  /** A line of {@code symbols} symbols with names of about {@code nameLength} bytes, about {@code path}. */
  private static String lineOf(String path, int symbols, int nameLength) {
    StringBuilder out = new StringBuilder("{\"path\": \"").append(path).append("\", \"symbols\": [");
    for (int i = 0; i < symbols; i++) {
      out.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(path.charAt(0)).append(i).append('.')
          .append("n".repeat(nameLength)).append("\", \"kind\": \"fn\"}");
    }
    return out.append("], \"edges\": [{\"from\": \"").append(path.charAt(0)).append("0.")
        .append("n".repeat(nameLength)).append("\", \"type\": \"calls\", \"to\": \"t\"}]}").toString();
  }

  /**
   * Each worker parses its lines in one reused buffer: lines shorter than one before them, longer than the buffer (it
   * grows) and longer than the largest buffer kept (an array of their own) are each stored as parsed alone.
   */
  @Test
  void linesOfVeryDifferentLengthsAreEachStoredAsParsedAlone() throws Exception {
    List<String> lines = List.of(lineOf("a.cov", 3, 10), lineOf("b.cov", 400, 400), lineOf("c.cov", 2, 5),
        lineOf("d.cov", 1_500, 1_000), lineOf("e.cov", 1, 1), lineOf("f.cov", 300, 300), lineOf("g.cov", 2, 3));
    for (int threads : new int[] {1, 2}) {
      Path file = Files.createTempFile(dir, "input", ".jsonl");
      Files.writeString(file, String.join("\n", lines) + "\n");
      IngestReport report = new JsonLinesIngester(store).threads(threads).ingest(file);
      assertEquals(List.of(), report.errors());
      for (String line : lines) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        FileSummary alone = LooseObjectCodec.decode(
            ((ParsedLine.Put) new JsonLineParser().parse(bytes, bytes.length)).file().objectBytes(), line);
        assertEquals(alone, stored(alone.path()), alone.path() + " with " + threads + " threads");
      }
    }
    assertTrue(lineOf("d.cov", 1_500, 1_000).length() > 1 << 20, "a line longer than the largest buffer kept");
  }

  /** A stop request (Ctrl-C) after line 2: lines 1-2 are stored whole, the rest is not read; a rerun stores the rest. */
  @Test
  void aStopRequestKeepsTheLinesReadSoFar() throws Exception {
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    Files.writeString(file, EXAMPLE);
    int[] lines = {0};
    IngestReport stopped = new JsonLinesIngester(store).progress((line, read, total) -> lines[0]++)
        .stopWhen(() -> lines[0] >= 2).ingest(file);
    assertTrue(stopped.interrupted());
    assertEquals(2, stopped.linesRead());
    assertEquals(2, stopped.added());
    assertEquals(List.of("src/auth.cov", "src/db.cov"), paths());
    IngestReport rerun = new JsonLinesIngester(store).ingest(file);
    assertFalse(rerun.interrupted());
    assertEquals(2, rerun.unchanged());
    assertEquals(2, rerun.added());
    assertEquals(4, paths().size());
  }

  /** With --replace-all (or a baseline), which apply to the whole input, a stop stores nothing. */
  @Test
  void aStopRequestUnderReplaceAllStoresNothing() throws Exception {
    ingest(EXAMPLE);
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    List<String> lines = EXAMPLE.lines().toList();
    Files.writeString(file, lines.get(3).replace("Users log in", "Users sign in") + "\n" + lines.get(2) + "\n");
    IngestReport stopped = new JsonLinesIngester(store).replaceAll(true).stopWhen(() -> true).ingest(file);
    assertTrue(stopped.interrupted());
    assertEquals(1, stopped.linesRead());
    assertEquals(0, stopped.added() + stopped.changed() + stopped.deleted());
    assertEquals(List.of("docs/requirements.md", "src/auth.cov", "src/db.cov", "test/auth_test.cov"), paths());
    assertEquals("Users log in with a password.", stored("docs/requirements.md").symbols().get(0).notes().get(0).text());
  }

  /**
   * A path with a lone surrogate reads as a valid line whose object cannot be stored: it is reported as such after
   * the line's {@code expect} is checked, so a failed expectation is a conflict, as before objects were encoded by
   * the parser.
   */
  @Test
  void aLineWhoseObjectCannotBeStoredIsReportedAfterItsExpectation() throws Exception {
    String none = "{\"path\":\"a\\ud800.cov\"}\n";
    IngestReport report = ingest(none);
    assertEquals(1, report.errors().size(), report.toString());
    assertTrue(report.errors().get(0).message().contains("surrogate"), report.errors().toString());
    assertEquals(0, report.conflictCount());
    IngestReport expecting = ingest("{\"path\":\"a\\ud800.cov\",\"expect\":\"" + "9f".repeat(32) + "\"}\n");
    assertEquals(List.of(), expecting.errors());
    assertEquals(1, expecting.conflictCount(), expecting.toString());
  }

  @Test
  void realisticExampleBecomesOneObjectPerLine() throws Exception {
    IngestReport report = ingest(EXAMPLE);
    assertEquals(List.of(), report.errors());
    assertEquals(List.of(), report.warnings());
    assertEquals(4, report.linesRead());
    assertEquals(4, report.added());
    assertEquals(List.of("docs/requirements.md", "src/auth.cov", "src/db.cov", "test/auth_test.cov"), paths());
    assertEquals(4, store.objects().list().size());

    TreeMap<String, String> metadata = new TreeMap<>(Map.of("owner", "team-a", "since", "1.2"));
    FileSummary auth = new FileSummary("src/auth.cov", "covenant", Hex.sha256(SOURCE_SHA, "sha"),
        List.of(SymbolSummary.of("auth", "module", 1, 40),
            new SymbolSummary("auth.login", "fn", List.of("db", "net"), 3, 20, Hex.sha256(LOGIN_HASH, "hash"),
                List.of(new Note("en", "Checks a password.")), metadata),
            SymbolSummary.of("auth.User", "struct", 22, 30)),
        List.of(new EdgeSummary(1, "calls", "db.query"), new EdgeSummary(1, "references", "auth.User"),
            new EdgeSummary(0, "contains", "auth.login")));
    assertEquals(auth, stored("src/auth.cov"));
    assertEquals(Optional.of(SOURCE_SHA), store.index().file("src/auth.cov").sourceSha256Hex());
    assertEquals(Optional.empty(), store.index().file("src/db.cov").sourceSha256Hex());
    FileSummary test = stored("test/auth_test.cov");
    assertEquals("R-12", test.symbols().get(0).metadata().get("covers"));
    assertEquals(2, test.edges().size());
    assertEquals("Users log in with a password.", stored("docs/requirements.md").symbols().get(0).notes().get(0).text());

    ObjectId authId = store.index().file("src/auth.cov").objectId();
    assertEquals(List.of(authId), store.index().definers("auth.login"));
    assertEquals(List.of(store.index().file("src/db.cov").objectId()), store.index().definers("db.query"));
    assertEquals(List.of(), store.index().definers("auth.log"));
  }

  @Test
  void ingestingTheSameInputAgainChangesNothing() throws Exception {
    ingest(EXAMPLE);
    List<ObjectId> objects = store.objects().list();
    IngestReport again = ingest(EXAMPLE.replace("\n", "\r\n"));
    assertEquals(4, again.unchanged());
    assertEquals(0, again.added() + again.changed() + again.deleted());
    assertEquals(objects, store.objects().list());
  }

  @Test
  void deletedLinesRemoveFilesAndTheirSymbols() throws Exception {
    ingest(EXAMPLE);
    IngestReport report = ingest("{\"path\": \"src/db.cov\", \"deleted\": true}\n"
        + "{\"path\": \"src/gone.cov\", \"deleted\": true}\n"
        + "{\"path\": \"src/auth.cov\", \"deleted\": false, \"symbols\": [{\"name\": \"auth\", \"kind\": \"module\"}]}\n");
    assertEquals(List.of(), report.errors());
    assertEquals(1, report.deleted());
    assertEquals(1, report.changed());
    assertEquals(1, report.warnings().size());
    assertTrue(report.warnings().get(0).startsWith("line 2: deleted path src/gone.cov is not in the store"),
        report.warnings().get(0));
    assertEquals(List.of("docs/requirements.md", "src/auth.cov", "test/auth_test.cov"), paths());
    assertEquals(List.of(), store.index().definers("db.query"));
    assertEquals(List.of(), store.index().definers("auth.login"));
    assertEquals(1, store.index().definers("auth").size());
  }

  @Test
  void replaceAllRemovesEveryPathTheInputDoesNotMention() throws Exception {
    ingest(EXAMPLE);
    String[] lines = EXAMPLE.split("\n");
    String changedDb = lines[1].replace("[5, 9]", "[5, 10]");
    IngestReport report = ingest(lines[0] + "\n" + changedDb + "\n", true);
    assertEquals(List.of(), report.errors());
    assertEquals(1, report.unchanged());
    assertEquals(1, report.changed());
    assertEquals(2, report.deleted());
    assertEquals(List.of("src/auth.cov", "src/db.cov"), paths());
    assertEquals(List.of(), store.index().definers("R-12"));
    assertEquals(10, stored("src/db.cov").symbols().get(1).lineEnd());
  }

  @Test
  void replaceAllKeepsAFileWhoseLineIsBadButReadable() throws Exception {
    ingest(EXAMPLE);
    String[] lines = EXAMPLE.split("\n");
    String badDb = "{\"path\": \"src/db.cov\", \"symbols\": [{\"name\": \"db\", \"kind\": \"module\", \"colour\": 1}]}";
    IngestReport report = ingest(lines[0] + "\n" + badDb + "\n", true);
    assertEquals(1, report.errorCount());
    assertEquals(2, report.deleted());
    assertEquals(List.of("src/auth.cov", "src/db.cov"), paths());
  }

  @Test
  void replaceAllKeepsAFileWhoseLineBreaksOffAfterItsPath() throws Exception {
    ingest(EXAMPLE);
    String[] lines = EXAMPLE.split("\n");
    IngestReport report = ingest(lines[0] + "\n{\"path\": \"src/db.cov\", \"symbols\": [\n", true);
    assertEquals(1, report.errorCount());
    assertEquals(2, report.deleted());
    assertEquals(List.of("src/auth.cov", "src/db.cov"), paths());
  }

  @Test
  void replaceAllRemovesNothingWhenABadLineCannotBeAttributed() throws Exception {
    ingest(EXAMPLE);
    String[] lines = EXAMPLE.split("\n");
    IngestReport report = ingest(lines[0] + "\n{\"symbols\": [}\n", true);
    assertEquals(1, report.errorCount());
    assertEquals(0, report.deleted());
    assertEquals(4, paths().size());
    assertTrue(report.warnings().get(0).contains("--replace-all: no file was removed, because line 2"),
        report.warnings().get(0));
  }

  @Test
  void laterLineForTheSamePathWinsWithAWarning() throws Exception {
    IngestReport report = ingest("{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"first\", \"kind\": \"fn\"}]}\n"
        + "{\"path\": \"b.cov\"}\n"
        + "{\"path\": \"./a.cov\", \"symbols\": [{\"name\": \"second\", \"kind\": \"fn\"}]}\n");
    assertEquals(2, report.added());
    assertEquals(List.of("line 3: path a.cov already appeared on line 1; the later line wins"), report.warnings());
    assertEquals("second", stored("a.cov").symbols().get(0).name());
    assertEquals(List.of(), store.index().definers("first"));
    assertEquals(1, store.index().definers("second").size());
  }

  @Test
  void nullOptionalFieldsAndBlankLinesAreAccepted() throws Exception {
    IngestReport report = ingest("\n   \n{\"path\": \"n.cov\", \"language\": null, \"sha256\": null, \"symbols\": null,"
        + " \"edges\": null, \"deleted\": null}\n\n");
    assertEquals(List.of(), report.errors());
    assertEquals(4, report.linesRead());
    assertEquals(List.of("n.cov"), paths());
  }

  @Test
  void everyKindOfBadLineIsReportedWithItsNumberAndGoodLinesAreKept() throws Exception {
    String[][] bad = {
        {"{not json", "invalid JSON"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"kind\": \"fn\"}]}", "symbols[0]: missing field \"name\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\"}]}", "missing field \"kind\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"\", \"kind\": \"fn\"}]}", "symbol name is missing or empty"},
        {"{\"path\": \"../etc/passwd\"}", "path contains '..'"},
        {"{\"path\": \"src/../../outside.cov\"}", "path contains '..'"},
        {"{\"path\": \"/etc/passwd\"}", "path is absolute"},
        {"{\"path\": \"C:/Windows/x.cov\"}", "path is absolute"},
        {"{\"path\": \"a\\u0000b.cov\"}", "control character"},
        {"{\"path\": \"a\\\\b.cov\"}", "backslash"},
        {"{\"symbols\": []}", "missing field \"path\""},
        {"{\"path\": \"x.cov\", \"colour\": \"red\"}", "unknown field \"colour\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"size\": 1}]}",
            "unknown field \"symbols[0].size\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\"}],"
            + " \"edges\": [{\"from\": \"g\", \"type\": \"calls\", \"to\": \"h\"}]}",
            "edges[0].from \"g\" names no symbol of this line"},
        {"{\"path\": \"x.cov\", \"edges\": [{\"from\": \"f\", \"type\": \"calls\"}]}", "edges[0]: missing field \"to\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"lines\": \"3-20\"}]}",
            "symbols[0].lines must be [start, end], two integers, found a string"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"lines\": [1.5, 2]}]}",
            "symbols[0].lines must be [start, end]"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"lines\": [1, 99999999999]}]}",
            "symbols[0].lines must be [start, end]"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"lines\": [1, 2, 3]}]}",
            "found more than two elements"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"lines\": [5, 2]}]}",
            "must satisfy 0 <= start <= end"},
        {"{\"path\": 5}", "path must be a string, found a number"},
        {"{\"path\": \"x.cov\", \"language\": [\"java\"]}", "language must be a string, found an array"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"effects\": \"io\"}]}",
            "symbols[0].effects must be an array, found a string"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"effects\": [1]}]}",
            "symbols[0].effects[0] must be a string"},
        {"{\"path\": \"x.cov\", \"symbols\": {\"name\": \"f\"}}", "symbols must be an array, found an object"},
        {"{\"path\": \"x.cov\", \"symbols\": [\"f\"]}", "symbols[0] must be an object, found a string"},
        {"{\"path\": \"x.cov\", \"sha256\": \"abc\"}", "sha256 must be 64 hex digits"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"hash\": \"" + "g".repeat(64) + "\"}]}",
            "symbols[0].hash must be 64 hex digits"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"metadata\": {\"k\": 1}}]}",
            "symbols[0].metadata.k must be a string"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"notes\": [{\"lang\": \"en\"}]}]}",
            "symbols[0].notes[0]: missing field \"text\""},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\"}, {\"name\": \"f\", \"kind\": \"fn\"}]}",
            "declares symbol \"f\" twice"},
        {"{\"path\": \"x.cov\", \"path\": \"y.cov\"}", "Duplicate field 'path'"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"name\": \"g\"}]}",
            "invalid JSON: Duplicate field 'name'"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\"}], \"edges\": [{\"from\": \"f\", \"type\": \"calls\", \"to\": \"a\", \"to\": \"b\"}]}",
            "invalid JSON: Duplicate field 'to'"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"notes\": [{\"lang\": \"en\", \"text\": \"a\", \"text\": \"b\"}]}]}",
            "invalid JSON: Duplicate field 'text'"},
        {"{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"f\", \"kind\": \"fn\", \"metadata\": {\"k\": \"1\", \"k\": \"2\"}}]}",
            "invalid JSON: Duplicate field 'k'"},
        {"{\"path\": \"x.cov\", \"edges\": [], \"symbols\": [], \"edges\": []}", "invalid JSON: Duplicate field 'edges'"},
        {"{\"path\": \"x.cov\", \"deleted\": true, \"symbols\": []}", "a deleted line holds only \"path\", \"deleted\" and \"expect\""},
        {"{\"path\": \"x.cov\", \"deleted\": \"yes\"}", "deleted must be true or false, found a string"},
        {"[{\"path\": \"x.cov\"}]", "a line must be one JSON object, found an array"},
        {"{\"path\": \"x.cov\"} {\"path\": \"y.cov\"}", "unexpected content after the JSON object"},
        {"{\"path\": \"x.cov\"} trailing", "invalid JSON"},
        {"{\"path\": \"x.cov\", \"symbols\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
            "invalid JSON"},
    };
    StringBuilder input = new StringBuilder();
    List<Long> badLineNumbers = new ArrayList<>();
    long line = 0;
    int good = 0;
    for (String[] b : bad) {
      line++;
      good++;
      input.append("{\"path\": \"good/").append(good).append(".cov\", \"symbols\": [{\"name\": \"g").append(good)
          .append("\", \"kind\": \"fn\"}]}\n");
      line++;
      input.append(b[0]).append('\n');
      badLineNumbers.add(line);
    }
    line++;
    input.append("{\"path\": \"good/last.cov\"}");

    IngestReport report = ingest(input.toString());
    assertEquals(line, report.linesRead());
    assertEquals(bad.length, report.errorCount());
    assertEquals(bad.length + 1, report.added());
    for (int i = 0; i < bad.length; i++) {
      LineError error = report.errors().get(i);
      assertEquals(badLineNumbers.get(i), error.lineNumber(), "line number of " + bad[i][0]);
      assertTrue(error.message().contains(bad[i][1]),
          "for " + bad[i][0] + " expected a message containing <" + bad[i][1] + "> but got <" + error.message() + ">");
    }
    List<String> paths = paths();
    assertEquals(bad.length + 1, paths.size());
    assertTrue(paths.stream().allMatch(p -> p.startsWith("good/")), paths.toString());
    assertEquals(bad.length + 1, store.objects().list().size(), "bad lines write no object");
    assertFalse(Files.exists(dir.resolve("etc")));
  }

  @Test
  void invalidUtf8IsABadLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"path\": \"ok.cov\"}\n{\"path\": \"".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes(".cov\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("utf8.jsonl");
    Files.write(file, bytes.toByteArray());
    IngestReport report = new JsonLinesIngester(store).ingest(file);
    assertEquals(1, report.errorCount());
    assertEquals(2, report.errors().get(0).lineNumber());
    assertTrue(report.errors().get(0).message().contains("invalid JSON"), report.errors().get(0).message());
    assertEquals(List.of("ok.cov"), paths());
  }

  @Test
  void overLongLineIsRejectedWithoutStoppingTheIngest() throws Exception {
    String huge = "{\"path\": \"huge.cov\", \"language\": \"" + "x".repeat(200_000) + "\"}";
    Path file = dir.resolve("long.jsonl");
    Files.writeString(file, "{\"path\": \"a.cov\"}\n" + huge + "\n{\"path\": \"b.cov\"}\n");
    IngestReport report = new JsonLinesIngester(store).maxLineBytes(4096).ingest(file);
    assertEquals(1, report.errorCount());
    LineError error = report.errors().get(0);
    assertEquals(2, error.lineNumber());
    assertTrue(error.message().contains(huge.length() + " bytes, longer than the limit of 4096"), error.message());
    assertEquals(List.of("a.cov", "b.cov"), paths());
  }

  @Test
  void aReadFailureMidwayRollsBackTheWholeIngest() throws Exception {
    ingest(EXAMPLE);
    List<FileEntry> before = store.currentFiles();
    byte[] good = ("{\"path\": \"new.cov\"}\n{\"path\": \"src/db.cov\", \"deleted\": true}\n")
        .getBytes(StandardCharsets.UTF_8);
    java.io.InputStream failing = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(good),
        new java.io.InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("disk went away");
          }
        });
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> new JsonLinesIngester(store).ingest(failing, -1));
    assertEquals("disk went away", e.getMessage());
    assertEquals(before, store.currentFiles());
    assertEquals(1, store.index().definers("db.query").size());
    IngestReport next = ingest("{\"path\": \"new.cov\"}\n");
    assertEquals(1, next.added(), "no update is left open: the store is usable afterwards");
  }

  /** An input whose stream fails after {@code lines} good lines, each a file of its own. */
  private static java.io.InputStream failingAfter(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("{\"path\": \"f").append(i).append(".cov\", \"symbols\": [{\"name\": \"f").append(i)
          .append("\", \"kind\": \"fn\"}]}\n");
    }
    return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
        new java.io.InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("disk went away");
          }
        });
  }

  /**
   * A long input is committed every so many files: a failure keeps what the checkpoints committed (each file whole,
   * its symbols with it) and rolls back only the rest; counts add up over the checkpoints, and the store ends as one
   * transaction would leave it.
   */
  @Test
  void aLongInputIsCommittedAtCheckpoints() throws Exception {
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> new JsonLinesIngester(store).threads(1).checkpointEvery(3).ingest(failingAfter(200), -1));
    assertEquals("disk went away", e.getMessage());
    int kept = paths().size();
    assertTrue(kept > 0 && kept % JsonLinesIngester.CHUNK_LINES == 0 && kept < 200,
        "whole checkpoints (taken between chunks of lines) kept: " + kept);
    for (String path : paths()) {
      String name = path.substring(0, path.length() - ".cov".length());
      assertEquals(List.of(store.index().file(path).objectId()), store.index().definers(name), path);
    }
    IngestReport next = ingest("{\"path\": \"new.cov\"}\n");
    assertEquals(1, next.added(), "no update is left open");

    Path file = Files.createTempFile(dir, "input", ".jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      text.append("{\"path\": \"g").append(i % 200).append(".cov\", \"symbols\": [{\"name\": \"g").append(i)
          .append("\", \"kind\": \"fn\"}]}\n");
    }
    Files.writeString(file, text);
    IngestReport report = new JsonLinesIngester(store).checkpointEvery(7).ingest(file);
    assertEquals(250, report.linesRead());
    assertEquals(200, report.added(), report.toString());
    assertEquals(50, report.changed(), "the 50 paths seen again after a checkpoint count as changed: " + report);
    assertEquals(List.of(store.index().file("g0.cov").objectId()), store.index().definers("g200"),
        "the later line wins across checkpoints");
    assertTrue(store.index().definers("g0").isEmpty(), "and its earlier version's symbols are gone");

    try (Store one = Store.open(dir.resolve("one"), true)) {
      new JsonLinesIngester(one).checkpointEvery(0).ingest(file);
      List<String> entries = new java.util.ArrayList<>();
      one.currentFiles().forEach(f -> entries.add(f.path() + "=" + f.objectId()));
      List<String> checkpointed = new java.util.ArrayList<>();
      store.currentFiles().stream().filter(f -> f.path().startsWith("g"))
          .forEach(f -> checkpointed.add(f.path() + "=" + f.objectId()));
      assertEquals(entries, checkpointed, "the same files as one transaction");
    }
  }

  /** With --replace-all the input is one transaction whatever the checkpoint size: a failure keeps nothing. */
  @Test
  void replaceAllIgnoresCheckpoints() throws Exception {
    ingest(EXAMPLE);
    List<FileEntry> before = store.currentFiles();
    org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> new JsonLinesIngester(store).threads(1).replaceAll(true).checkpointEvery(1).ingest(failingAfter(50), -1));
    assertEquals(before, store.currentFiles());
  }

  @Test
  void progressIsReportedForEveryLine() throws Exception {
    Path file = dir.resolve("example.jsonl");
    Files.writeString(file, EXAMPLE);
    List<long[]> calls = new ArrayList<>();
    new JsonLinesIngester(store).progress((n, read, total) -> calls.add(new long[] {n, read, total})).ingest(file);
    assertEquals(4, calls.size());
    long size = Files.size(file);
    long previous = 0;
    for (int i = 0; i < calls.size(); i++) {
      assertEquals(i + 1, calls.get(i)[0]);
      assertTrue(calls.get(i)[1] > previous);
      assertEquals(size, calls.get(i)[2]);
      previous = calls.get(i)[1];
    }
    assertEquals(size, previous);
  }

  /** An edge's {@code "line"} and {@code "lines"}: its sites, united (with a repeated edge's too), sorted, distinct. */
  @Test
  void edgeLinesAreStoredUnited() throws Exception {
    IngestReport report = ingest("{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"a.f\", \"kind\": \"fn\"}],"
        + " \"edges\": [{\"from\": \"a.f\", \"type\": \"calls\", \"to\": \"b.g\", \"line\": 9, \"lines\": [4, 9, 2]},"
        + " {\"from\": \"a.f\", \"type\": \"calls\", \"to\": \"b.g\", \"lines\": [30]},"
        + " {\"from\": \"a.f\", \"type\": \"references\", \"to\": \"b.T\", \"lines\": []}]}\n");
    assertEquals(List.of(), report.errors());
    FileSummary a = stored("a.cov");
    assertEquals(new EdgeSummary(0, "calls", "b.g", new int[] {2, 4, 9, 30}), a.edges().get(0));
    assertEquals(new EdgeSummary(0, "references", "b.T"), a.edges().get(1));
  }

  @Test
  void badEdgeLinesRejectTheLineNamingTheField() throws Exception {
    String head = "{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"a.f\", \"kind\": \"fn\"}], \"edges\": [";
    String tail = "]}\n";
    String edge = "{\"from\": \"a.f\", \"type\": \"calls\", \"to\": \"b.g\", ";
    String[] bad = {edge + "\"line\": 0}", edge + "\"line\": \"7\"}", edge + "\"line\": 3.5}",
        edge + "\"line\": 4294967296}", edge + "\"lines\": [1, -2]}", edge + "\"lines\": 5}",
        edge + "\"lines\": [[1]]}", edge + "\"lines\": [1, null]}"};
    StringBuilder input = new StringBuilder();
    for (String b : bad) {
      input.append(head).append(b).append(tail);
    }
    IngestReport report = ingest(input.toString());
    assertEquals(bad.length, report.errors().size(), report.errors()::toString);
    for (int i = 0; i < bad.length; i++) {
      String message = report.errors().get(i).toString();
      assertTrue(message.contains("edges[0].line"), message);
    }
    assertEquals(List.of(), paths());
  }
}
