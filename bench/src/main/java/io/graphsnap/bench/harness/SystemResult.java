package io.graphsnap.bench.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one system's run measured and answered, as {@code key=value} pairs, written by the system's process and
 * read by the harness. Keys: {@code load.seconds}, {@code open.seconds}, {@code heap.bytes}, {@code disk.bytes},
 * {@code nodes}, {@code edges}, {@code lookup.hit.ns}, {@code lookup.miss.ns}, {@code neighbours.ns},
 * {@code query.ns}, {@code bfs.seconds}, {@code bfs.edges}, {@code pagerank.seconds},
 * {@code pagerank.iteration.seconds}, {@code bandwidth.threads.<k>.bytesPerSecond}; each timed key may have a
 * {@code .runs} companion; answers under {@code answer.*}; failures under {@code error.<phase>}. Not thread-safe.
 */
public final class SystemResult {
  private final TreeMap<String, String> values = new TreeMap<>();

  /** Sets {@code key} to a number. */
  public void put(String key, double value) {
    values.put(key, Double.toString(value));
  }

  /** Sets {@code key} to a string. */
  public void put(String key, String value) {
    values.put(key, value);
  }

  /** Records a timed figure and how many runs its median is of. */
  public void put(String key, Timing.Sample sample) {
    put(key, sample.seconds());
    put(key + ".runs", sample.runs());
  }

  /** The number at {@code key}, or NaN if absent. */
  public double number(String key) {
    String v = values.get(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }

  /** The string at {@code key}, or {@code null}. */
  public String string(String key) {
    return values.get(key);
  }

  /** The keys that start with {@code prefix}, sorted. */
  public java.util.List<String> keys(String prefix) {
    return values.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  /** The first recorded error, as {@code phase: message}, or {@code null}. */
  public String firstError() {
    for (var e : values.entrySet()) {
      if (e.getKey().startsWith("error.")) {
        return e.getKey().substring(6) + ": " + e.getValue();
      }
    }
    return null;
  }

  /** Writes the pairs, sorted by key. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.putAll(values);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "graphsnap bench harness result");
    }
  }

  /** Reads pairs written by {@link #write}. */
  public static SystemResult read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    SystemResult result = new SystemResult();
    for (String key : p.stringPropertyNames()) {
      result.values.put(key, p.getProperty(key));
    }
    return result;
  }
}
