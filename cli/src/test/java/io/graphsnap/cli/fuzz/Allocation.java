package io.graphsnap.cli.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by the current thread ({@code com.sun.management.ThreadMXBean}), for the fuzz targets'
 * allocation budget: what reading a file allocates must stay proportional to the file.
 */
final class Allocation {
  /** Heap bytes the reader may allocate per byte of the file it opens, queries and verifies. */
  static final long BYTES_PER_FILE_BYTE = 32;
  /** Plus this much, for the fixed costs (class initialisation, the first JIT-compiled paths, small buffers). */
  static final long FIXED_BYTES = 16L << 20;

  /**
   * True in Jazzer's fuzzing mode, whose comparison hooks allocate inside the instrumented code and so make the
   * thread's allocation counter meaningless; the budget is then checked when the corpus is replayed without them.
   */
  static final boolean HOOKED = truthy(System.getenv("JAZZER_FUZZ")) || truthy(System.getProperty("JAZZER_FUZZ"));

  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private Allocation() {}

  /** Bytes allocated by this thread so far, or -1 where the JVM cannot tell. */
  static long ofThisThread() {
    return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
  }

  private static boolean truthy(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported()) {
      t.setThreadAllocatedMemoryEnabled(true);
      return t;
    }
    return null;
  }
}
