package io.graphsnap.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.Json;
import io.graphsnap.cli.SnapshotAnswer;
import io.graphsnap.cli.StoreAnswer;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.MappingFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * The HTTP/JSON server of {@code graphsnap serve}: {@code GET /api/COMMAND?parameters} answers with exactly the
 * bytes {@code graphsnap COMMAND ... --json} prints for the same question on the same snapshot (the command
 * computes the answer, {@link Json} serialises it). Built on the JDK's {@link HttpServer} with a fixed pool of
 * worker threads; keep-alive connections wait in its selector, not on a thread.
 *
 * <p>Status codes: 200; 400 bad parameters; 401 missing or wrong bearer token; 404 unknown endpoint, or no
 * such symbol, file or path (the command's exit code 1); 405 not GET; 414 query too long; 429 too many
 * expensive requests at once ({@code Retry-After: 1}); 500 a damaged snapshot or a fault; 503 no snapshot
 * published yet. Every error body is {@code {"error": "..."}}. Successful snapshot answers carry the header
 * {@code Graphsnap-Snapshot: ID}, the snapshot they were computed on. The answers of PageRank, cycles, degrees
 * and effects are kept per snapshot ({@link AnswerMemo}) and sent again with {@code Graphsnap-Memo: hit}; those
 * the explorer asks are computed ahead as soon as a snapshot is served ({@link AnswerWarmer}).
 *
 * <p>Every other path is the web explorer's files ({@link StaticFiles}).
 *
 * <p>Limits: the JDK server's request time, header size and connection limits (set by {@link #configure}
 * unless given as system properties), the query length ({@link ServerOptions#MAX_QUERY}), at most
 * {@link ServerOptions#maxExpensive} expensive requests at a time. Thread-safe; {@link #close} stops it.
 */
public final class ApiServer implements AutoCloseable {
  private final ServerOptions options;
  private final LiveSnapshot live = new LiveSnapshot();
  private final HeadFollower follower;
  private final HttpServer http;
  private final ExecutorService workers;
  private final Semaphore expensive;
  private final AtomicInteger expensiveRunning = new AtomicInteger();
  private final AnswerMemo memo = new AnswerMemo(live::currentId);
  private final AnswerWarmer warmer;
  /**
   * Per worker thread: endpoint command name → a root command line with only that subcommand (a command holds
   * one question's parameters, so each thread parses into its own).
   */
  private final ThreadLocal<Map<String, ParsedCommand>> commands = ThreadLocal.withInitial(HashMap::new);

  private ApiServer(ServerOptions options) throws IOException {
    this.options = options;
    this.expensive = new Semaphore(options.maxExpensive());
    this.follower = new HeadFollower(options.store(), live, options.pollMillis(), options.log());
    this.warmer = AnswerWarmer.start(live, memo, options.log());
    configure();
    boolean ok = false;
    try {
      this.http = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 128);
      AtomicInteger n = new AtomicInteger();
      this.workers = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().daemon().name("graphsnap-http-" + n.incrementAndGet()).unstarted(r));
      http.setExecutor(workers);
      http.createContext("/api/", this::handle);
      http.createContext("/", new StaticFiles(ApiServer.class.getClassLoader(), options.token())::handle); // the explorer
      http.start();
      ok = true;
    } finally {
      if (!ok) {
        warmer.close();
        follower.close();
        live.close();
      }
    }
  }

  /** Starts a server: maps the published snapshot (if any), follows {@code refs/HEAD}, listens. */
  public static ApiServer start(ServerOptions options) throws IOException {
    return new ApiServer(options);
  }

  /**
   * Sets the JDK server's limits, unless the user set them: TCP_NODELAY (answers are small; without it a
   * response can wait 40 ms for a delayed ACK), 10 s to send a request and 60 s to take a response, 30 s idle
   * keep-alive, request line and headers ≤ 64 KiB (a longer request is cut off) and ≤ 64 headers, ≤ 1,024 connections.
   */
  static void configure() {
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxRspTime", "60");
    setIfAbsent("sun.net.httpserver.idleInterval", "30");
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", String.valueOf(64 * 1024));
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    setIfAbsent("jdk.httpserver.maxConnections", "1024");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The snapshot it serves. */
  public LiveSnapshot live() {
    return live;
  }

  /** Waits until the whole-graph answers of the snapshot served now are computed ahead (tests); false on timeout. */
  boolean awaitWarmed(long millis) throws InterruptedException {
    return warmer.awaitWarmed(millis);
  }

  /** Looks at {@code refs/HEAD} now (tests; the follower does it on its own). */
  void checkHead() {
    follower.check();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response r;
      try {
        r = respond(exchange);
      } catch (OutOfMemoryError e) {
        r = Response.error(503, "not enough memory for this request");
      } catch (Throwable e) {
        if (MappingFaults.isMappingFault(e)) {
          r = Response.error(500, "the snapshot file changed or shrank while mapped: " + e.getMessage());
        } else {
          StackTraceElement[] at = e.getStackTrace();
          options.log().accept("internal error: " + e + (at.length > 0 ? " at " + at[0] : ""));
          r = Response.error(500, "internal error: " + e.getClass().getSimpleName());
        }
      }
      send(exchange, r);
    }
  }

  private Response respond(HttpExchange exchange) {
    if (options.token() != null && !options.token().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
      Response r = Response.error(401, "missing or wrong bearer token (send Authorization: Bearer TOKEN)");
      r.headers.put("WWW-Authenticate", "Bearer");
      return r;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET")) {
      Response r = Response.error(405, "only GET is served, not " + method);
      r.headers.put("Allow", "GET");
      return r;
    }
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null && rawQuery.length() > ServerOptions.MAX_QUERY) {
      return Response.error(414, "query longer than " + ServerOptions.MAX_QUERY + " bytes");
    }
    String path = exchange.getRequestURI().getRawPath();
    Endpoint endpoint = path.startsWith("/api/") ? Endpoint.ALL.get(path.substring(5)) : null;
    if (endpoint == null) {
      return Response.error(404, "no endpoint " + path + " (endpoints: /api/" + String.join(", /api/",
          Endpoint.ALL.keySet().stream().sorted().toList()) + ")");
    }
    ParsedCommand command = commands.get().computeIfAbsent(endpoint.command(), ParsedCommand::new);
    Object parsed;
    ApiRequest.Arguments arguments;
    try {
      arguments = ApiRequest.arguments(endpoint, command.sub.getCommandSpec(), rawQuery);
      parsed = command.parse(arguments, options.store());
    } catch (ApiRequest.BadRequest | CommandLine.ParameterException e) {
      return Response.error(400, e.getMessage());
    }
    return switch (parsed) {
      case SnapshotAnswer q when AnswerMemo.keeps(endpoint.command()) -> memoised(q, AnswerMemo.key(endpoint.command(), arguments.all()));
      case SnapshotAnswer q -> limited(q.expensive(), () -> answer(q));
      case StoreAnswer q -> limited(q.expensive(), () -> Response.ok(q.answer(), null));
      default -> Response.error(404, "/api/" + endpoint.command() + " is not served");
    };
  }

  /**
   * A question {@link AnswerMemo} keeps: the kept answer if there is one for the snapshot served now (with the
   * header {@code Graphsnap-Memo: hit}, and without taking an expensive slot; waiting for it if another request or
   * the {@link AnswerWarmer} is computing it), else computed as any other and kept.
   */
  private Response memoised(SnapshotAnswer question, String key) {
    try (SnapshotLease lease = live.acquire()) {
      if (lease == null) {
        return Response.error(503, "no snapshot published in " + options.store() + " yet");
      }
      AnswerMemo.Claim claim = memo.claim(lease.id(), key);
      if (claim.kept() != null) {
        Response r = Response.ok(claim.kept(), lease.id());
        r.headers.put("Graphsnap-Memo", "hit");
        return r;
      }
      Response r = null;
      try {
        r = limited(question.expensive(), () -> Response.ok(question.answer(lease.snapshot()), lease.id()));
      } finally {
        claim.settle(r != null && r.status == 200 ? r.body : null);
      }
      return r;
    }
  }

  private Response answer(SnapshotAnswer question) {
    try (SnapshotLease lease = live.acquire()) {
      if (lease == null) {
        return Response.error(503, "no snapshot published in " + options.store() + " yet");
      }
      return Response.ok(question.answer(lease.snapshot()), lease.id());
    }
  }

  private interface Answering {
    Response get();
  }

  private Response limited(boolean isExpensive, Answering answering) {
    if (isExpensive && !expensive.tryAcquire()) {
      Response r = Response.error(429, "too many expensive requests at once (at most " + options.maxExpensive()
          + "); retry later");
      r.headers.put("Retry-After", "1");
      return r;
    }
    try {
      return answering.get();
    } catch (CliException e) {
      return Response.error(switch (e.exitCode()) {
        case ExitCodes.NOT_FOUND -> 404;
        case ExitCodes.BAD_INPUT -> 400;
        default -> 500;
      }, e.getMessage());
    } catch (CorruptSnapshotException e) {
      return Response.error(500, e.getMessage());
    } catch (IllegalArgumentException e) { // a query's syntax, a parameter the reader refuses
      return Response.error(400, e.getMessage());
    } finally {
      if (isExpensive) {
        expensive.release();
      }
    }
  }

  /**
   * One worker thread's command line for one endpoint, and the options it last parsed. picocli's parse costs
   * several times the answer of a lookup, so a request with the same options as the previous one on this thread
   * (the usual case: the same question about another name) only sets the positional arguments, which are plain
   * strings. Not thread-safe (one per thread).
   */
  private static final class ParsedCommand {
    final CommandLine root;
    final CommandLine sub;
    private List<String> lastOptions;

    ParsedCommand(String name) {
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      root = GraphsnapCommand.newCommandLine(discard, discard, new String[] {name});
      sub = root.getSubcommands().get(name);
    }

    Object parse(ApiRequest.Arguments arguments, java.nio.file.Path store) {
      List<String> opts = arguments.options();
      if (sub.getCommandSpec().findOption("--store") != null) { // refs, diff: this server's store
        opts = new java.util.ArrayList<>(opts);
        opts.addAll(0, List.of("--store", store.toString()));
      }
      if (opts.equals(lastOptions) && setPositionals(arguments.positionals())) {
        return sub.getCommand();
      }
      lastOptions = null; // a parse that fails half way leaves the command in no known state
      List<String> args = new java.util.ArrayList<>(opts.size() + arguments.positionals().size() + 2);
      args.add(sub.getCommandName());
      args.addAll(opts);
      args.add("--");
      args.addAll(arguments.positionals());
      root.parseArgs(args.toArray(String[]::new)); // through the root, as the command line does (inherited options)
      lastOptions = opts;
      return sub.getCommand();
    }

    /** Sets the positionals directly when each is one string (or they fill one list); false when picocli must parse. */
    private boolean setPositionals(List<String> values) {
      List<CommandLine.Model.PositionalParamSpec> specs = sub.getCommandSpec().positionalParameters();
      if (specs.size() == 1 && specs.getFirst().isMultiValue() && specs.getFirst().type() == List.class) {
        if (values.isEmpty()) {
          return false;
        }
        specs.getFirst().setValue(new java.util.ArrayList<>(values));
        return true;
      }
      if (specs.size() != values.size()) {
        return false;
      }
      for (CommandLine.Model.PositionalParamSpec spec : specs) {
        if (spec.isMultiValue() || spec.type() != String.class) {
          return false;
        }
      }
      for (int i = 0; i < specs.size(); i++) {
        specs.get(i).setValue(values.get(i));
      }
      return true;
    }
  }

  /** A response: status, JSON value, headers. */
  private static final class Response {
    final int status;
    final Object body;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Response(int status, Object body) {
      this.status = status;
      this.body = body;
    }

    static Response ok(Object body, String snapshotId) {
      Response r = new Response(200, body);
      if (snapshotId != null) {
        r.headers.put("Graphsnap-Snapshot", snapshotId);
      }
      return r;
    }

    static Response error(int status, String message) {
      return new Response(status, Map.of("error", message == null ? "error" : message));
    }
  }

  private static void send(HttpExchange exchange, Response r) throws IOException {
    byte[] bytes = Json.utf8Line(r.body);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    r.headers.forEach(headers::set);
    exchange.sendResponseHeaders(r.status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening (in-flight requests get a second to finish), stops following HEAD, releases the snapshot. */
  @Override
  public void close() {
    warmer.close();
    http.stop(1);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    follower.close();
    live.close();
  }
}
