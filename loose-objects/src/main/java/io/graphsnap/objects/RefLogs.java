package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ref logs under {@code logs/}: each ref's history as the index holds it, copied into a plain file so that
 * readers get it without the store lock, and so while a writer runs ({@code graphsnap refs --history}). The
 * index stays the authority: a writer replaces a ref's log after each index commit that changes the ref's history
 * (publish, gc, ref deletion), and {@link Store#open} rolls the logs forward to the index after a crash, as it
 * does the ref files.
 *
 * <pre>
 * RefLog --&gt; Line*            oldest first; the last line is the value the ref had at that commit
 * Line   --&gt; Sequence " " SnapshotId " " Time "\n"
 *            Sequence: 16 lower-case hex digits; SnapshotId: 64; Time: epoch milliseconds, or "-" if unknown
 * </pre>
 *
 * <p>Writes: temporary file in {@code tmp/}, forced, atomic rename, folder forced, so a reader sees the old log
 * or the new one whole. Reads: the file is checked to be regular (no link, no FIFO) and at most
 * {@value #MAX_BYTES} bytes; every line is validated, and a damaged one is an {@link IOException} naming the
 * file and the line. Stateless, thread-safe.
 */
public final class RefLogs {
  /** The largest log accepted (about 100,000 entries); a larger file is refused as damaged. */
  public static final int MAX_BYTES = 10 << 20;
  private static final int LINE_BYTES = 16 + 1 + 64 + 1; // without the time and the newline

  private RefLogs() {}

  /**
   * Ref {@code name}'s log, oldest first, lock-free; empty if the ref has no log file (a ref published before the
   * store kept logs, until the next writer opens the store). O(entries).
   *
   * @throws IOException naming the file and line if the log is damaged, or if it is a link or special file
   * @throws IllegalArgumentException if {@code name} is not a ref name
   */
  public static Optional<List<RefEntry>> read(Path storeDir, String name) throws IOException {
    StoreLayout layout = StoreLayout.of(storeDir);
    StoreGuard.checkForReading(layout);
    return read(layout, name);
  }

  static Optional<List<RefEntry>> read(StoreLayout layout, String name) throws IOException {
    Path file = layout.refLogFile(name);
    byte[] bytes;
    try (InputStream in = SafeFiles.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException("ref log " + name + " is damaged: longer than " + MAX_BYTES + " bytes (file=" + file + ")");
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    List<RefEntry> entries = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start < text.length()) {
      lineNumber++;
      int end = text.indexOf('\n', start);
      if (end < 0) {
        throw damaged(file, name, lineNumber, "no newline at the end");
      }
      entries.add(parse(text.substring(start, end), name, file, lineNumber));
      start = end + 1;
    }
    return Optional.of(List.copyOf(entries));
  }

  private static RefEntry parse(String line, String name, Path file, int lineNumber) throws IOException {
    if (line.length() < LINE_BYTES + 1 || line.charAt(16) != ' ' || line.charAt(16 + 1 + 64) != ' ') {
      throw damaged(file, name, lineNumber, "expected 'SEQUENCE SNAPSHOT TIME'");
    }
    String sequence = line.substring(0, 16);
    String id = line.substring(17, 17 + 64);
    String time = line.substring(LINE_BYTES);
    if (!sequence.matches("[0-9a-f]{16}") || !id.matches("[0-9a-f]{64}") || !(time.equals("-") || time.matches("[0-9]{1,18}"))) {
      throw damaged(file, name, lineNumber, "expected 16 hex digits, 64 hex digits and epoch milliseconds or '-'");
    }
    return new RefEntry(name, Long.parseUnsignedLong(sequence, 16), id,
        time.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(time)));
  }

  private static IOException damaged(Path file, String name, int line, String why) {
    return new IOException("ref log " + name + " is damaged at line " + line + ": " + why + " (file=" + file + ")");
  }

  /** The bytes of a log holding {@code entries}. */
  static byte[] encode(List<RefEntry> entries) {
    StringBuilder out = new StringBuilder(entries.size() * (LINE_BYTES + 15));
    for (RefEntry e : entries) {
      out.append(String.format("%016x", e.sequence())).append(' ').append(StoreLayout.checkSnapshotId(e.snapshotId()))
          .append(' ').append(e.time() == null ? "-" : Long.toString(e.time().toEpochMilli())).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Replaces ref {@code name}'s log with {@code entries}, atomically (the writer holds the lock). */
  static void write(StoreLayout layout, String name, List<RefEntry> entries) throws IOException {
    SafeFiles.ensureDirectory(layout.logsDir());
    SafeFiles.ensureDirectory(layout.tmpDir());
    FileSync.writeAtomically(layout.tmpDir(), layout.refLogFile(name), encode(entries));
  }

  /**
   * Makes ref {@code name}'s log hold {@code entries} unless it already does (so a writer's open reads each log
   * and rewrites only a stale one). O(entries).
   */
  static void sync(StoreLayout layout, String name, List<RefEntry> entries) throws IOException {
    Optional<List<RefEntry>> onDisk;
    try {
      onDisk = read(layout, name);
    } catch (IOException damaged) {
      onDisk = Optional.empty();
    }
    if (!onDisk.equals(Optional.of(entries))) {
      write(layout, name, entries);
    }
  }

  /** Deletes ref {@code name}'s log, if any, and forces the folder. */
  static void delete(StoreLayout layout, String name) throws IOException {
    if (SafeFiles.deleteRegularFile(layout.refLogFile(name))) {
      FileSync.forceDirectory(layout.logsDir());
    }
  }
}
