package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.LittleEndian;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bandwidth line: writes a file of random bytes (so that every page is distinct in the page cache), maps
 * it, and reads it sequentially as longs, summing them, with 1 thread and with all cores (each thread a
 * contiguous share); the median of repeated passes after one warm-up pass. This is the speed at which Java code
 * can stream mapped memory on this machine, the limit any scan of the snapshot's CSR can approach.
 */
public final class BandwidthProbe {
  private static final ValueLayout.OfLong LONG = LittleEndian.LONG;

  /** Keeps the sums alive so that the JIT cannot drop the reads. */
  private static volatile long sink;

  private BandwidthProbe() {}

  /** Measures and records {@code bandwidth.bytes} and {@code bandwidth.threads.<k>.bytesPerSecond}. */
  public static void run(Workload workload, SystemResult result) throws Exception {
    Path dir = workload.systemDir("bandwidth");
    Files.createDirectories(dir);
    Path file = dir.resolve("stream.bin");
    long bytes = workload.settings().bandwidthBytes();
    write(file, bytes);
    result.put("bandwidth.bytes", bytes);
    try (Arena arena = Arena.ofShared(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
      int cores = Runtime.getRuntime().availableProcessors();
      for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
        Timing.Sample s = Timing.median(1, 5, workload.settings().budgetSeconds(), () -> sink += read(mapped, threads));
        result.put("bandwidth.threads." + threads + ".bytesPerSecond", bytes / s.seconds());
        result.put("bandwidth.threads." + threads + ".runs", s.runs());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void write(Path file, long bytes) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(LittleEndian.ORDER);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      long written = 0;
      while (written < bytes) {
        buffer.clear();
        while (buffer.remaining() >= 8) {
          buffer.putLong(random.nextLong());
        }
        buffer.flip();
        buffer.limit((int) Math.min(buffer.limit(), bytes - written));
        while (buffer.hasRemaining()) {
          written += ch.write(buffer);
        }
      }
    }
  }

  private static long read(MemorySegment segment, int threads) throws Exception {
    long words = segment.byteSize() / 8;
    if (threads == 1) {
      return sum(segment, 0, words);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] parts = new Future<?>[threads];
      long share = (words + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        long from = Math.min(words, t * share);
        long to = Math.min(words, from + share);
        parts[t] = pool.submit(() -> sum(segment, from, to));
      }
      long total = 0;
      for (Future<?> f : parts) {
        total += (Long) f.get();
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  private static long sum(MemorySegment segment, long fromWord, long toWord) {
    long sum = 0;
    for (long i = fromWord; i < toWord; i++) {
      sum += segment.get(LONG, 8 * i);
    }
    return sum;
  }
}
