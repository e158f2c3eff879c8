package io.graphsnap.bench.serve;

/**
 * Latencies in whole microseconds up to {@value #MAX_MICROS} (one counter each; above that, one overflow
 * counter holding the maximum), merged across clients for percentiles. Not thread-safe: one per client.
 */
final class LatencyHistogram {
  static final int MAX_MICROS = 200_000;
  private final int[] counts = new int[MAX_MICROS + 1];
  private long total;
  private long maxNanos;

  void record(long nanos) {
    int micros = (int) Math.min(MAX_MICROS, nanos / 1_000);
    counts[micros]++;
    total++;
    maxNanos = Math.max(maxNanos, nanos);
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  long count() {
    return total;
  }

  /** The latency in microseconds below which a fraction {@code q} of the samples fall. */
  double percentileMicros(double q) {
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank && seen > 0) {
        return i == MAX_MICROS ? maxNanos / 1_000.0 : i + 0.5;
      }
    }
    return maxNanos / 1_000.0;
  }

  double maxMicros() {
    return maxNanos / 1_000.0;
  }
}
