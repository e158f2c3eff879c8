package io.graphsnap.cli.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged {@code index.db} is reported as such (exit 3, naming the rebuild command), and {@code graphsnap
 * index rebuild} reconstructs it from the loose objects: the published snapshot's file table plus the commit
 * log's completed changes (the index as it was before the damage); without the log, exactly the state of the
 * last publish (building again gives the same snapshot id); without either, the object written last per path.
 */
class IndexRebuildTest {
  @TempDir Path dir;
  private Path shop;
  private Path change;
  private Path store;
  private String headId;

  @BeforeEach
  void publishedStoreWithALaterIngest() throws IOException {
    shop = Path.of("..", "examples", "shop.jsonl").toAbsolutePath();
    change = dir.resolve("change.jsonl");
    Files.writeString(change, FaultScenarios.changeSet(Files.readAllLines(shop, StandardCharsets.UTF_8)));
    store = dir.resolve("store");
    cli(0, "ingest", shop.toString(), "--store", store.toString());
    headId = cli(0, "snapshot", "--store", store.toString()).out.strip();
    cli(0, "ingest", change.toString(), "--store", store.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"header-garbage", "truncated", "zero-length", "missing", "random-pages"})
  void aDamagedIndexSaysSoAndRebuildRestoresTheLastCompletedCommand(String damage) throws Exception {
    SortedMap<String, String> before = indexedFiles(store);
    damage(store.resolve("index.db"), damage);

    Result refused = cli(-1, "ingest", change.toString(), "--store", store.toString());
    assertEquals(3, refused.exitCode, refused.toString());
    assertTrue(refused.err.contains("index.db is damaged") && refused.err.contains("graphsnap index rebuild"),
        refused.err);

    Result rebuilt = cli(0, "index", "rebuild", "--json", "--store", store.toString());
    JsonNode report = new ObjectMapper().readTree(rebuilt.out);
    assertTrue(report.get("source").asText().startsWith("HEAD " + headId + " + "), report.toString());
    assertEquals(before.size(), report.get("files").asInt());
    assertEquals(before, indexedFiles(store), "HEAD's file table plus the logged ingest: the index before the damage");
    try (Store s = Store.open(store, false)) {
      assertEquals(headId, s.index().refs().get("HEAD"));
      assertEquals(headId, s.index().journal().lastBuilt().orElseThrow());
      assertEquals(6, s.index().journal().pendingCount(), "the paths the unpublished ingest changed");
      checkDefinitions(s);
    }
    assertEquals(cleanBuildOfShopAndChange(), cli(0, "snapshot", "--store", store.toString()).out.strip(),
        "the next (incremental) build gives what a clean store gives");
    String gc = cli(0, "gc", "--json", "--store", store.toString()).out;
    assertEquals(0, new ObjectMapper().readTree(gc).get("deletedObjects").asInt(), "gc keeps every object: " + gc);
  }

  @Test
  void aTruncatedSymbolRunSaysSoAndRebuildRestoresTheDefinitions() throws Exception {
    SortedMap<String, String> before = indexedFiles(store);
    List<Path> runs;
    try (var files = Files.list(store.resolve("symbols"))) {
      runs = files.toList();
    }
    assertTrue(!runs.isEmpty(), "the ingests wrote symbol runs");
    for (Path run : runs) {
      Files.write(run, java.util.Arrays.copyOf(Files.readAllBytes(run), (int) Files.size(run) / 2));
    }
    Result refused = cli(-1, "ingest", change.toString(), "--store", store.toString());
    assertEquals(3, refused.exitCode, refused.toString());
    assertTrue(refused.err.contains("symbol run") && refused.err.contains("graphsnap index rebuild"), refused.err);

    cli(0, "index", "rebuild", "--store", store.toString());
    assertEquals(before, indexedFiles(store));
    try (Store s = Store.open(store, false)) {
      checkDefinitions(s);
    }
    assertEquals(cleanBuildOfShopAndChange(), cli(0, "snapshot", "--store", store.toString()).out.strip(),
        "the next (incremental) build gives what a clean store gives");
  }

  @Test
  void withoutTheCommitLogTheRebuildIsTheLastPublish() throws Exception {
    SortedMap<String, String> headFiles = fileTable(store.resolve("snapshots").resolve(headId + ".gsnap"));
    damage(store.resolve("index.db"), "header-garbage");
    Files.delete(store.resolve("index.db.log"));
    Result rebuilt = cli(0, "index", "rebuild", "--json", "--store", store.toString());
    JsonNode report = new ObjectMapper().readTree(rebuilt.out);
    assertEquals("HEAD " + headId + " + 0 logged changes", report.get("source").asText());
    assertTrue(report.get("notCurrent").asInt() >= 5, "the unpublished ingest's objects are not current: " + report);
    assertTrue(rebuilt.err.contains("ingest those again"), rebuilt.err);
    assertEquals(headFiles, indexedFiles(store), "the index is HEAD's file table");
    try (Store s = Store.open(store, false)) {
      assertEquals(0, s.index().journal().pendingCount());
      checkDefinitions(s);
    }
    assertEquals(headId, cli(0, "snapshot", "--store", store.toString()).out.strip(),
        "building the rebuilt index gives the published snapshot again");
    cli(0, "ingest", change.toString(), "--store", store.toString());
    assertEquals(cleanBuildOfShopAndChange(), cli(0, "snapshot", "--store", store.toString()).out.strip(),
        "ingesting the lost change again gives the clean result");
  }

  @Test
  void aCorruptObjectOfHeadIsLeftOutAndTheNextBuildDropsItsFile() throws Exception {
    SortedMap<String, String> before = indexedFiles(store);
    SortedMap<String, String> headFiles = fileTable(store.resolve("snapshots").resolve(headId + ".gsnap"));
    String victimPath = headFiles.lastKey();
    assertEquals(headFiles.get(victimPath), before.get(victimPath), "the victim is unchanged since the publish");
    Path victim = objectFile(ObjectId.parse(headFiles.get(victimPath)));
    byte[] bytes = Files.readAllBytes(victim);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(victim, bytes);
    Files.delete(store.resolve("index.db"));

    Result rebuilt = cli(0, "index", "rebuild", "--json", "--store", store.toString());
    JsonNode report = new ObjectMapper().readTree(rebuilt.out);
    assertEquals(before.size() - 1, report.get("files").asInt());
    assertEquals(1, report.get("corrupt").asInt());
    assertTrue(rebuilt.err.contains(victimPath), rebuilt.err);
    String rebuiltId = cli(0, "snapshot", "--store", store.toString()).out.strip();
    try (GraphSnapshot g = GraphSnapshot.open(store.resolve("snapshots").resolve(rebuiltId + ".gsnap"))) {
      g.verify();
      assertEquals(before.size() - 1, g.fileCount());
      assertEquals(-1, g.fileId(victimPath));
    }
  }

  @Test
  void withoutAPublishThePathsComeFromTheLogElseFromTheNewestObjects() throws Exception {
    Path fresh = dir.resolve("fresh");
    cli(0, "ingest", shop.toString(), "--store", fresh.toString());
    List<Path> firstObjects = objectFiles(fresh);
    for (Path object : firstObjects) { // make the order of writing unambiguous whatever the clock's resolution
      Files.setLastModifiedTime(object, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }
    cli(0, "ingest", change.toString(), "--store", fresh.toString());
    SortedMap<String, String> before = indexedFiles(fresh);

    Files.delete(fresh.resolve("index.db"));
    Result fromLog = cli(0, "index", "rebuild", "--store", fresh.toString());
    assertTrue(fromLog.out.startsWith("rebuilt index.db from commit log"), fromLog.out);
    assertEquals(before, indexedFiles(fresh), "the log replays every ingest, deletes included");

    Files.delete(fresh.resolve("index.db"));
    Files.delete(fresh.resolve("index.db.log"));
    Result rebuilt = cli(0, "index", "rebuild", "--store", fresh.toString());
    assertTrue(rebuilt.out.startsWith("rebuilt index.db from loose objects"), rebuilt.out);
    assertTrue(rebuilt.err.contains("took the one written last"), rebuilt.err);
    // Paths the change deleted come back (their objects are still there): only the index and the log knew.
    SortedMap<String, String> expected = new TreeMap<>(before);
    try (Store s = Store.open(fresh, false)) {
      for (Path object : firstObjects) {
        ObjectId id = ObjectId.parse(object.getParent().getFileName() + object.getFileName().toString());
        expected.putIfAbsent(s.objects().read(id).path(), id.hex());
      }
    }
    assertEquals(expected, indexedFiles(fresh));
  }

  @Test
  void rebuildingAHealthyIndexChangesNothingTheBuildSees() throws Exception {
    cli(0, "snapshot", "--store", store.toString());
    SortedMap<String, String> before = indexedFiles(store);
    SortedMap<String, String> refsBefore = refs(store);
    cli(0, "index", "rebuild", "--store", store.toString());
    assertEquals(before, indexedFiles(store));
    assertEquals(refsBefore, refs(store));
    assertTrue(Files.isRegularFile(store.resolve("index.db.damaged")), "the replaced index is kept");
  }

  @Test
  void aStoreThatIsLockedIsNotRebuilt() throws Exception {
    try (Store s = Store.open(store, false)) {
      Result refused = cli(-1, "index", "rebuild", "--store", store.toString());
      assertNotEquals(0, refused.exitCode);
      assertTrue(refused.err.contains("lock") || refused.err.contains("open for writing"), refused.err);
    }
  }

  private static void checkDefinitions(Store s) throws IOException {
    for (FileEntry e : s.currentFiles()) {
      for (var symbol : s.objects().read(e.objectId()).symbols()) {
        assertTrue(s.index().definers(symbol.name()).contains(e.objectId()), symbol.name());
      }
    }
  }

  private String cleanBuildOfShopAndChange() {
    Path clean = dir.resolve("clean");
    cli(0, "ingest", shop.toString(), "--store", clean.toString());
    cli(0, "snapshot", "--store", clean.toString());
    cli(0, "ingest", change.toString(), "--store", clean.toString());
    return cli(0, "snapshot", "--store", clean.toString()).out.strip();
  }

  private static void damage(Path index, String how) throws IOException {
    switch (how) {
      case "header-garbage" -> {
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
          f.seek(0);
          f.write("this is not a MapDB header".getBytes(StandardCharsets.US_ASCII));
        }
      }
      case "truncated" -> {
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
          f.setLength(f.length() / 3);
        }
      }
      case "zero-length" -> Files.write(index, new byte[0]);
      case "missing" -> Files.delete(index);
      case "random-pages" -> {
        Random random = new Random(5);
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
          byte[] junk = new byte[4096];
          for (long at = 0; at < Math.min(f.length(), 64 * 1024); at += 8192) {
            random.nextBytes(junk);
            f.seek(at);
            f.write(junk);
          }
        }
      }
      default -> throw new IllegalArgumentException(how);
    }
  }

  private static SortedMap<String, String> fileTable(Path snapshot) throws IOException {
    SortedMap<String, String> table = new TreeMap<>();
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      for (int f = 0; f < g.fileCount(); f++) {
        table.put(g.filePath(f), g.fileObjectId(f));
      }
    }
    return table;
  }

  private static SortedMap<String, String> indexedFiles(Path storeDir) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Store s = Store.open(storeDir, false)) {
      for (FileEntry e : s.currentFiles()) {
        files.put(e.path(), e.objectId().hex());
      }
    }
    return files;
  }

  private static SortedMap<String, String> refs(Path storeDir) throws IOException {
    try (Store s = Store.open(storeDir, false)) {
      return new TreeMap<>(s.index().refs());
    }
  }

  private Path objectFile(ObjectId id) {
    return store.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2));
  }

  private static List<Path> objectFiles(Path storeDir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(storeDir.resolve("objects"))) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    return files;
  }

  private record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Result cli(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--quiet"));
    all.addAll(List.of(args));
    if (List.of(args).contains("rebuild")) {
      all.remove("--quiet"); // its warnings are part of what is tested
    }
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all.toArray(String[]::new));
    Result result = new Result(code, out.toString(), err.toString());
    if (expected >= 0) {
      assertEquals(expected, code, () -> String.join(" ", all) + "\n" + result);
    }
    return result;
  }
}
