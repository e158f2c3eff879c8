package io.graphsnap.frontend.java;

import io.graphsnap.frontend.java.internal.ParsedUnit;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parse trees that the declaration pass ({@link DeclarationScan}) keeps for the extraction pass
 * ({@link ParallelExtraction}), so that a file is parsed once per build instead of twice.
 *
 * <p>Memory: trees are kept while their estimated size ({@value #HEAP_BYTES_PER_SOURCE_BYTE} heap bytes per
 * source byte; java.base, 52 MB of sources, measured 8.3 with every tree kept) fits a budget (a quarter of
 * the maximum heap by default), and each only through a {@link SoftReference}: the garbage collector may drop
 * any of them before it would run out of memory, and a dropped tree is simply parsed again. A tree is handed
 * out at most once ({@link #take}) and forgotten then, so memory falls as the extraction pass goes on.
 *
 * <p>A kept tree is the one javac parsed from exactly the bytes whose SHA-256 is stored with it; the
 * extraction pass uses it only for the same path, so the summary is the same as from a fresh parse.
 * Thread-safe.
 */
public final class RetainedTrees {
  /** Estimated heap bytes a kept tree takes per source byte (text and bytes included). */
  public static final long HEAP_BYTES_PER_SOURCE_BYTE = 12;
  private static final long PER_FILE_BYTES = 16 << 10;

  /** A parsed file handed back: its source SHA-256 and its tree. */
  record Tree(byte[] sourceSha256, ParsedUnit unit) {}

  private record Kept(byte[] sourceSha256, long estimate, SoftReference<ParsedUnit> unit) {}

  private final long capacity;
  private final AtomicLong used = new AtomicLong();
  private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();

  /** A budget of {@code capacityBytes} estimated heap bytes (0 keeps nothing). */
  public RetainedTrees(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacity must not be negative, not " + capacityBytes);
    }
    this.capacity = capacityBytes;
  }

  /** A budget of a quarter of this JVM's maximum heap. */
  public static RetainedTrees ofHeap() {
    return new RetainedTrees(Runtime.getRuntime().maxMemory() / 4);
  }

  /** Keeps {@code unit} if it fits the budget; returns whether it was kept. */
  boolean offer(ParsedUnit unit, byte[] sourceSha256) {
    long estimate = PER_FILE_BYTES + (long) unit.sourceLength() * HEAP_BYTES_PER_SOURCE_BYTE;
    long now;
    do {
      now = used.get();
      if (now + estimate > capacity) {
        return false;
      }
    } while (!used.compareAndSet(now, now + estimate));
    Kept old = kept.put(unit.path(), new Kept(sourceSha256.clone(), estimate, new SoftReference<>(unit)));
    if (old != null) {
      used.addAndGet(-old.estimate());
    }
    return true;
  }

  /** The kept tree of {@code path}, or null (never kept, dropped by the collector, or taken already). */
  Tree take(String path) {
    Kept k = kept.remove(path);
    if (k == null) {
      return null;
    }
    used.addAndGet(-k.estimate());
    ParsedUnit unit = k.unit().get();
    return unit == null ? null : new Tree(k.sourceSha256(), unit);
  }

  /** The kept tree of {@code path} if it was parsed from bytes of this SHA-256, else null; forgotten either way. */
  Tree take(String path, byte[] sourceSha256) {
    Tree t = take(path);
    return t != null && Arrays.equals(t.sourceSha256(), sourceSha256) ? t : null;
  }

  /** The number of trees kept now (some may have been dropped by the collector since). */
  public int size() {
    return kept.size();
  }

  /** Forgets every kept tree. */
  public void clear() {
    kept.clear();
    used.set(0);
  }
}
