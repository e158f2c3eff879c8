package io.graphsnap.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.flatbuffers.FlatBufferBuilder;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.format.fbs.LooseObject;
import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.frontend.java.SourceTree;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path and resource safety beyond JSON Lines ({@link HostileInputTest}): snapshot ids read from ref files,
 * snapshot specs on the command line, paths inside loose objects that bypass the JSON front end, entry names
 * of source archives, and a JSON Lines line far over the limit, which must be skipped without being held in
 * memory.
 */
class PathSafetyTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "refs/HEAD = {0}")
  @ValueSource(strings = {"../../../../etc/passwd", "/etc/passwd", "snapshots/../../x",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/../../x",
      "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", ""})
  void aRefFileNamingAnythingButASnapshotIdIsRefused(String content) throws Exception {
    Path store = publishedShop();
    Files.writeString(store.resolve("refs/HEAD"), content + "\n");
    for (String[] command : List.of(new String[] {"info", "--json"}, new String[] {"lookup", "auth.login"},
        new String[] {"diff", "HEAD", "HEAD"})) {
      String[] result = cli(withStore(command, store));
      assertEquals("3", result[0], String.join(" ", command) + "\n" + result[2]);
      assertTrue(result[2].contains("ref HEAD is damaged"), result[2]);
    }
  }

  @Test
  void aRefFileThatIsASymbolicLinkOutsideTheStoreLeaksNothing() throws Exception {
    Path store = publishedShop();
    Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:secret-content\n");
    Files.delete(store.resolve("refs/HEAD"));
    Files.createSymbolicLink(store.resolve("refs/HEAD"), secret);
    String[] result = cli("info", "--store", store.toString());
    assertEquals("3", result[0], result[2]);
    assertFalse(result[1].contains("secret-content") || result[2].contains("secret-content"), result[2]);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"../../../../etc/passwd", "/etc/passwd", "abc", "../snapshots", "HEAD/..", "zz99"})
  void aSnapshotSpecIsARefNameOrHexIdNeverAPath(String spec) throws Exception {
    Path store = publishedShop();
    String[] result = cli("diff", spec, "HEAD", "--store", store.toString());
    assertTrue(result[0].equals("2") || result[0].equals("1"), spec + ": exit " + result[0] + "\n" + result[2]);
  }

  @ParameterizedTest(name = "path {0}")
  @ValueSource(strings = {"../../escape.cov", "/etc/passwd", "src/../../x", "a\u0000b", "C:/x.cov", "a\\..\\b"})
  void anObjectWhosePathEscapesIsCorruptAndNeverIndexed(String path) throws Exception {
    byte[] hostile = objectWithPath(path);
    CorruptObjectException e = assertThrows(CorruptObjectException.class,
        () -> LooseObjectCodec.decode(hostile, "hostile"));
    assertTrue(e.getMessage().contains("path"), e.getMessage());

    Path store = dir.resolve("store");
    cli("ingest", Path.of("..", "examples", "shop.jsonl").toString(), "--store", store.toString());
    ObjectId id = ObjectId.of(hostile);
    Path file = store.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2));
    Files.createDirectories(file.getParent());
    Files.write(file, hostile); // an attacker with write access to objects/, under the right content name
    Files.delete(store.resolve("index.db"));
    String[] result = cli("index", "rebuild", "--json", "--store", store.toString());
    assertEquals("0", result[0], result[2]);
    JsonNode report = new ObjectMapper().readTree(result[1]);
    assertEquals(1, report.get("corrupt").asInt(), result[1]);
    assertEquals(20, report.get("files").asInt(), result[1]);
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(store), entries.toList(), "nothing written next to the store");
    }
  }

  @Test
  void archiveEntriesThatEscapeAreSkipped() throws IOException {
    Path zip = dir.resolve("src.zip");
    List<String> unsafe = List.of("../evil/A.java", "/abs/B.java", "a/../../C.java", "C:/win/D.java",
        "x\\..\\..\\E.java", "./../F.java", "ok/../../G.java");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : unsafe) {
        entry(out, name);
      }
      entry(out, "good/H.java");
      entry(out, "./good/I.java");
    }
    try (SourceTree tree = SourceTree.open(zip)) {
      assertEquals(List.of("good/H.java", "good/I.java"), tree.paths());
      assertEquals(unsafe.stream().sorted().toList(), tree.skipped());
    }
  }

  @Test
  void aLineFarOverTheLimitIsSkippedWithoutBeingHeld() throws Exception {
    long lineBytes = 256L << 20;
    int limit = 1 << 20;
    InputStream hostile = new InputStream() { // 256 MiB of one line, generated, never stored
      private long left = lineBytes;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
    };
    byte[] good = "\n{\"path\": \"ok.cov\", \"symbols\": [{\"name\": \"ok\", \"kind\": \"fn\"}]}\n"
        .getBytes(StandardCharsets.UTF_8);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (Store store = Store.open(dir.resolve("store"), true)) {
      long before = threads.getCurrentThreadAllocatedBytes();
      IngestReport report = new JsonLinesIngester(store).maxLineBytes(limit)
          .ingest(new SequenceInputStream(hostile, new ByteArrayInputStream(good)), -1);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertEquals(1, report.errorCount());
      assertTrue(report.errors().getFirst().message().contains(lineBytes + " bytes"), report.errors().toString());
      assertEquals(1, report.added());
      assertTrue(allocated < 4L * limit + (16 << 20), "ingesting a " + lineBytes + "-byte line with a " + limit
          + "-byte limit allocated " + allocated + " bytes");
    }
  }

  private Path publishedShop() {
    Path store = dir.resolve("store");
    cli("ingest", Path.of("..", "examples", "shop.jsonl").toString(), "--store", store.toString());
    cli("snapshot", "--store", store.toString());
    return store;
  }

  /** A FlatBuffers loose object whose path field is {@code path}, built without the model's checks. */
  private static byte[] objectWithPath(String path) {
    FlatBufferBuilder b = new FlatBufferBuilder(256);
    int pathOffset = b.createString(path);
    int language = b.createString("covenant");
    int sha = LooseObject.createSourceSha256Vector(b, new byte[0]);
    int symbols = LooseObject.createSymbolsVector(b, new int[0]);
    int edges = LooseObject.createEdgesVector(b, new int[0]);
    int root = LooseObject.createLooseObject(b, LooseObjectCodec.SCHEMA_VERSION, pathOffset, language, sha, symbols,
        edges);
    LooseObject.finishLooseObjectBuffer(b, root);
    return b.sizedByteArray();
  }

  private static void entry(ZipOutputStream out, String name) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write("class X {}".getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  private static String[] withStore(String[] command, Path store) {
    List<String> all = new ArrayList<>(List.of(command));
    all.add("--store");
    all.add(store.toString());
    return all.toArray(String[]::new);
  }

  /** Runs the command line; returns {exit code, stdout, stderr}. */
  private static String[] cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--quiet"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all.toArray(String[]::new));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
