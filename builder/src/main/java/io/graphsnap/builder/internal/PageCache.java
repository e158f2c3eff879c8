package io.graphsnap.builder.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Best-effort eviction of a file's pages from the OS page cache, through libc over FFM ({@code madvise},
 * {@code posix_fadvise}): an incremental build drops the previous snapshot's pages once it has copied them, so
 * that the kernel hands those just-freed pages to the new file instead of fresh ones (on virtual machines that
 * return free memory to the host, a fresh page costs a host fault, about 4 ms per MiB written; a recycled one
 * costs a copy). Eviction never changes data: a later read of an evicted page faults it in from the file again.
 *
 * <p>A no-op where the calls are unavailable (not Linux on x86-64 or AArch64, or native access denied). Thread-safe and stateless
 * apart from one open file descriptor per {@link File}.
 */
public final class PageCache {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int MADV_DONTNEED = 4;
  private static final int POSIX_FADV_DONTNEED = 4;
  private static final int SC_PAGESIZE = 30;

  private static final MethodHandle OPEN;
  private static final MethodHandle CLOSE;
  private static final MethodHandle MADVISE;
  private static final MethodHandle FADVISE;
  private static final long PAGE;

  static {
    MethodHandle open = null;
    MethodHandle close = null;
    MethodHandle madvise = null;
    MethodHandle fadvise = null;
    long page = 0;
    try {
      String arch = System.getProperty("os.arch", "");
      // The constants above are Linux's on these architectures (POSIX_FADV_DONTNEED differs on some others).
      if (System.getProperty("os.name", "").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        open = linker.downcallHandle(libc.findOrThrow("open"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        close = linker.downcallHandle(libc.findOrThrow("close"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        madvise = linker.downcallHandle(libc.findOrThrow("madvise"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        fadvise = linker.downcallHandle(libc.findOrThrow("posix_fadvise"), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT));
        MethodHandle sysconf = linker.downcallHandle(libc.findOrThrow("sysconf"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        page = (long) sysconf.invokeExact(SC_PAGESIZE);
      }
    } catch (Throwable unavailable) {
      // No libc, no native access, or an unexpected platform: eviction stays a no-op.
      open = null;
    }
    boolean ok = open != null && page > 0 && Long.bitCount(page) == 1;
    OPEN = ok ? open : null;
    CLOSE = ok ? close : null;
    MADVISE = ok ? madvise : null;
    FADVISE = ok ? fadvise : null;
    PAGE = ok ? page : 4096;
  }

  private PageCache() {}

  /** True if eviction does anything on this platform. */
  public static boolean available() {
    return OPEN != null;
  }

  /**
   * A file whose pages can be evicted, mapped read-only by the caller at {@code mapping} (offset 0 of the file).
   * Holds a read-only descriptor until {@link #close()}. Not thread-safe.
   */
  public static final class File implements AutoCloseable {
    private final MemorySegment mapping;
    private int fd;
    /** Set once a call failed: later evictions are skipped. */
    private boolean failed;

    private File(MemorySegment mapping, int fd) {
      this.mapping = mapping;
      this.fd = fd;
    }

    /**
     * Drops this process's mapping of the whole pages inside {@code [offset, offset + length)} of the file and
     * asks the kernel to evict them. Pages still mapped elsewhere, dirty or under writeback stay. O(pages).
     */
    public void evict(long offset, long length) {
      if (fd < 0 || failed || length <= 0) {
        return;
      }
      long start = wholePagesStart(offset);
      long end = wholePagesEnd(mapping, offset + length);
      if (end <= start) {
        return;
      }
      try {
        int unused = (int) MADVISE.invokeExact(mapping.asSlice(start, end - start), end - start, MADV_DONTNEED);
        unused = (int) FADVISE.invokeExact(fd, start, end - start, POSIX_FADV_DONTNEED);
      } catch (Throwable e) {
        failed = true;
      }
    }

    /**
     * Asks the kernel to evict every page of the file, without touching the mapping: call once the caller has
     * closed every mapping of it (pages still mapped are kept). O(pages).
     */
    public void evictUnmapped() {
      if (fd < 0 || failed) {
        return;
      }
      try {
        int unused = (int) FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED); // length 0: to the end
      } catch (Throwable e) {
        failed = true;
      }
    }

    /** Closes the descriptor; the mapping is the caller's. Idempotent. */
    @Override
    public void close() {
      if (fd >= 0) {
        try {
          int unused = (int) CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
          // Nothing to do: the descriptor is gone either way.
        }
        fd = -1;
      }
    }
  }

  /**
   * Drops this process's resident pages of the whole pages inside {@code [from, to)} of {@code mapping}, a read-only
   * mapping of a file: they no longer count in the process's resident set, while the file's pages stay in the page
   * cache, so a later read of them faults them back in without touching the disk. For files read once, front to
   * back, whose mapped pages would otherwise add their whole length to the resident set. Never changes data.
   * O(pages); a no-op where unavailable.
   */
  public static void releaseMapped(MemorySegment mapping, long from, long to) {
    if (MADVISE == null || to <= from) {
      return;
    }
    long start = wholePagesStart(from);
    long end = wholePagesEnd(mapping, to);
    if (end <= start) {
      return;
    }
    try {
      int unused = (int) MADVISE.invokeExact(mapping.asSlice(start, end - start), end - start, MADV_DONTNEED);
    } catch (Throwable e) {
      // Best effort: the pages stay resident.
    }
  }

  /** The first whole page at or after {@code offset} of a mapping (mappings of a file start on a page). */
  private static long wholePagesStart(long offset) {
    return Math.max(0, (offset + PAGE - 1) & -PAGE);
  }

  /** The end of the last whole page at or before {@code offset} of {@code mapping}, or its end (its last page). */
  private static long wholePagesEnd(MemorySegment mapping, long offset) {
    long end = Math.min(offset, mapping.byteSize());
    return end == mapping.byteSize() ? end : end & -PAGE;
  }

  /**
   * Releases the pages of a mapping read front to back once the reader is {@link #STEP} bytes past them
   * ({@link #releaseMapped}): the resident set holds at most that much of the file, whatever its length. Mutable,
   * not thread-safe.
   */
  public static final class ReleaseBehind {
    /** How far the reader gets before the pages behind it are released. */
    public static final long STEP = 64L << 20;
    private final MemorySegment mapping;
    private long released;

    public ReleaseBehind(MemorySegment mapping) {
      this.mapping = mapping;
    }

    /** The reader is at {@code position}: releases the pages before it once it moved {@link #STEP} bytes on. */
    public void at(long position) {
      if (position - released >= STEP) {
        releaseMapped(mapping, released, position);
        released = position & -PAGE;
      }
    }
  }

  /**
   * Opens {@code path} for eviction of the pages of {@code mapping} (its whole-file read-only mapping), or
   * returns a {@link File} whose {@link File#evict} does nothing if eviction is unavailable.
   */
  public static File open(Path path, MemorySegment mapping) {
    int fd = -1;
    if (OPEN != null) {
      try (Arena arena = Arena.ofConfined()) {
        fd = (int) OPEN.invokeExact(arena.allocateFrom(path.toAbsolutePath().toString()), O_RDONLY | O_CLOEXEC, 0);
      } catch (Throwable e) {
        fd = -1;
      }
    }
    return new File(mapping, fd);
  }
}
