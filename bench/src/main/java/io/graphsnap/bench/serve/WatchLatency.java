package io.graphsnap.bench.serve;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Save-to-answer latency of {@code graphsnap serve --watch}: adds a method to one Java file of the watched tree
 * the way an editor saves (write a temporary file, rename it over the original), then asks the server for that
 * method every millisecond until it answers 200; prints each run and the median. Restores the file at the end.
 * The debounce time is part of what is measured.
 *
 * <pre>
 * graphsnap serve --store STORE --watch SRC --port 7431 &amp;
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.serve.WatchLatency --url http://127.0.0.1:7431 \
 *     --file SRC/p/Foo.java --class p.Foo --runs 20
 * </pre>
 *
 * <p>With {@code --jsonl FILE.jsonl [--line N]} instead (a watched JSON Lines file, e.g. the bench's {@code medium}
 * graph written by {@code SyntheticJsonl}): each run adds a symbol to line N (default: the middle line) and saves
 * the whole file the same way (temporary file, rename); the time starts at the rename, so writing the file is not
 * counted. Restores the file at the end. {@code --jsonl DIR} (a folder of shards watched with {@code serve --watch DIR
 * --jsonl}, e.g. written by {@code SyntheticJsonl --shards K}) edits the middle shard ({@code *.jsonl} in name order)
 * the same way.
 */
public final class WatchLatency {
  /**
   * How long to wait after an answer before the next save ({@code --pause-ms}, default 300): longer than the
   * server's warm-up quiet time (1 s) lets its answer warmer start between saves, so that a save meets it.
   */
  private static long pauseMillis = 300;

  private WatchLatency() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create("http://127.0.0.1:7431");
    Path file = null;
    String className = null;
    Path jsonl = null;
    int line = -1;
    int runs = 20;
    double timeoutSeconds = 120;
    for (int i = 0; i < args.length; i++) { // --pause-ms first: the runs read it
      if (args[i].equals("--pause-ms")) {
        pauseMillis = Long.parseLong(args[i + 1]);
      }
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = URI.create(args[++i]);
        case "--file" -> file = Path.of(args[++i]);
        case "--class" -> className = args[++i];
        case "--jsonl" -> jsonl = Path.of(args[++i]);
        case "--line" -> line = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--timeout" -> timeoutSeconds = Double.parseDouble(args[++i]);
        case "--pause-ms" -> i++;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--url, --file, --class, --jsonl, --line, --runs, --timeout, --pause-ms)");
      }
    }
    if (jsonl != null) {
      if (Files.isDirectory(jsonl)) {
        jsonl = middleShard(jsonl);
        System.out.println("editing shard " + jsonl);
      }
      jsonlRuns(url, jsonl, line, runs, timeoutSeconds);
      return;
    }
    if (file == null || className == null) {
      throw new IllegalArgumentException("--file F.java and --class its.FullName are required");
    }
    String original = Files.readString(file);
    int close = original.lastIndexOf('}');
    if (close < 0) {
      throw new IllegalArgumentException(file + " has no closing brace to add a method before");
    }
    List<Double> millis = new ArrayList<>();
    long stamp = System.currentTimeMillis();
    try (RawHttpClient http = new RawHttpClient(url, null)) {
      for (int run = 0; run < runs; run++) {
        String method = "graphsnapWatchProbe" + stamp + "x" + run;
        String edited = original.substring(0, close) + "  void " + method + "() {}\n" + original.substring(close);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".probe~");
        String before = snapshot(http);
        Files.writeString(tmp, edited);
        long t0 = System.nanoTime();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String path = "/api/lookup?name=" + URLEncoder.encode(className + "#" + method + "()", StandardCharsets.UTF_8);
        millis.add(awaitAnswer(http, before, path, t0, timeoutSeconds, run));
      }
    } finally {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".probe~");
      Files.writeString(tmp, original);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    Collections.sort(millis);
    report(millis);
  }

  /** The middle one of {@code folder}'s {@code *.jsonl} shards in name order. */
  static Path middleShard(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      List<Path> shards = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")
          && !p.getFileName().toString().startsWith(".")).sorted().toList();
      if (shards.isEmpty()) {
        throw new IllegalArgumentException(folder + " holds no .jsonl shard");
      }
      return shards.get(shards.size() / 2);
    }
  }

  /** The runs of {@code --jsonl}: a symbol added to one line of the watched file per run. */
  private static void jsonlRuns(URI url, Path jsonl, int line, int runs, double timeoutSeconds) throws Exception {
    byte[] original = Files.readAllBytes(jsonl);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < original.length; i++) {
      if (original[i] == '\n' && i + 1 < original.length) {
        starts.add(i + 1);
      }
    }
    int n = line >= 0 ? line : starts.size() / 2;
    if (n >= starts.size()) {
      throw new IllegalArgumentException(jsonl + " has " + starts.size() + " lines, no line " + n);
    }
    int from = starts.get(n);
    int to = n + 1 < starts.size() ? starts.get(n + 1) : original.length;
    String text = new String(original, from, to - from, StandardCharsets.UTF_8);
    int symbols = text.indexOf("\"symbols\"");
    int open = symbols < 0 ? -1 : text.indexOf('[', symbols);
    if (open < 0) {
      throw new IllegalArgumentException("line " + n + " of " + jsonl + " has no \"symbols\" array to add to");
    }
    Path tmp = jsonl.resolveSibling("." + jsonl.getFileName() + ".probe~");
    List<Double> millis = new ArrayList<>();
    long stamp = System.currentTimeMillis();
    try (RawHttpClient http = new RawHttpClient(url, null)) {
      for (int run = 0; run < runs; run++) {
        String symbol = "graphsnapWatchProbe" + stamp + "x" + run;
        String edited = text.substring(0, open + 1) + "{\"name\":\"" + symbol + "\",\"kind\":\"fn\"}"
            + (text.charAt(open + 1) == ']' ? "" : ",") + text.substring(open + 1);
        try (var out = Files.newOutputStream(tmp)) {
          out.write(original, 0, from);
          out.write(edited.getBytes(StandardCharsets.UTF_8));
          out.write(original, to, original.length - to);
        }
        String before = snapshot(http);
        long t0 = System.nanoTime();
        Files.move(tmp, jsonl, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String path = "/api/lookup?name=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8);
        millis.add(awaitAnswer(http, before, path, t0, timeoutSeconds, run));
      }
    } finally {
      Files.write(tmp, original);
      Files.move(tmp, jsonl, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    Collections.sort(millis);
    report(millis);
  }

  /**
   * Asks the cheap {@code /api/info} until the served snapshot is no longer {@code before}, then {@code path} until it
   * answers 200 (a lookup of a missing name answers 404 with suggestions, which costs a whole core when asked every
   * millisecond and slows the build it waits for); prints and returns the milliseconds since {@code t0}, then waits
   * {@link #pauseMillis} before the next save.
   */
  private static double awaitAnswer(RawHttpClient http, String before, String path, long t0, double timeoutSeconds,
      int run) throws IOException, InterruptedException {
    long deadline = t0 + (long) (timeoutSeconds * 1e9);
    while (before.equals(snapshot(http)) || http.get(path) != 200) {
      if (System.nanoTime() > deadline) {
        throw new IOException("run " + run + ": no answer within " + timeoutSeconds + " s");
      }
      Thread.sleep(1);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf("run %d: %.1f ms%n", run, ms);
    Thread.sleep(pauseMillis);
    return ms;
  }

  /** Prints the median, min and max of {@code millis} (sorted). */
  static void report(List<Double> millis) {
    double median = millis.size() % 2 == 1 ? millis.get(millis.size() / 2)
        : (millis.get(millis.size() / 2 - 1) + millis.get(millis.size() / 2)) / 2;
    System.out.printf("save to answer: median %.1f ms, min %.1f ms, max %.1f ms over %d runs%n", median, millis.getFirst(),
        millis.getLast(), millis.size());
  }

  /** The id of the snapshot the server answers from ({@code /api/info}), or "" if it answers none. */
  static String snapshot(RawHttpClient http) throws IOException {
    if (http.get("/api/info") != 200) {
      return "";
    }
    String body = http.body();
    int at = body.indexOf("\"snapshot\":\"");
    return at < 0 ? "" : body.substring(at + 12, body.indexOf('"', at + 12));
  }
}
