package io.graphsnap.cli;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Snapshots of an older format made from a current one, for the tests of what readers, commands and the explorer
 * say about a snapshot built before a section existed. Stateless.
 */
public final class SnapshotVersions {
  private SnapshotVersions() {}

  /**
   * {@code snapshot} rewritten as format version 3 into {@code out}: the same sections but CALL_SITES (the last
   * one), under a version-3 header.
   */
  public static Path asVersion3(Path snapshot, Path out) throws IOException {
    byte[] bytes = Files.readAllBytes(snapshot);
    SnapshotHeader h = SnapshotHeader.decode(MemorySegment.ofArray(bytes), snapshot.toString());
    List<SectionEntry> kept = new ArrayList<>();
    long end = 0;
    for (SectionEntry e : h.sections()) {
      if (e.section() != SectionId.CALL_SITES) {
        kept.add(e);
        end = Math.max(end, e.offset() + e.length());
      }
    }
    byte[] header = new SnapshotHeader(SnapshotFormat.VERSION_FILE_SYMBOLS, 0, end, kept).encode();
    byte[] v3 = Arrays.copyOf(bytes, (int) end);
    Arrays.fill(v3, 0, (int) SnapshotFormat.align(SnapshotFormat.headerBytes(h.sections().size())), (byte) 0);
    System.arraycopy(header, 0, v3, 0, header.length);
    Files.write(out, v3);
    return out;
  }

  /**
   * A new store at {@code storeDir} whose {@code refs/HEAD} is {@code snapshotFile} (copied; its id is the SHA-256
   * of its bytes, as the builder names snapshots). The store has no objects: it is for readers only.
   */
  public static Path publishInNewStore(Path snapshotFile, Path storeDir) throws IOException {
    byte[] bytes = Files.readAllBytes(snapshotFile);
    String id;
    try {
      id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Store store = Store.open(storeDir, true)) {
      Path built = store.newTempFile("v3-", SnapshotFormat.FILE_EXTENSION);
      Files.write(built, bytes);
      return store.publishSnapshot(built, id);
    }
  }
}
