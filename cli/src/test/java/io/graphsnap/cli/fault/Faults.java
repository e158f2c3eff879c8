package io.graphsnap.cli.fault;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switchboard of simulated faults for {@link FaultyFileSystemProvider}: while armed, every file system
 * operation on a path under {@link #scope} is counted, and from the {@code failAt}-th counted operation on,
 * each one fails like a full disk or a permission error would (the fault is sticky, as a full disk or a
 * read-only folder is). Deleting is never refused by a full disk (it frees space), so cleanup still works
 * there; a permission fault refuses deletes too, so temporaries may stay behind. Thread-safe (volatile
 * fields, atomic counter); one scenario at a time.
 */
public final class Faults {
  /** What a counted operation does. */
  public enum Op {
    /** Open or create a file for writing, create a temporary file. */
    CREATE,
    /** Write bytes through a channel or truncate. */
    WRITE,
    /** fsync of a file or folder. */
    FORCE,
    /** Rename. */
    MOVE,
    /** Delete. */
    DELETE,
    /** Create a folder. */
    MKDIR,
    /** Open a file or list a folder for reading (counted only for permission faults). */
    READ
  }

  /** The kind of fault. */
  public enum Kind {
    /** ENOSPC: writes, creates, renames and fsyncs fail; reads and deletes work. */
    DISK_FULL,
    /** EACCES: every counted operation fails, reads and deletes included. */
    ACCESS_DENIED
  }

  private static volatile Path scope;
  private static volatile Kind kind = Kind.DISK_FULL;
  private static volatile long failAt = Long.MAX_VALUE;
  private static volatile boolean active;
  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicLong INJECTED = new AtomicLong();
  private static final java.util.List<String> TRACE = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  private Faults() {}

  /** True when the faulty provider is the JVM's default file system provider. */
  public static boolean installed() {
    return java.nio.file.FileSystems.getDefault().provider() instanceof FaultyFileSystemProvider;
  }

  /**
   * Starts counting operations under {@code root} (absolute, normalised); the {@code failAt}-th and every later
   * one fails with {@code kind}. {@code failAt = Long.MAX_VALUE} only counts.
   */
  public static void arm(Path root, Kind kind, long failAt) {
    Path absolute = root.toAbsolutePath().normalize();
    Faults.scope = absolute instanceof FaultyPath wrapped ? wrapped.delegate() : absolute;
    Faults.kind = kind;
    Faults.failAt = failAt;
    COUNT.set(0);
    INJECTED.set(0);
    TRACE.clear();
    active = true;
  }

  /** Stops counting and failing. Returns the number of operations counted while armed. */
  public static long disarm() {
    active = false;
    return COUNT.get();
  }

  /** The operations counted since the last {@link #arm}, as {@code "n OP path"} (path relative to the scope). */
  public static java.util.List<String> trace() {
    synchronized (TRACE) {
      return java.util.List.copyOf(TRACE);
    }
  }

  /** Faults thrown since the last {@link #arm}. */
  public static long injected() {
    return INJECTED.get();
  }

  /** Called by the provider before each operation on {@code path}. */
  static void check(Op op, Path path) throws IOException {
    if (!active || path == null) {
      return;
    }
    Path root = scope;
    Path absolute = path.toAbsolutePath().normalize();
    if (root == null || !absolute.startsWith(root)) {
      return;
    }
    Kind k = kind;
    if (k == Kind.DISK_FULL && (op == Op.READ || op == Op.DELETE)) {
      return;
    }
    long n = COUNT.incrementAndGet();
    TRACE.add(n + " " + op + " " + root.relativize(absolute));
    if (n >= failAt) {
      INJECTED.incrementAndGet();
      throw k == Kind.DISK_FULL ? diskFull(op, absolute) : new AccessDeniedException(absolute.toString(), null,
          "Permission denied (simulated " + op + ")");
    }
  }

  private static IOException diskFull(Op op, Path path) {
    if (op == Op.WRITE || op == Op.FORCE) {
      return new IOException("No space left on device (simulated " + op + " of " + path + ")");
    }
    return new FileSystemException(path.toString(), null, "No space left on device (simulated " + op + ")");
  }
}
