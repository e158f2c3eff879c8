package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.file;
import static io.graphsnap.objects.HistoryTest.id;
import static io.graphsnap.objects.HistoryTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.objects.internal.IndexLog;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MapDB 3.1.0 does not replay its write-ahead log on open, so a commit cut short can leave index.db half-written;
 * the commit log lets {@link Store#open} rebuild it from the published snapshot and the completed commits.
 */
class TornCommitTest {
  @TempDir Path dir;

  private final FileSummary a1 = file("a", "x");
  private final FileSummary a2 = file("a", "x", "y");
  private final FileSummary b1 = file("b", "w");
  private final FileSummary c1 = file("c", "v");

  @Test
  void aCommitCutShortIsDroppedAndTheRestRecovered() throws Exception {
    Path storeDir = dir.resolve("s");
    String s1;
    try (Store store = Store.open(storeDir, true)) {
      put(store, a1, b1);
      s1 = publishFileTable(store, Map.of("a", id(a1), "b", id(b1)), "main");
      put(store, a2); // a completed commit after the publish
      put(store, c1); // the commit a crash will cut short
    }
    Path log = IndexLog.fileOf(storeDir.resolve("index.db"));
    dropLastRecord(log); // as if the process died between MapDB's commit and the END record
    scribble(storeDir.resolve("index.db")); // and MapDB's file were half-written
    assertTrue(IndexLog.read(log).torn());

    try (Store store = Store.open(storeDir, false)) {
      assertEquals(1, store.openWarnings().size(), store.openWarnings()::toString);
      assertTrue(store.openWarnings().get(0).contains("cut short by a crash"), store.openWarnings()::toString);
      assertEquals(List.of(new FileEntry("a", id(a2), null), new FileEntry("b", id(b1), null)), store.currentFiles());
      assertEquals(List.of(id(a2)), store.index().definers("y"));
      assertEquals(List.of(), store.index().definers("v"), "the unfinished commit is dropped");
      assertEquals(List.of("a"), store.index().journal().pendingPaths());
      assertEquals(Optional.of(s1), store.index().journal().lastBuilt());
      assertEquals(Optional.of(s1), store.index().ref("main"));
      assertEquals(Optional.of(1L), store.index().reachability().generationOf(s1));
      assertTrue(Files.exists(storeDir.resolve("index.db.torn")));
      put(store, c1);
    }
    try (Store store = Store.open(storeDir, false)) {
      assertEquals(List.of(), store.openWarnings(), "a clean close leaves nothing to recover");
      assertEquals(3, store.currentFiles().size());
      assertEquals(List.of("a", "c"), store.index().journal().pendingPaths());
    }
  }

  @Test
  void aStoreNeverPublishedRecoversFromTheLogAlone() throws Exception {
    Path storeDir = dir.resolve("s");
    try (Store store = Store.open(storeDir, true)) {
      put(store, a1, b1);
      put(store, c1);
    }
    dropLastRecord(IndexLog.fileOf(storeDir.resolve("index.db")));
    try (Store store = Store.open(storeDir, false)) {
      assertEquals(List.of(new FileEntry("a", id(a1), null), new FileEntry("b", id(b1), null)), store.currentFiles());
      assertEquals(List.of("a", "b"), store.index().journal().pendingPaths());
    }
  }

  @Test
  void aPublishResetsTheLog() throws Exception {
    Path storeDir = dir.resolve("s");
    try (Store store = Store.open(storeDir, true)) {
      put(store, a1, b1);
      assertEquals(2, IndexLog.read(IndexLog.fileOf(store.layout().indexFile())).changes().size());
      publishFileTable(store, Map.of("a", id(a1), "b", id(b1)));
      assertEquals(0, IndexLog.read(IndexLog.fileOf(store.layout().indexFile())).changes().size());
    }
  }

  /** Publishes a snapshot holding just a file table (all the recovery reads). */
  private static String publishFileTable(Store store, Map<String, ObjectId> files, String... refs) throws Exception {
    List<String> paths = new ArrayList<>(new java.util.TreeSet<>(files.keySet()));
    ByteArrayOutputStream pathList = new ByteArrayOutputStream();
    ByteBuffer ends = ByteBuffer.allocate(8 + 8 * (paths.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
    ends.putInt(paths.size()).putInt(0).putLong(0);
    long end = 0;
    for (String p : paths) {
      end += p.getBytes(StandardCharsets.UTF_8).length;
      ends.putLong(end);
    }
    pathList.write(ends.array());
    for (String p : paths) {
      pathList.write(p.getBytes(StandardCharsets.UTF_8));
    }
    ByteBuffer records = ByteBuffer.allocate(SnapshotFormat.FILE_RECORD_BYTES * paths.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (String p : paths) {
      records.put(new byte[32]).put(files.get(p).toBytes()).putInt(0).putInt(0);
    }
    byte[][] sections = {pathList.toByteArray(), records.array()};
    SectionId[] ids = {SectionId.FILE_PATHS, SectionId.FILES};
    long offset = SnapshotFormat.align(SnapshotFormat.headerBytes(2));
    List<SectionEntry> entries = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CRC32C crc = new CRC32C();
      crc.update(sections[i]);
      entries.add(new SectionEntry(ids[i].id(), (int) crc.getValue(), offset, sections[i].length));
      offset = i == 0 ? SnapshotFormat.align(offset + sections[i].length) : offset + sections[i].length;
    }
    byte[] header = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, offset, entries).encode();
    byte[] bytes = new byte[(int) offset];
    System.arraycopy(header, 0, bytes, 0, header.length);
    for (int i = 0; i < 2; i++) {
      System.arraycopy(sections[i], 0, bytes, (int) entries.get(i).offset(), sections[i].length);
    }
    String idHex = HexFormat.of().formatHex(ObjectId.sha256().digest(bytes));
    Path built = store.newTempFile("built-", ".gsnap");
    Files.write(built, bytes);
    store.publishSnapshot(built, idHex, List.of(refs));
    return idHex;
  }

  /** Cuts the last record (an END) off the commit log. */
  private static void dropLastRecord(Path log) throws Exception {
    byte[] bytes = Files.readAllBytes(log);
    int at = 0;
    int last = 0;
    while (at < bytes.length) {
      last = at;
      at += 8 + ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(last);
    }
  }

  /** Overwrites the middle of a file with garbage. */
  private static void scribble(Path file) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[4096]);
    }
  }
}
