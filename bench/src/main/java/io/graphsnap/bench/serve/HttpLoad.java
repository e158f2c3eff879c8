package io.graphsnap.bench.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded HTTP load generator for {@code graphsnap serve}: {@code --clients} keep-alive connections send
 * requests back to back for {@code --warmup} then {@code --seconds}; each request's latency (send to last body
 * byte) goes into a histogram; prints p50, p90, p99, p99.9, max and requests per second for each endpoint, then the
 * client's own CPU time per request. The connections are driven by {@code --threads} event-loop threads (default
 * 1; {@link LoadLoop}: non-blocking, one request in flight per connection, as wrk2), so the client costs one write
 * and one read per request rather than a thread switch; {@code --blocking} gives the former client instead, a
 * blocking thread per connection ({@link RawHttpClient}). Bounded in time and memory (800 KB of histogram per
 * thread).
 *
 * <p>With {@code --rate R} the load is open-loop instead (as wrk2 does): the clients together send R requests per
 * second on a fixed schedule (client c's k-th request is due at {@code start + (k + c / clients) * clients / R}),
 * whether or not earlier answers have come back, and each latency is counted from the request's due time, so a
 * server that falls behind is charged for the queue it builds (no coordinated omission). A second histogram keeps
 * the service time (send to last byte) of the same requests. A closed loop cannot test a latency goal at a given
 * throughput: with 64 clients each waiting for its answer, the median is about 64 ÷ throughput (Little's law).
 *
 * <p>The names asked about are methods drawn from the snapshot ({@code /api/query?kind=method&limit=N}, or
 * {@code --names FILE} with one name per line), cycled; every answer must be 200 (a 404 counts as an error).
 *
 * <pre>
 * graphsnap serve --store STORE --port 7431 &amp;
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.serve.HttpLoad --url http://127.0.0.1:7431 \
 *     --clients 64 --seconds 10 --warmup 5 --endpoints lookup,neighbors,reach3
 * </pre>
 */
public final class HttpLoad {
  private HttpLoad() {}

  /**
   * What one endpoint run measured: {@code latencies} from send (closed loop) or from the due time (open loop),
   * {@code service} from send to last byte (the same as {@code latencies} in a closed loop).
   */
  record Result(String endpoint, long requests, long errors, double seconds, LatencyHistogram latencies,
      LatencyHistogram service) {
    String line() {
      return String.format("| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |", endpoint, requests, errors,
          requests / seconds, latencies.percentileMicros(0.50), latencies.percentileMicros(0.90),
          latencies.percentileMicros(0.99), latencies.percentileMicros(0.999), latencies.maxMicros());
    }

    String serviceLine() {
      return String.format("| %s (service time) | | | | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |", endpoint,
          service.percentileMicros(0.50), service.percentileMicros(0.90), service.percentileMicros(0.99),
          service.percentileMicros(0.999), service.maxMicros());
    }
  }

  public static void main(String[] args) throws Exception {
    URI url = URI.create("http://127.0.0.1:7431");
    int clients = 64;
    double seconds = 10;
    double warmup = 5;
    String token = null;
    Path namesFile = null;
    int nameCount = 20_000;
    double rate = 0;
    int threads = 1;
    boolean blocking = false;
    List<String> endpoints = List.of("lookup", "neighbors", "reach3");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = URI.create(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--token" -> token = args[++i];
        case "--names" -> namesFile = Path.of(args[++i]);
        case "--name-count" -> nameCount = Integer.parseInt(args[++i]);
        case "--endpoints" -> endpoints = List.of(args[++i].split(","));
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--blocking" -> blocking = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--url, --clients, --seconds,"
            + " --warmup, --token, --names, --name-count, --endpoints, --rate, --threads, --blocking)");
      }
    }
    if (clients < 1 || clients > 1024 || seconds <= 0 || seconds > 3600) {
      throw new IllegalArgumentException("--clients 1..1024 and --seconds 0..3600");
    }
    if (threads < 1 || threads > clients) {
      throw new IllegalArgumentException("--threads 1..clients");
    }
    if (rate < 0 || rate > 10_000_000) {
      throw new IllegalArgumentException("--rate 0..10,000,000 requests/s (0: closed loop)");
    }
    List<String> names = namesFile != null ? Files.readAllLines(namesFile) : names(url, token, nameCount);
    System.out.printf("%d clients (%s), %s, %.0f s warm-up, %.0f s measured per endpoint, %,d names, %s%n", clients,
        blocking ? "a thread each, blocking" : threads + " event-loop thread" + (threads == 1 ? "" : "s"),
        rate > 0 ? String.format("open loop at %,.0f requests/s, latency from each request's due time", rate)
            : "closed loop (each client waits for its answer)", warmup, seconds, names.size(), url);
    System.out.println("| endpoint | requests | errors | requests/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<String> cpu = new ArrayList<>();
    for (String endpoint : endpoints) {
      List<String> paths = paths(endpoint, names);
      Result result;
      if (blocking) {
        run(url, token, clients, warmup, rate, paths, endpoint + " (warm-up)");
        ProcessCpu before = ProcessCpu.now();
        result = run(url, token, clients, seconds, rate, paths, endpoint);
        cpu.add(ProcessCpu.now().minus(before).perRequest(endpoint, result.requests()));
      } else {
        byte[][] requests = requests(url, token, paths);
        runLoops(url, clients, threads, warmup, rate, requests, endpoint + " (warm-up)");
        ProcessCpu before = ProcessCpu.now();
        result = runLoops(url, clients, threads, seconds, rate, requests, endpoint);
        cpu.add(ProcessCpu.now().minus(before).perRequest(endpoint, result.requests()));
      }
      System.out.println(result.line());
      if (rate > 0) {
        System.out.println(result.serviceLine());
      }
    }
    System.out.println();
    cpu.forEach(System.out::println);
  }

  /** Each path as the bytes of its request ({@code GET}, {@code Host}, the token if any). */
  static byte[][] requests(URI url, String token, List<String> paths) {
    byte[][] requests = new byte[paths.size()][];
    String tail = " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
    for (int i = 0; i < requests.length; i++) {
      requests[i] = ("GET " + paths.get(i) + tail).getBytes(StandardCharsets.ISO_8859_1);
    }
    return requests;
  }

  /**
   * One endpoint's run on {@code threads} event-loop threads ({@link LoadLoop}) sharing {@code clients}
   * connections: closed loop when {@code rate} is 0, else open loop at {@code rate} requests/s in all.
   */
  static Result runLoops(URI url, int clients, int threads, double seconds, double rate, byte[][] requests,
      String label) throws IOException, InterruptedException {
    java.net.InetSocketAddress address = new java.net.InetSocketAddress(url.getHost(), url.getPort());
    LoadLoop[] loops = new LoadLoop[threads];
    try {
      for (int t = 0; t < threads; t++) {
        int[] mine = new int[(clients - t + threads - 1) / threads];
        for (int i = 0; i < mine.length; i++) {
          mine[i] = t + i * threads;
        }
        loops[t] = new LoadLoop(address, requests, clients, mine, rate);
      }
    } catch (IOException e) {
      for (LoadLoop loop : loops) {
        if (loop != null) {
          loop.close();
        }
      }
      throw e;
    }
    long start = System.nanoTime() + 1_000_000; // all loops start on the same schedule
    long stop = start + (long) (seconds * 1e9);
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      loops[t].start = start;
      loops[t].stop = stop;
      running.add(Thread.ofPlatform().name("load-loop-" + t).start(loops[t]));
    }
    for (Thread t : running) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    LatencyHistogram all = new LatencyHistogram();
    LatencyHistogram allService = rate > 0 ? new LatencyHistogram() : all;
    long errors = 0;
    for (LoadLoop loop : loops) {
      all.add(loop.latencies);
      if (rate > 0) {
        allService.add(loop.service);
      }
      errors += loop.errors();
      if (loop.firstError() != null) {
        System.err.println(label + ": " + loop.firstError());
      }
    }
    return new Result(label, all.count(), errors, elapsed, all, allService);
  }

  static List<String> paths(String endpoint, List<String> names) {
    List<String> paths = new ArrayList<>(names.size());
    for (String n : names) {
      String q = URLEncoder.encode(n, StandardCharsets.UTF_8);
      paths.add(switch (endpoint) {
        case "lookup" -> "/api/lookup?name=" + q;
        case "neighbors" -> "/api/neighbors?name=" + q + "&type=calls";
        case "reach3" -> "/api/reach?name=" + q + "&depth=3&type=calls";
        default -> throw new IllegalArgumentException("unknown endpoint " + endpoint + " (lookup, neighbors, reach3)");
      });
    }
    return paths;
  }

  /**
   * One endpoint's run: closed loop when {@code rate} is 0, else open loop at {@code rate} requests/s in all (see
   * the class comment).
   */
  static Result run(URI url, String token, int clients, double seconds, double rate, List<String> paths,
      String label) throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    LatencyHistogram[] histograms = new LatencyHistogram[clients];
    LatencyHistogram[] services = new LatencyHistogram[clients];
    double intervalNanos = rate > 0 ? clients * 1e9 / rate : 0;
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] end = new long[2]; // the stop time, then the start time
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      histograms[c] = new LatencyHistogram();
      services[c] = rate > 0 ? new LatencyHistogram() : histograms[c];
      threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
        LatencyHistogram h = histograms[client];
        LatencyHistogram service = services[client];
        try (RawHttpClient http = new RawHttpClient(url, token)) {
          int i = (int) ((long) client * paths.size() / clients);
          ready.countDown();
          go.await();
          long stop = end[0];
          long first = end[1] + (long) (intervalNanos * client / clients);
          for (long k = 0; ; k++) {
            long due = rate > 0 ? first + (long) (k * intervalNanos) : 0;
            if (due >= stop) {
              break;
            }
            long wait;
            while (rate > 0 && (wait = due - System.nanoTime()) > 0) {
              LockSupport.parkNanos(wait);
            }
            long t0 = System.nanoTime();
            if (t0 >= stop) {
              break;
            }
            int status = http.get(paths.get(i));
            long t1 = System.nanoTime();
            h.record(t1 - (rate > 0 ? due : t0));
            if (rate > 0) {
              service.record(t1 - t0);
            }
            if (status != 200) {
              errors.incrementAndGet();
            }
            i = i + 1 == paths.size() ? 0 : i + 1;
          }
        } catch (IOException | InterruptedException e) {
          errors.incrementAndGet();
          System.err.println(label + ": client " + client + ": " + e);
        }
      }));
    }
    ready.await();
    long start = System.nanoTime();
    end[0] = start + (long) (seconds * 1e9);
    end[1] = start;
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    LatencyHistogram all = new LatencyHistogram();
    LatencyHistogram allService = rate > 0 ? new LatencyHistogram() : all;
    for (int c = 0; c < clients; c++) {
      all.add(histograms[c]);
      if (rate > 0) {
        allService.add(services[c]);
      }
    }
    return new Result(label, all.count(), errors.get(), elapsed, all, allService);
  }

  /** Method names from the server, spread over the name order. */
  static List<String> names(URI url, String token, int count) throws IOException {
    try (RawHttpClient http = new RawHttpClient(url, token)) {
      int status = http.get("/api/query?kind=method&limit=" + count);
      if (status != 200) {
        throw new IOException("cannot list names: HTTP " + status + " " + http.body());
      }
      List<String> names = new ArrayList<>();
      try (JsonParser p = new JsonFactory().createParser(http.body())) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.FIELD_NAME && p.currentName().equals("name")) {
            p.nextToken();
            names.add(p.getText());
          }
        }
      }
      if (names.isEmpty()) {
        throw new IOException("the snapshot has no methods to ask about");
      }
      java.util.Collections.shuffle(names, new java.util.Random(20261202));
      return names;
    }
  }
}
