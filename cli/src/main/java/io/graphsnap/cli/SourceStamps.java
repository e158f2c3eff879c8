package io.graphsnap.cli;

import io.graphsnap.frontend.java.FileStamp;
import io.graphsnap.frontend.java.SourceTree;
import io.graphsnap.frontend.java.internal.Sha256;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stat cache of {@code graphsnap build}, in {@code STORE/stamps.bin}: for each source file of the tree last
 * built, its {@link FileStamp} and the SHA-256 of the content read after that stamp was taken. A rebuild takes
 * every file's stamp first ({@link #take}); a file whose stamp equals the stored one has the stored hash, so an
 * unchanged file need not be read, decompressed or hashed (git's index does the same with {@code stat} data).
 *
 * <p>Correctness: only {@link FileStamp#trustworthy} stamps are stored — a file whose times lie within
 * {@link FileStamp#RACY_SLACK_NANOS} of the moment its stamp was taken is read and hashed again on the next
 * build, since a change in the same clock tick could keep its stamp; so is any file whose stamp cannot be read.
 * The stored stamps belong to one tree (its root, an absolute path): another root reads as empty. The file is a
 * cache: a missing, damaged or foreign one reads as empty and costs only the reading and hashing it saves. Writes
 * are crash-safe (a temporary file, forced, renamed over the old one, the folder forced); a crash leaves the old
 * file or the new one. Not thread-safe; used by the one build that holds the store's writer lock.
 *
 * <pre>
 * File    --> Magic "GSSTAMP1\n", Root (UTF), Count (Int32), Entry^Count, Checksum
 * Entry   --> Path (UTF), Kind (Int8: FileStamp.Kind ordinal), Size, Modified, Changed, Id, Extra (Int64 each),
 *             Sha256 (32 bytes)
 * Checksum --> SHA-256 of every byte before it (32 bytes)
 * </pre>
 * (UTF: Java's modified UTF-8 with an unsigned 16-bit length; integers big-endian.)
 */
final class SourceStamps {
  static final String FILE = "stamps.bin";
  private static final byte[] MAGIC = "GSSTAMP1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_FILE_BYTES = 256 << 20;

  /** A stamp and the hash of the content read after it. */
  record Entry(FileStamp stamp, byte[] sha256) {}

  /** The stamps of a tree's files and when they were taken (nanoseconds since the epoch, read before the first). */
  record Taken(Map<String, FileStamp> stamps, long takenAtNanos) {}

  private final String root;
  private final Map<String, Entry> entries;

  private SourceStamps(String root, Map<String, Entry> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** The identity of {@code tree} that stored stamps belong to: its absolute, normalised root. */
  static String rootOf(SourceTree tree) {
    return tree.root().toAbsolutePath().normalize().toString();
  }

  /** Takes the stamp of every file of {@code tree} (a file whose stamp cannot be read has none). O(files). */
  static Taken take(SourceTree tree) {
    Instant now = Instant.now();
    long takenAt = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    Map<String, FileStamp> stamps = new HashMap<>(tree.size() * 2);
    for (String path : tree.paths()) {
      try {
        stamps.put(path, tree.stamp(path));
      } catch (IOException | RuntimeException e) {
        // no stamp: the file is read, and reading reports what is wrong with it
      }
    }
    return new Taken(stamps, takenAt);
  }

  /** The stamps stored in {@code store} for the tree at {@code root}, or none. */
  static SourceStamps read(Path store, String root) {
    Path file = store.resolve(FILE);
    byte[] bytes;
    try (InputStream in = SafeFiles.newInputStream(file)) { // never through a link, never a FIFO
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      return new SourceStamps(root, Map.of()); // missing or unsafe: nothing known
    }
    try {
      return decode(bytes, root);
    } catch (IOException | RuntimeException e) {
      return new SourceStamps(root, Map.of()); // damaged or foreign: nothing known
    }
  }

  private static SourceStamps decode(byte[] bytes, String root) throws IOException {
    if (bytes.length > MAX_FILE_BYTES || bytes.length < MAGIC.length + 32
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a stamps file");
    }
    int body = bytes.length - 32;
    byte[] sum = Sha256.of(Arrays.copyOf(bytes, body));
    if (!Arrays.equals(sum, 0, 32, bytes, body, bytes.length)) {
      throw new IOException("checksum mismatch");
    }
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length));
    String storedRoot = in.readUTF();
    if (!storedRoot.equals(root)) {
      return new SourceStamps(root, Map.of());
    }
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative count");
    }
    FileStamp.Kind[] kinds = FileStamp.Kind.values();
    Map<String, Entry> entries = new HashMap<>(Math.min(count, 1 << 20) * 2);
    for (int i = 0; i < count; i++) {
      String path = in.readUTF();
      int kind = in.readUnsignedByte();
      if (kind >= kinds.length) {
        throw new IOException("unknown stamp kind " + kind);
      }
      FileStamp stamp = new FileStamp(kinds[kind], in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong());
      byte[] sha = new byte[32];
      in.readFully(sha);
      entries.put(path, new Entry(stamp, sha));
    }
    if (in.available() != 0) {
      throw new IOException("trailing bytes");
    }
    return new SourceStamps(root, entries);
  }

  /** The stored hash of {@code path} if its stored stamp equals {@code stamp}, else null. */
  byte[] sha256(String path, FileStamp stamp) {
    Entry e = stamp == null ? null : entries.get(path);
    return e != null && e.stamp().equals(stamp) ? e.sha256() : null;
  }

  /** The number of stored stamps. */
  int size() {
    return entries.size();
  }

  /**
   * Stores, for each path of {@code taken} whose stamp is trustworthy and whose hash {@code shas} knows, the stamp
   * and the hash, in place of what is stored; writes nothing if that is what is stored already.
   *
   * @return true if the file was written
   */
  boolean update(Path store, Taken taken, Map<String, byte[]> shas) throws IOException {
    Map<String, Entry> next = next(taken, shas);
    if (sameEntries(next)) {
      return false;
    }
    write(store, root, next);
    return true;
  }

  /** What {@link #update} stores, in memory (for a resident build, {@link BuildMemory}). */
  SourceStamps after(Taken taken, Map<String, byte[]> shas) {
    return new SourceStamps(root, next(taken, shas));
  }

  /** The root these stamps belong to. */
  String root() {
    return root;
  }

  private static Map<String, Entry> next(Taken taken, Map<String, byte[]> shas) {
    Map<String, Entry> next = new HashMap<>(shas.size() * 2);
    for (Map.Entry<String, byte[]> e : shas.entrySet()) {
      FileStamp stamp = taken.stamps().get(e.getKey());
      if (stamp != null && stamp.trustworthy(taken.takenAtNanos())) {
        next.put(e.getKey(), new Entry(stamp, e.getValue()));
      }
    }
    return next;
  }

  private boolean sameEntries(Map<String, Entry> other) {
    if (other.size() != entries.size()) {
      return false;
    }
    for (Map.Entry<String, Entry> e : other.entrySet()) {
      Entry mine = entries.get(e.getKey());
      if (mine == null || !mine.stamp().equals(e.getValue().stamp())
          || !Arrays.equals(mine.sha256(), e.getValue().sha256())) {
        return false;
      }
    }
    return true;
  }

  private static void write(Path store, String root, Map<String, Entry> entries) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + entries.size() * 128);
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.write(MAGIC);
      out.writeUTF(root);
      List<String> paths = entries.keySet().stream().sorted().toList();
      out.writeInt(paths.size());
      for (String p : paths) {
        Entry e = entries.get(p);
        FileStamp s = e.stamp();
        out.writeUTF(p);
        out.writeByte(s.kind().ordinal());
        out.writeLong(s.size());
        out.writeLong(s.modified());
        out.writeLong(s.changed());
        out.writeLong(s.id());
        out.writeLong(s.extra());
        out.write(e.sha256());
      }
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(buf.toByteArray());
    buf.write(digest.digest());
    Path file = store.resolve(FILE);
    SafeFiles.checkFileIfPresent(file);
    Path tmp = Files.createTempFile(store.resolve("tmp"), FILE + "-", ".tmp"); // a new file: links cannot redirect it
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        buf.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      FileSync.forceDirectory(store);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
