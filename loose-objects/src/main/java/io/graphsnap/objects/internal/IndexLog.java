package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The index's commit log, {@code index.db.log}: it makes each MapDB commit recoverable, because MapDB 3.1.0
 * does not replay its own write-ahead log on open (a process killed inside {@code commit()} leaves
 * {@code index.db} half-written). Not API.
 *
 * <pre>
 * Log    --&gt; Record*
 * Record --&gt; Length UInt32LE (of Type and Body), Crc32c UInt32LE (of Type and Body), Type UInt8, Body
 * Type   --&gt; 1 BEGIN (Body: Entries, the file changes this commit makes; empty for other commits) | 2 END
 * Entries --&gt; Count UInt32LE, Entry^Count
 * Entry  --&gt; Kind UInt8 (1 put, 0 delete), PathLength UInt16LE, PathUtf8, ObjectId Byte^32 (put only)
 * </pre>
 *
 * <p>Protocol: {@link #begin} appends a BEGIN record and forces it to disk before MapDB commits; {@link #end}
 * appends END and forces it once MapDB's commit returned. A log whose last whole record is a BEGIN therefore
 * means a commit may be torn (a crash, or an I/O error inside MapDB's commit). Publishing a snapshot {@link
 * #reset()}s the log, so it holds the file changes since the last publish: recovery replays those of the
 * completed commits (BEGIN then END) on top of the published snapshot's file table, and drops the unfinished
 * one, so the store is as it was before the interrupted command. A torn record at the tail (a crash while
 * appending) is ignored. Mutable; one writer.
 */
public final class IndexLog implements AutoCloseable {
  private static final byte BEGIN = 1;
  private static final byte END = 2;
  private static final int MAX_RECORD = 1 << 30;

  /**
   * One file change.
   *
   * @param path the path
   * @param objectId its new object, or {@code null} if the path was deleted
   */
  public record Entry(String path, ObjectId objectId) {}

  /**
   * A transaction's file changes, encoded as they are logged: the Entries of its BEGIN record (see the layout above)
   * in one growable array, so that a checkpoint of 100,000 paths keeps a few megabytes in one array rather than an
   * object, a path and an id per change. {@link #clear()} keeps the array for the next transaction. Mutable, one
   * owner. O(path length) per {@link #add}, amortised.
   */
  public static final class Changes {
    private static final int COUNT_BYTES = Integer.BYTES;

    private byte[] body = new byte[256];
    private int length = COUNT_BYTES;
    private int count;

    /**
     * Appends the change of {@code path} to {@code objectId} ({@code null}: a deletion).
     *
     * @throws IllegalArgumentException if the path's UTF-8 form is longer than 65,535 bytes
     * @throws IllegalStateException if the record would exceed what {@link #read} accepts (1 GiB): such a
     *     transaction must be checkpointed into smaller ones
     */
    public void add(String path, ObjectId objectId) {
      byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > 0xFFFF) {
        throw new IllegalArgumentException("a path of " + utf8.length + " bytes is too long for the commit log: "
            + path.substring(0, 80) + "…");
      }
      int needed = 1 + 2 + utf8.length + (objectId == null ? 0 : ObjectId.BYTES);
      ensureRoom(needed);
      body[length] = (byte) (objectId == null ? 0 : 1);
      body[length + 1] = (byte) utf8.length;
      body[length + 2] = (byte) (utf8.length >>> 8);
      System.arraycopy(utf8, 0, body, length + 3, utf8.length);
      if (objectId != null) {
        objectId.copyInto(body, length + 3 + utf8.length);
      }
      length += needed;
      count++;
    }

    /** The number of changes added since the last {@link #clear()}. */
    public int count() {
      return count;
    }

    /** Forgets every change; keeps the array. */
    public void clear() {
      length = COUNT_BYTES;
      count = 0;
    }

    /** The array holding the encoded Entries in {@code [0, length())}, its count written first. */
    byte[] encoded() {
      body[0] = (byte) count;
      body[1] = (byte) (count >>> 8);
      body[2] = (byte) (count >>> 16);
      body[3] = (byte) (count >>> 24);
      return body;
    }

    /** The encoded Entries' length in bytes. */
    int length() {
      return length;
    }

    private void ensureRoom(int needed) {
      if (needed > MAX_RECORD - 1 - length) { // the record holds its type byte and these bytes
        throw new IllegalStateException("one transaction of more than " + count + " file changes does not fit "
            + "the commit log's record of at most " + MAX_RECORD + " bytes; commit it in smaller transactions");
      }
      if (length + needed > body.length) {
        body = Arrays.copyOf(body, (int) Math.min(MAX_RECORD, Math.max(length + needed, 2L * body.length)));
      }
    }
  }

  /**
   * What a log holds.
   *
   * @param changes every file change of every completed commit (a BEGIN followed by an END), in order
   * @param torn true if the last whole record is a BEGIN: a commit may have been cut short
   */
  public record State(List<Entry> changes, boolean torn) {}

  private final Path file;
  private final FileChannel channel;

  private IndexLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** The log of the index at {@code indexFile}: {@code <indexFile>.log}. */
  public static Path fileOf(Path indexFile) {
    return indexFile.resolveSibling(indexFile.getFileName() + ".log");
  }

  /** Opens (creating) the log for appending; a torn tail is cut off. */
  public static IndexLog open(Path file) throws IOException {
    FileChannel channel = SafeFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    boolean ok = false;
    try {
      long whole = scan(channel, null);
      if (whole < channel.size()) {
        channel.truncate(whole);
      }
      channel.position(whole);
      ok = true;
      return new IndexLog(file, channel);
    } finally {
      if (!ok) {
        channel.close();
      }
    }
  }

  /** Reads the log at {@code file} without changing it; an absent file is an empty, clean log. */
  public static State read(Path file) throws IOException {
    try (FileChannel channel = SafeFiles.open(file, StandardOpenOption.READ)) {
      List<Entry> changes = new ArrayList<>();
      List<Entry> open = new ArrayList<>();
      boolean[] torn = new boolean[1];
      scan(channel, (type, body) -> {
        torn[0] = type == BEGIN;
        if (type == BEGIN) {
          open.clear();
          decode(body, open);
        } else {
          changes.addAll(open);
          open.clear();
        }
      });
      return new State(changes, torn[0]);
    } catch (NoSuchFileException e) {
      return new State(List.of(), false);
    }
  }

  /** Appends a BEGIN record with {@code changes} and forces it to disk. */
  public void begin(Changes changes) throws IOException {
    append(BEGIN, changes.encoded(), changes.length());
    channel.force(true);
  }

  /** Appends an END record and forces it to disk: from then on the commit survives any crash. */
  public void end() throws IOException {
    append(END, new byte[0], 0);
    channel.force(false);
  }

  /** Empties the log and forces that to disk (after a publish's commit). */
  public void reset() throws IOException {
    channel.truncate(0);
    channel.position(0);
    channel.force(true);
  }

  /** Replaces the log with one completed commit of {@code changes} (after a recovery). */
  public void rewrite(List<Entry> changes) throws IOException {
    channel.truncate(0);
    channel.position(0);
    Changes encoded = new Changes();
    for (Entry change : changes) {
      encoded.add(change.path(), change.objectId());
    }
    append(BEGIN, encoded.encoded(), encoded.length());
    append(END, new byte[0], 0);
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Appends a record of {@code type} whose body is {@code body[0, length)}. */
  private void append(byte type, byte[] body, int length) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(type);
    crc.update(body, 0, length);
    ByteBuffer head = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(1 + length).putInt((int) crc.getValue()).put(type).flip();
    ByteBuffer[] record = {head, ByteBuffer.wrap(body, 0, length)};
    while (record[0].hasRemaining() || record[1].hasRemaining()) {
      channel.write(record);
    }
  }

  private interface RecordVisitor {
    void visit(byte type, ByteBuffer body);
  }

  /** Visits every whole record from the start; returns the offset just after the last whole one. */
  private static long scan(FileChannel channel, RecordVisitor visitor) throws IOException {
    long size = channel.size();
    long at = 0;
    ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (at + 8 <= size) {
      head.clear();
      channel.read(head, at);
      int length = head.getInt(0);
      int expected = head.getInt(4);
      if (length < 1 || length > MAX_RECORD || at + 8 + length > size) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
      while (body.hasRemaining()) {
        if (channel.read(body, at + 8 + body.position()) < 0) {
          break;
        }
      }
      CRC32C crc = new CRC32C();
      crc.update(body.array());
      if ((int) crc.getValue() != expected || (body.get(0) != BEGIN && body.get(0) != END)) {
        break;
      }
      if (visitor != null) {
        body.position(1);
        visitor.visit(body.get(0), body.slice().order(ByteOrder.LITTLE_ENDIAN));
      }
      at += 8 + length;
    }
    return at;
  }

  private static void decode(ByteBuffer body, List<Entry> into) {
    int count = body.getInt();
    for (int i = 0; i < count; i++) {
      boolean put = body.get() == 1;
      byte[] path = new byte[Short.toUnsignedInt(body.getShort())];
      body.get(path);
      ObjectId id = null;
      if (put) {
        byte[] bytes = new byte[ObjectId.BYTES];
        body.get(bytes);
        id = ObjectId.fromBytes(bytes);
      }
      into.add(new Entry(new String(path, StandardCharsets.UTF_8), id));
    }
  }

  @Override
  public String toString() {
    return "IndexLog[" + file + "]";
  }
}
