package io.graphsnap.reader;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Recognises the JVM's report of a fault in mapped memory and turns it into a {@link CorruptSnapshotException}
 * that names the file. Snapshots are immutable once published, but another process can still truncate or
 * rewrite a file a reader has mapped; a read past the file's new end then raises a {@code SIGBUS}, which the JVM
 * turns into {@code java.lang.InternalError: a fault occurred in an unsafe memory access operation} at the
 * reading instruction. The snapshot's answers cannot be trusted after that, so a long-running reader should
 * close the {@link GraphSnapshot} and open the published one again.
 *
 * <p>Usage at a request boundary: {@code catch (InternalError e) { if (MappingFaults.isMappingFault(e)) throw
 * MappingFaults.corrupt(g.path(), g.byteSize()); throw e; }}. Stateless, thread-safe.
 */
public final class MappingFaults {
  private static final String JVM_MESSAGE = "unsafe memory access";

  private MappingFaults() {}

  /** True if {@code t}, or one of its causes, is the JVM's report of a fault in mapped memory. */
  public static boolean isMappingFault(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
      if (c instanceof InternalError && c.getMessage() != null && c.getMessage().contains(JVM_MESSAGE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception to raise for a fault while reading {@code file}, mapped with {@code mappedBytes} bytes: it
   * says the file changed or shrank while mapped, with its size now.
   */
  public static CorruptSnapshotException corrupt(Path file, long mappedBytes) {
    String now;
    try {
      now = Files.size(file) + " bytes";
    } catch (IOException | RuntimeException e) {
      now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "unreadable" : "deleted";
    }
    return new CorruptSnapshotException(file.toString(), "(file)", 0, "the file changed or shrank while mapped "
        + "(mapped " + mappedBytes + " bytes, now " + now + "); published snapshots are never rewritten, so another "
        + "process truncated or replaced it: open the published snapshot again, and run 'graphsnap verify'");
  }
}
