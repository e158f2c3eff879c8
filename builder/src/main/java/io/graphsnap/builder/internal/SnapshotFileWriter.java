package io.graphsnap.builder.internal;

import io.graphsnap.format.object.Hex;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.function.Function;

/**
 * Puts a snapshot file in place crash-safely: writes a temporary file in the target's directory, forces it to
 * disk while hashing it by reading it back sequentially (two threads), renames it atomically onto the target
 * and forces the directory. A reader of the target sees the old file or the complete new one, never a partial one. On any
 * failure the temporary file is deleted and the target is left as it was. Stateless.
 */
public final class SnapshotFileWriter {
  private SnapshotFileWriter() {}

  /**
   * What was written.
   *
   * @param sha256Hex lower-case hex SHA-256 of the file's bytes
   * @param bytes the file's size
   * @param path where the file now is
   * @param sitesBytes the length of its CALL_SITES section
   */
  public record Written(String sha256Hex, long bytes, Path path, long sitesBytes) {}

  /** Writes {@code graph} to {@code target} as described above; creates the target's directory if needed. */
  public static Written write(CompiledGraph graph, io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout,
      Path target, PhaseClock clock) throws IOException {
    Path absolute = target.toAbsolutePath();
    return write(new CompiledSections(graph, layout), absolute.getParent(), "." + absolute.getFileName(), sha -> absolute, clock);
  }

  /**
   * Writes {@code graph} into {@code dir} under the name {@code nameOf} gives for the file's SHA-256 hex, as
   * described above; creates {@code dir} if needed.
   */
  public static Written writeInto(CompiledGraph graph, io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout,
      Path dir, Function<String, String> nameOf, PhaseClock clock) throws IOException {
    return writeInto(new CompiledSections(graph, layout), dir, nameOf, clock);
  }

  /** Writes {@code body} into {@code dir} as {@link #writeInto(CompiledGraph, io.graphsnap.format.snapshot.CompactCsrFormat.Layout, Path, Function, PhaseClock)} does. */
  public static Written writeInto(SnapshotBody body, Path dir, Function<String, String> nameOf, PhaseClock clock)
      throws IOException {
    Path absolute = dir.toAbsolutePath();
    return write(body, absolute, ".snapshot", sha -> absolute.resolve(nameOf.apply(sha)), clock);
  }

  /**
   * Puts {@code bytes}, a whole file held in memory (such as a layered delta), into {@code dir} under the name
   * {@code nameOf} gives for their SHA-256 hex, crash-safely as above: a temporary file written and forced, renamed
   * atomically, the directory forced. If a file of that name exists it is replaced by the same bytes. O(bytes).
   */
  public static Written publishBytes(byte[] bytes, Path dir, Function<String, String> nameOf) throws IOException {
    Path absolute = dir.toAbsolutePath();
    String hex = Hex.of(ObjectId.sha256().digest(bytes));
    Path target = absolute.resolve(nameOf.apply(hex));
    return publish(absolute, ".delta", ch -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
      return new Written(hex, bytes.length, target, 0);
    });
  }

  private static Written write(SnapshotBody body, Path dir, String tempPrefix, Function<String, Path> targetOf,
      PhaseClock clock) throws IOException {
    return publish(dir, tempPrefix, ch -> {
      io.graphsnap.format.snapshot.SnapshotHeader header = new SnapshotWriter(body, clock).write(ch);
      Written written = forceAndHash(ch);
      var sites = header.entry(io.graphsnap.format.snapshot.SectionId.CALL_SITES);
      return new Written(written.sha256Hex(), written.bytes(), targetOf.apply(written.sha256Hex()),
          sites == null ? 0 : sites.length());
    });
  }

  /** Writes a temporary file's contents and forces them; says where the file goes ({@link Written#path()}). */
  @FunctionalInterface
  private interface Contents {
    Written writeAndForce(FileChannel ch) throws IOException;
  }

  /**
   * The one crash-safe way a file is put in place here: a new temporary file in {@code dir} (created if needed) is
   * written and forced by {@code contents}, renamed atomically onto the path it names, and the directory forced.
   * On any failure the temporary file is deleted and the target is left as it was.
   */
  private static Written publish(Path dir, String tempPrefix, Contents contents) throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve(tempPrefix + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      Written written;
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.READ)) {
        written = contents.writeAndForce(ch);
      }
      try {
        Files.move(temp, written.path(), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + temp + " atomically onto " + written.path() + ": " + e.getMessage(), e);
      }
      moved = true;
      forceDirectory(dir);
      return written;
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the failure that got us here is the one to report.
        }
      }
    }
  }

  /**
   * Forces the file to disk on another thread while this one hashes it: the sync waits on the device and the
   * hash reads the page cache, so together they take about as long as the slower of the two.
   */
  private static Written forceAndHash(FileChannel ch) throws IOException {
    IOException[] failure = new IOException[1];
    Thread forcer = Thread.ofPlatform().name("graphsnap-force").start(() -> {
      try {
        ch.force(true);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    Written written;
    try {
      written = hash(ch);
    } finally {
      boolean interrupted = false;
      while (true) {
        try {
          forcer.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return written;
  }

  /** SHA-256 of the whole file, read back sequentially from offset 0 (mostly from the page cache). */
  private static Written hash(FileChannel ch) throws IOException {
    MessageDigest sha = ObjectId.sha256();
    // A heap array: MessageDigest hashes arrays with the CPU's SHA instructions, but copies a direct buffer
    // through a small temporary array first, which took half the time of an incremental build.
    byte[] chunk = new byte[SectionWriter.BUFFER_BYTES];
    ByteBuffer buffer = ByteBuffer.wrap(chunk);
    long size = ch.size();
    long position = 0;
    while (position < size) {
      buffer.clear();
      int n = ch.read(buffer, position);
      if (n < 0) {
        throw new IOException("file ended at " + position + " while hashing, expected " + size + " bytes");
      }
      sha.update(chunk, 0, n);
      position += n;
    }
    return new Written(Hex.of(sha.digest()), size, null, 0);
  }

  /** Forces the directory entry of the rename to disk; skipped where directories cannot be opened (Windows). */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Not supported on this platform: the rename is still atomic, only its durability is up to the OS.
    }
  }
}
