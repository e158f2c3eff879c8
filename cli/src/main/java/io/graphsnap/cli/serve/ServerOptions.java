package io.graphsnap.cli.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How an {@link ApiServer} runs.
 *
 * @param store the store whose {@code refs/HEAD} it serves
 * @param bind the address to listen on (loopback unless a token is given)
 * @param port the port (0: any free one)
 * @param token the bearer token every request must carry, or null (allowed on loopback only)
 * @param threads event-loop threads: each reads, answers (point queries) and writes its share of the connections
 * @param maxExpensive how many expensive requests (PageRank, cycles, reach without depth, ...) may run at once
 *     (on a pool of this many threads + 2, shared with search and degrees); more get 429
 * @param pollMillis how often the server looks at {@code refs/HEAD} besides being told by the file system
 * @param log where one-line events go (snapshots served, failures)
 */
public record ServerOptions(Path store, InetAddress bind, int port, BearerToken token, int threads,
    int maxExpensive, long pollMillis, Consumer<String> log) {

  /** Most bytes of a request's query string. */
  public static final int MAX_QUERY = 16 * 1024;

  /** Loopback, any port, no token, the given store; threads and limits from the machine's cores. */
  public static ServerOptions loopback(Path store, Consumer<String> log) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerOptions(store, InetAddress.getLoopbackAddress(), 0, null, defaultThreads(),
        Math.max(1, cores / 2), 500, log);
  }

  /** Event-loop threads by default: one per core. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  ServerOptions withToken(BearerToken t) {
    return new ServerOptions(store, bind, port, t, threads, maxExpensive, pollMillis, log);
  }
}
