package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildProgress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times the phases of one build and tells the progress listener. Mutable; one per build; not thread-safe. */
public final class PhaseClock {
  private final BuildProgress progress;
  private final Map<String, Duration> durations = new LinkedHashMap<>();
  private String current;
  private long startNanos;

  /** Creates a clock reporting to {@code progress}. */
  public PhaseClock(BuildProgress progress) {
    this.progress = progress;
  }

  /** Ends the current phase, if any, and starts {@code name}. */
  public void start(String name) {
    stop();
    current = name;
    startNanos = System.nanoTime();
    progress.phase(name);
  }

  /** Reports progress within the current phase. */
  public void advance(long done, long total) {
    progress.advance(done, total);
  }

  /** Ends the current phase, if any. */
  public void stop() {
    if (current != null) {
      durations.merge(current, Duration.ofNanos(System.nanoTime() - startNanos), Duration::plus);
      current = null;
    }
  }

  /** The durations of the finished phases, in the order they ran. */
  public Map<String, Duration> durations() {
    return durations;
  }
}
