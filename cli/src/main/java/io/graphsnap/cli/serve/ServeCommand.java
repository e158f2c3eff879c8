package io.graphsnap.cli.serve;

import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.watch.BuildActivity;
import io.graphsnap.cli.watch.Watcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graphsnap serve [--store DIR] [--port N] [--bind ADDR] [--token-file FILE] [--watch PATH]}: serves the
 * published snapshot read-only over HTTP/JSON ({@link ApiServer}) until interrupted, following {@code refs/HEAD};
 * with {@code --watch}, also rebuilds from a source tree or JSON Lines file as it changes ({@link Watcher}).
 * Prints the URL it listens on as the one line of standard output.
 */
@Command(name = "serve", description = {
    "Serve the published snapshot over HTTP/JSON, read-only: GET /api/lookup?name=..., /api/neighbors,",
    "/api/query, /api/reach, /api/path, /api/effects, /api/cycles, /api/dead, /api/pagerank, /api/info,",
    "/api/symbols, /api/at, /api/refs, /api/diff; parameters are the command's options (?type=calls&reverse).",
    "Follows refs/HEAD: a newly published snapshot is served at once, requests in flight finish on theirs."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default: ${DEFAULT-VALUE}).")
  Path store = Path.of(".graphsnap");

  @Option(names = "--port", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 7431;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default: loopback). Any other address needs --token-file.")
  String bind;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Require 'Authorization: Bearer TOKEN' on every request; TOKEN is the file's first line (16+ characters).")
  Path tokenFile;

  @Option(names = "--threads", paramLabel = "N",
      description = "Event-loop threads, each reading, answering and writing its connections' point queries (default: one per core).")
  int threads = ServerOptions.defaultThreads();

  @Option(names = "--max-expensive", paramLabel = "N",
      description = "Expensive requests (pagerank, cycles, dead, effects, path, query, diff, reach without --depth) at once; more get 429 (default: half the cores, at least 1).")
  int maxExpensive = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  @Option(names = "--watch", paramLabel = "PATH", description = "Also watch a Java source tree or a .jsonl file and publish as it changes.")
  Path watch;

  @Option(names = "--jsonl", description = "With --watch: PATH is JSON Lines, a .jsonl file or a folder of *.jsonl shards (each saved shard is ingested alone).")
  boolean jsonl;

  @Option(names = "--debounce-ms", paramLabel = "MS", description = "With --watch: wait for MS quiet milliseconds before rebuilding (default: ${DEFAULT-VALUE}).")
  long debounceMillis = 100;

  @Option(names = "--layers", paramLabel = "WHEN", description = "Publish each save as a layer (a delta "
      + "over the last whole snapshot, milliseconds whatever the graph's size; folded into a whole snapshot after 1 s "
      + "without changes): auto (once the whole snapshot is 8 MiB or larger), always, never (default: ${DEFAULT-VALUE}).")
  String layers = "auto";

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InetAddress address = address();
    BearerToken token = null;
    if (tokenFile != null) {
      try {
        token = BearerToken.read(tokenFile);
      } catch (IllegalArgumentException | IOException e) {
        throw CliException.badInput(e.getMessage());
      }
    } else if (!address.isLoopbackAddress()) {
      throw CliException.badInput("--bind " + bind + " is not a loopback address: give --token-file FILE so that every "
          + "request must carry the token (anyone who can reach the port could read the snapshot otherwise)");
    }
    if (port < 0 || port > 65535 || threads < 1 || maxExpensive < 1) {
      throw CliException.badInput("--port must be 0-65535, --threads and --max-expensive at least 1");
    }
    if (watch == null && !Files.isDirectory(store)) {
      throw CliException.badInput("no store at " + store + " (run 'graphsnap build' first, pass --store, or --watch PATH)");
    }
    Object lock = new Object();
    java.util.function.Consumer<String> log = line -> {
      synchronized (lock) {
        err.println("graphsnap serve: " + io.graphsnap.cli.TerminalText.escape(line));
        err.flush();
      }
    };
    if (jsonl && watch == null) {
      throw CliException.badInput("--jsonl goes with --watch PATH");
    }
    Watcher watcher = null;
    BuildActivity activity = watch == null ? BuildActivity.NONE : new BuildActivity();
    if (watch != null) {
      try {
        watcher = Watcher.start(watch, store, debounceMillis, jsonl, activity, Watcher.layers(layers), log);
      } catch (IllegalArgumentException e) {
        throw CliException.badInput(e.getMessage());
      }
    }
    ServerOptions options = new ServerOptions(store, address, port, token, threads, maxExpensive, 500, log);
    ApiServer server;
    try {
      server = ApiServer.start(options, activity);
    } catch (java.net.BindException e) {
      if (watcher != null) {
        watcher.close();
      }
      throw CliException.badInput("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Watcher w = watcher;
    Thread hook = new Thread(() -> {
      server.close();
      if (w != null) {
        w.close();
      }
      stopped.countDown();
    }, "graphsnap-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    out.println("http://" + host + ":" + server.port() + "/");
    out.flush();
    log.accept("listening on http://" + host + ":" + server.port() + "/api/ (" + (token == null ? "no token" : "bearer token required")
        + "; " + (server.live().currentId() == null ? "no snapshot published yet" : "snapshot " + server.live().currentId()) + ")");
    stopped.await();
    return ExitCodes.OK;
  }

  private InetAddress address() {
    if (bind == null) {
      return InetAddress.getLoopbackAddress();
    }
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw CliException.badInput("--bind " + bind + ": unknown address");
    }
  }
}
