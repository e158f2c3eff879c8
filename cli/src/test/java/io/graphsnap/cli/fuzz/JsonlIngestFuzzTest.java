package io.graphsnap.cli.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.reader.GraphSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target: any byte string ingested as JSON Lines into a store, then built into a snapshot that the
 * reader must open and verify. Never an exception (bad lines are reported, not thrown; the builder may only
 * refuse with its documented {@link BuildInputException}); never a file outside the store folder, never a
 * symbolic link inside it; every indexed path normal with an object that exists, decodes and names that path;
 * the built snapshot's file table equals the index (path → object id), and the snapshot passes
 * {@code verify()} and the consistency checks of {@link SnapshotQueries}.
 *
 * <p>One store is reused across inputs but emptied after each (every path removed and committed), so each
 * input sees the same logical state and findings reproduce. Lines are limited to 4 KiB here so that the
 * fuzzer also exercises the over-long-line path. Seeds: the lines of {@code examples/shop.jsonl} and hostile
 * lines (absolute paths, {@code ..}, NUL, backslashes, over-long names) from {@link FuzzSeeds}.
 */
class JsonlIngestFuzzTest {
  static final int MAX_LINE_BYTES = 4096;
  private static final Path ROOT = Scratch.newFolder("jsonl-fuzz-");
  private static final Path STORE_DIR = ROOT.resolve("store");
  private static final Path BUILD_DIR = Scratch.newFolder("jsonl-fuzz-build-");
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong FILE_CHANGES = new AtomicLong();
  private static final AtomicLong BAD_LINES = new AtomicLong();
  private static final AtomicLong BUILDS = new AtomicLong();
  private static Store store;

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({"\"path\"", "\"language\"", "\"sha256\"", "\"deleted\"", "\"symbols\"", "\"edges\"",
      "\"name\"", "\"kind\"", "\"effects\"", "\"lines\"", "\"hash\"", "\"notes\"", "\"lang\"", "\"text\"",
      "\"metadata\"", "\"from\"", "\"type\"", "\"to\"", "true", "\"module\"", "\"namespace\"", "\"package\"",
      "\"..\"", "\"/\"", "\\u0000", "\\ud800", "\":\"", "\", \""})
  void ingest(byte[] data) throws IOException {
    INPUTS.incrementAndGet();
    Store s = store();
    IngestReport report = new JsonLinesIngester(s).maxLineBytes(MAX_LINE_BYTES)
        .ingest(new ByteArrayInputStream(data), data.length);
    BAD_LINES.addAndGet(report.errorCount());
    FILE_CHANGES.addAndGet(report.added() + report.changed() + report.unchanged() + report.deleted());
    require(report.linesRead() <= lines(data), "more lines read than the input holds");
    checkNothingEscaped();
    List<FileEntry> files = s.currentFiles();
    for (FileEntry entry : files) {
      FileSummary summary = s.objects().read(entry.objectId());
      require(summary.path().equals(entry.path()), "object of " + entry.path() + " names " + summary.path());
      LooseObjectFuzzTest.checkModel(summary);
    }
    if (!files.isEmpty()) {
      buildAndRead(s, files);
    }
    try (IndexUpdate clear = s.beginUpdate()) {
      clear.retainOnly(path -> false);
      clear.commit();
    }
  }

  private static void buildAndRead(Store s, List<FileEntry> files) throws IOException {
    BuildResult built;
    try {
      built = new SnapshotBuilder().buildInto(StoreSnapshots.currentObjects(s), BUILD_DIR);
    } catch (BuildInputException e) {
      return; // documented refusal, e.g. a limit
    }
    BUILDS.incrementAndGet();
    try (GraphSnapshot g = GraphSnapshot.open(built.path())) {
      g.verify();
      require(g.fileCount() == files.size(), "file count " + g.fileCount() + " vs index " + files.size());
      for (int f = 0; f < files.size(); f++) {
        FileEntry entry = files.get(f);
        require(g.filePath(f).equals(entry.path()), "file " + f + " path " + g.filePath(f) + " vs " + entry.path());
        require(g.fileObjectId(f).equals(entry.objectId().hex()), "file " + f + " object id");
      }
      SnapshotQueries.checkConsistent(g);
    } finally {
      Files.deleteIfExists(built.path());
    }
  }

  /** Only the store folder is in ROOT; nothing in the store is a symbolic link; no temporaries left in tmp/. */
  private static void checkNothingEscaped() throws IOException {
    try (Stream<Path> entries = Files.list(ROOT)) {
      List<Path> list = entries.toList();
      require(list.equals(List.of(STORE_DIR)), "files written next to the store: " + list);
    }
    try (Stream<Path> walk = Files.walk(STORE_DIR)) {
      walk.forEach(p -> require(!Files.isSymbolicLink(p), "symbolic link in the store: " + p));
    }
    try (Stream<Path> tmp = Files.list(STORE_DIR.resolve("tmp"))) {
      List<Path> left = tmp.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
      require(left.isEmpty(), "temporaries left behind: " + left);
    }
  }

  private static synchronized Store store() throws IOException {
    if (store == null) {
      store = Store.open(STORE_DIR, true);
    }
    return store;
  }

  private static long lines(byte[] data) {
    long count = 0;
    for (byte b : data) {
      if (b == '\n') {
        count++;
      }
    }
    return data.length > 0 && data[data.length - 1] != '\n' ? count + 1 : count;
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  @AfterAll
  static synchronized void report() throws IOException {
    FuzzStats.print("jsonl ingest + build", INPUTS.get(), "fileChanges=" + FILE_CHANGES.get() + " badLines="
        + BAD_LINES.get() + " builds=" + BUILDS.get());
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
