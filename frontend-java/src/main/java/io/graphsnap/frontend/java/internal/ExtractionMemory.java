package io.graphsnap.frontend.java.internal;

/**
 * A budget of heap bytes that extraction workers reserve before they parse a file, so that several large
 * files are never parsed at once. javac's parse tree and the extractor's tables take about {@link
 * #HEAP_BYTES_PER_SOURCE_BYTE} bytes of heap per source byte (measured on generated files of fields and
 * methods: see the module README); the budget is half the maximum heap, the rest being left to the sink, the
 * reader thread's queue and the garbage collector's headroom.
 *
 * <p>A reservation larger than the whole budget is cut to the budget: such a file waits until nothing else
 * is being parsed, then is tried alone (and fails on its own if the heap is still too small). So the
 * estimate only orders work; it never rejects a file. Thread-safe; reservations block, in FIFO-agnostic order.
 */
public final class ExtractionMemory {
  /** Heap bytes per source byte that a parse is assumed to take. */
  public static final long HEAP_BYTES_PER_SOURCE_BYTE = 96;
  /** What any file is assumed to take at least (the extractor's tables, javac's per-task state). */
  private static final long MIN_RESERVATION = 1L << 20;

  private final long capacity;
  private long reserved;

  /** A budget of {@code capacity} bytes. */
  public ExtractionMemory(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** A budget of half this JVM's maximum heap. */
  public static ExtractionMemory ofHeap() {
    return new ExtractionMemory(Math.max(MIN_RESERVATION, Runtime.getRuntime().maxMemory() / 2));
  }

  /**
   * Reserves what parsing a file of {@code sourceBytes} bytes is estimated to take, waiting while other
   * reservations leave too little. Returns the amount reserved, to {@link #release} afterwards.
   *
   * @throws InterruptedException if the thread is interrupted while waiting (nothing is then reserved)
   */
  public synchronized long reserve(long sourceBytes) throws InterruptedException {
    long want = Math.min(capacity, Math.max(MIN_RESERVATION, multiplySaturated(sourceBytes)));
    while (reserved > 0 && reserved + want > capacity) {
      wait();
    }
    reserved += want;
    return want;
  }

  /** Returns {@code amount}, as returned by {@link #reserve}, to the budget. */
  public synchronized void release(long amount) {
    reserved -= amount;
    notifyAll();
  }

  /** The bytes reserved now. */
  public synchronized long reserved() {
    return reserved;
  }

  private static long multiplySaturated(long sourceBytes) {
    return sourceBytes > Long.MAX_VALUE / HEAP_BYTES_PER_SOURCE_BYTE
        ? Long.MAX_VALUE : sourceBytes * HEAP_BYTES_PER_SOURCE_BYTE;
  }
}
