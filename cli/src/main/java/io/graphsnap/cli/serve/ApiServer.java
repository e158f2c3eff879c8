package io.graphsnap.cli.serve;

import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.InlineWork;
import io.graphsnap.cli.Json;
import io.graphsnap.cli.SnapshotAnswer;
import io.graphsnap.cli.WholeSnapshotNeeded;
import io.graphsnap.cli.StoreAnswer;
import io.graphsnap.cli.serve.http.HttpAnswer;
import io.graphsnap.cli.serve.http.HttpLimits;
import io.graphsnap.cli.serve.http.HttpRequest;
import io.graphsnap.cli.serve.http.HttpResponse;
import io.graphsnap.cli.serve.http.NioHttpServer;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.MappingFaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.util.HashMap;
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
 * computes the answer, {@link Json} serialises it). Built on {@link NioHttpServer}: its event-loop threads
 * ({@link ServerOptions#threads}) answer point questions (lookup, neighbours, reach with a depth, ...) themselves,
 * without a hand-off; the others (search, degrees, and the expensive ones, see {@link SnapshotAnswer#expensive}) run
 * on a pool of {@link ServerOptions#maxExpensive} + 2 threads, and more than {@link ServerOptions#maxExpensive}
 * expensive ones at a time are refused with 429.
 *
 * <p>Status codes: 200; 400 bad parameters; 401 missing or wrong bearer token; 404 unknown endpoint, or no
 * such symbol, file or path (the command's exit code 1); 405 not GET; 414 query too long; 429 too many
 * expensive requests at once ({@code Retry-After: 1}); 500 a damaged snapshot or a fault; 503 no snapshot
 * published yet. Every error body is {@code {"error": "..."}}. Successful snapshot answers carry the header
 * {@code Graphsnap-Snapshot: ID}, the snapshot they were computed on. The answers of PageRank, cycles, degrees
 * and effects are kept per snapshot ({@link AnswerMemo}) and sent again with {@code Graphsnap-Memo: hit}; those
 * the explorer asks are computed ahead as soon as a snapshot is served ({@link AnswerWarmer}).
 *
 * <p><b>Layers.</b> While the store's head is a base + delta ({@code layers/CURRENT}, published by a watch within
 * milliseconds of a save), {@code lookup}, {@code neighbors}, {@code degree}, {@code symbols} and {@code info} answer
 * from it ({@link SnapshotAnswer#answer(io.graphsnap.reader.LayeredSnapshot, String)}), with the bytes the compacted
 * snapshot would give (the id {@code <base>+<delta>} apart); any other question, and a name given in part, waits on
 * the pool for the whole snapshot that folds the layer in (up to {@value #WHOLE_WAIT_MILLIS} ms, then 503 with
 * {@code Retry-After}), so no answer ever comes from a state older than one already served.
 *
 * <p>Every other path is the web explorer's files ({@link StaticFiles}).
 *
 * <p>Limits: {@link HttpLimits#defaults()} (request line, head, body, connections, request/idle/write time), the
 * query length ({@link ServerOptions#MAX_QUERY}), at most {@link ServerOptions#maxExpensive} expensive requests at a
 * time. Thread-safe; {@link #close} stops it.
 */
public final class ApiServer implements AutoCloseable {
  private final ServerOptions options;
  private final LiveSnapshot live = new LiveSnapshot();
  private final HeadFollower follower;
  private final NioHttpServer http;
  private final ExecutorService workers;
  private final StaticFiles files;
  private final Semaphore expensive;
  private final AnswerMemo memo = new AnswerMemo(live::currentId);
  private final AnswerWarmer warmer;
  /**
   * Per thread (event loops and pool): endpoint command name → a root command line with only that subcommand (a command holds
   * one question's parameters, so each thread parses into its own).
   */
  private final ThreadLocal<Map<String, ParsedCommand>> commands = ThreadLocal.withInitial(HashMap::new);

  private ApiServer(ServerOptions options, io.graphsnap.cli.watch.BuildActivity activity) throws IOException {
    this.options = options;
    this.expensive = new Semaphore(options.maxExpensive());
    this.follower = new HeadFollower(options.store(), live, options.pollMillis(), true, options.log());
    activity.onPublished(follower::check); // a watch in this process: serve what it published at once
    live.onWholeWanted(activity::wantWhole); // and fold its layer in when a question needs a whole snapshot
    this.warmer = AnswerWarmer.start(live, memo, options.log(), activity, WARM_QUIET_MILLIS, null);
    this.files = new StaticFiles(ApiServer.class.getClassLoader(), options.token()); // the explorer
    AtomicInteger n = new AtomicInteger();
    int poolSize = Math.max(1, options.maxExpensive()) + 2; // expensive ones (capped) and the rest that is not a point look-up
    this.workers = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().daemon().name("graphsnap-http-pool-" + n.incrementAndGet()).unstarted(r));
    boolean ok = false;
    try {
      this.http = NioHttpServer.start(new InetSocketAddress(options.bind(), options.port()), 128, options.threads(),
          HttpLimits.defaults(), this::handle, workers, options.log(), "graphsnap-http");
      ok = true;
    } finally {
      if (!ok) {
        warmer.close();
        workers.shutdown();
        follower.close();
        live.close();
      }
    }
  }

  /** Starts a server: maps the published snapshot (if any), follows {@code refs/HEAD}, listens. */
  public static ApiServer start(ServerOptions options) throws IOException {
    return new ApiServer(options, io.graphsnap.cli.watch.BuildActivity.NONE);
  }

  /**
   * Starts a server whose answer warmer gives way to the builds of a watch in this process ({@code serve --watch}):
   * it waits while {@code activity} is busy and for {@value #WARM_QUIET_MILLIS} ms after.
   */
  public static ApiServer start(ServerOptions options, io.graphsnap.cli.watch.BuildActivity activity) throws IOException {
    return new ApiServer(options, activity);
  }

  /** How long a watch must have been quiet before the warmer starts on a snapshot. */
  static final long WARM_QUIET_MILLIS = 1_000;
  /** How long a question that needs a whole snapshot waits for one while a base + delta is served. */
  static final long WHOLE_WAIT_MILLIS = 30_000;

  /** The port it listens on. */
  public int port() {
    return http.port();
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

  /** On an event loop: the explorer's files, or an API answer (computed here, or on the pool when expensive). */
  private HttpAnswer handle(HttpRequest request) {
    if (!request.rawPath().startsWith("/api/")) {
      return files.handle(request);
    }
    return guarded(() -> respond(request, false));
  }

  /** {@code answering}'s response, or the error response for what it threw. */
  private HttpAnswer guarded(java.util.function.Supplier<HttpAnswer> answering) {
    HttpAnswer answer;
    try {
      answer = answering.get();
    } catch (OutOfMemoryError e) {
      return send(Response.error(503, "not enough memory for this request"));
    } catch (Throwable e) {
      if (MappingFaults.isMappingFault(e)) {
        return send(Response.error(500, "the snapshot file changed or shrank while mapped: " + e.getMessage()));
      }
      StackTraceElement[] at = e.getStackTrace();
      options.log().accept("internal error: " + e + (at.length > 0 ? " at " + at[0] : ""));
      return send(Response.error(500, "internal error: " + e.getClass().getSimpleName()));
    }
    if (answer instanceof HttpAnswer.Later later) { // the same guard around the work on the pool
      return HttpAnswer.later(() -> (HttpResponse) guarded(later.work()::get));
    }
    return answer;
  }

  /**
   * The answer to an API request. On an event loop ({@code onPool} false), a point question ({@link Endpoint#point})
   * that is not expensive is answered at once, unless it turns out larger than {@link InlineWork} allows (a forgiving
   * name look-up, a hub's neighbours); any other is handed to the pool, where it is parsed again into that
   * thread's own command, an expensive one only if it gets a slot (else 429).
   */
  private HttpAnswer respond(HttpRequest request, boolean onPool) {
    if (options.token() != null && !options.token().accepts(request.header("Authorization"))) {
      Response r = Response.error(401, "missing or wrong bearer token (send Authorization: Bearer TOKEN)");
      r.header("WWW-Authenticate", "Bearer");
      return send(r);
    }
    String method = request.method();
    if (!method.equals("GET")) {
      Response r = Response.error(405, "only GET is served, not " + method);
      r.header("Allow", "GET");
      return send(r);
    }
    String rawQuery = request.rawQuery();
    if (rawQuery != null && rawQuery.length() > ServerOptions.MAX_QUERY) {
      return send(Response.error(414, "query longer than " + ServerOptions.MAX_QUERY + " bytes"));
    }
    String path = request.rawPath();
    Endpoint endpoint = path.startsWith("/api/") ? Endpoint.ALL.get(path.substring(5)) : null;
    if (endpoint == null) {
      return send(Response.error(404, "no endpoint " + path + " (endpoints: /api/" + String.join(", /api/",
          Endpoint.ALL.keySet().stream().sorted().toList()) + ")"));
    }
    ParsedCommand command = commands.get().computeIfAbsent(endpoint.command(), ParsedCommand::new);
    Object parsed;
    ApiRequest.Arguments arguments;
    try {
      arguments = ApiRequest.arguments(endpoint, command.sub.getCommandSpec(), command::option, rawQuery);
      parsed = command.parse(arguments, options.store());
    } catch (ApiRequest.BadRequest | CommandLine.ParameterException e) {
      return send(Response.error(400, e.getMessage()));
    }
    boolean isExpensive = switch (parsed) {
      case SnapshotAnswer q -> q.expensive();
      case StoreAnswer q -> q.expensive();
      default -> false;
    };
    boolean memoKept = AnswerMemo.keeps(endpoint.command()) && parsed instanceof SnapshotAnswer;
    String memoKey = memoKept ? AnswerMemo.key(endpoint.command(), arguments.all()) : null;
    if (!onPool && (isExpensive || !endpoint.point())) {
      if (memoKept) {
        Response kept = kept(memoKey);
        if (kept != null) {
          return send(kept);
        }
      }
      // a kept question takes its slot in memoised(), only if it computes the answer (not to wait for it)
      boolean slot = isExpensive && !memoKept;
      if (slot && !expensive.tryAcquire()) {
        Response r = Response.error(429, "too many expensive requests at once (at most " + options.maxExpensive()
            + "); retry later");
        r.header("Retry-After", "1");
        return send(r);
      }
      return HttpAnswer.later(() -> {
        try {
          return (HttpResponse) respond(request, true);
        } finally {
          if (slot) {
            expensive.release();
          }
        }
      });
    }
    if (onPool) {
      return send(computed(parsed, endpoint, memoKept, memoKey));
    }
    try { // on an event loop: a point answer that turns out large goes to the pool (InlineWork.check)
      return send(InlineWork.run(() -> computed(parsed, endpoint, memoKept, memoKey)));
    } catch (InlineWork.Deferred e) {
      return HttpAnswer.later(() -> (HttpResponse) respond(request, true));
    }
  }

  private Response computed(Object parsed, Endpoint endpoint, boolean memoKept, String memoKey) {
    return switch (parsed) {
      case SnapshotAnswer q when memoKept -> memoised(q, memoKey);
      case SnapshotAnswer q -> answered(() -> answer(q));
      case StoreAnswer q -> answered(() -> Response.ok(q.answer(), null));
      default -> Response.error(404, "/api/" + endpoint.command() + " is not served");
    };
  }

  /** The kept answer of {@code key} for the snapshot served now (with {@code Graphsnap-Memo: hit}), or null. */
  private Response kept(String key) {
    try (SnapshotLease lease = live.acquire()) {
      Object kept = lease == null ? null : memo.get(lease.id(), key);
      return kept == null ? null : hit(kept, lease.id());
    }
  }

  /** A kept answer about snapshot {@code id}, marked {@code Graphsnap-Memo: hit}. */
  private static Response hit(Object kept, String id) {
    Response r = Response.ok(kept, id);
    r.header("Graphsnap-Memo", "hit");
    return r;
  }

  /**
   * A question {@link AnswerMemo} keeps: the kept answer if there is one for the snapshot served now (with the
   * header {@code Graphsnap-Memo: hit}, and without taking an expensive slot; waiting for it if another request or
   * the {@link AnswerWarmer} is computing it), else computed as any other and kept.
   */
  private Response memoised(SnapshotAnswer question, String key) {
    try (SnapshotLease lease = acquireWhole()) {
      if (lease == null) {
        return noWholeSnapshot();
      }
      AnswerMemo.Claim claim = memo.claim(lease.id(), key);
      if (claim.kept() != null) {
        return hit(claim.kept(), lease.id());
      }
      // this request computes it: an expensive one only with a slot (hits and waiters take none)
      boolean slot = question.expensive();
      if (slot && !expensive.tryAcquire()) {
        claim.settle(null);
        Response r = Response.error(429, "too many expensive requests at once (at most " + options.maxExpensive()
            + "); retry later");
        r.header("Retry-After", "1");
        return r;
      }
      Response r = null;
      try {
        r = answered(() -> Response.ok(question.answer(lease.snapshot()), lease.id()));
      } finally {
        if (slot) {
          expensive.release();
        }
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
      if (!lease.isLayered()) {
        return Response.ok(question.answer(lease.snapshot()), lease.id());
      }
      try {
        return Response.ok(question.answer(lease.layered(), lease.id()), lease.id());
      } catch (WholeSnapshotNeeded e) {
        // answered below, on the whole snapshot that folds this layer in
      }
    }
    try (SnapshotLease lease = acquireWhole()) {
      return lease == null ? noWholeSnapshot() : Response.ok(question.answer(lease.snapshot()), lease.id());
    }
  }

  /**
   * The current snapshot when it is a whole one, else (a base + delta is served) the next whole one, waited for up
   * to {@value #WHOLE_WAIT_MILLIS} ms on the pool: on an event loop this hands the request to the pool first
   * ({@link InlineWork.Deferred}). Null if none came in time or none is published.
   */
  private SnapshotLease acquireWhole() {
    SnapshotLease lease = live.acquire();
    if (lease == null || !lease.isLayered()) {
      return lease;
    }
    lease.close();
    InlineWork.unbounded("waiting for a whole snapshot");
    try {
      return live.acquireWhole(WHOLE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private Response noWholeSnapshot() {
    if (live.currentId() == null) {
      return Response.error(503, "no snapshot published in " + options.store() + " yet");
    }
    Response r = Response.error(503, "the latest changes (served as " + live.currentId() + ") are not yet folded into a"
        + " whole snapshot, which this question needs; retry shortly");
    r.header("Retry-After", "1");
    return r;
  }

  private interface Answering {
    Response get();
  }

  /** {@code answering}'s response, or the error response for a failure the command reports. */
  private static Response answered(Answering answering) {
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
    private final boolean takesStore;
    private List<String> lastOptions;
    /** Query parameter name → the option it names (null: none); picocli's own look-up interpolates every name. */
    private final Map<String, CommandLine.Model.OptionSpec> options = new HashMap<>();

    ParsedCommand(String name) {
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      root = GraphsnapCommand.newCommandLine(discard, discard, new String[] {name});
      sub = root.getSubcommands().get(name);
      takesStore = sub.getCommandSpec().findOption("--store") != null;
    }

    /** The option {@code --key}, or null. */
    CommandLine.Model.OptionSpec option(String key) {
      if (options.containsKey(key)) {
        return options.get(key);
      }
      CommandLine.Model.OptionSpec o = sub.getCommandSpec().findOption("--" + key);
      if (options.size() < 256) { // names clients made up are looked up each time, not kept
        options.put(key, o);
      }
      return o;
    }

    Object parse(ApiRequest.Arguments arguments, java.nio.file.Path store) {
      List<String> opts = arguments.options();
      if (takesStore) { // refs, diff: this server's store
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

  /** A response: status, JSON value, the snapshot it was computed on (or null), other headers. */
  private static final class Response {
    final int status;
    final Object body;
    String snapshotId;
    /** Name, value, name, value, ... of the headers beyond the JSON ones and {@code Graphsnap-Snapshot}; null: none. */
    private List<String> headers;

    private Response(int status, Object body) {
      this.status = status;
      this.body = body;
    }

    void header(String name, String value) {
      if (headers == null) {
        headers = new java.util.ArrayList<>(4);
      }
      headers.add(name);
      headers.add(value);
    }

    static Response ok(Object body, String snapshotId) {
      Response r = new Response(200, body);
      r.snapshotId = snapshotId;
      return r;
    }

    static Response error(int status, String message) {
      return new Response(status, Map.of("error", message == null ? "error" : message));
    }
  }

  /** The headers of every API answer, checked and encoded once. */
  private static final HttpResponse.HeaderBlock JSON_HEADERS = HttpResponse.HeaderBlock.of(
      "Content-Type", "application/json; charset=utf-8", "Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

  /** The JSON headers and {@code Graphsnap-Snapshot} for one snapshot id (the last one asked for is kept). */
  private record SnapshotHeaders(String id, HttpResponse.HeaderBlock block) {}

  private static volatile SnapshotHeaders snapshotHeaders = new SnapshotHeaders("", JSON_HEADERS);

  private static HttpResponse.HeaderBlock headers(String snapshotId) {
    if (snapshotId == null) {
      return JSON_HEADERS;
    }
    SnapshotHeaders kept = snapshotHeaders;
    if (!kept.id().equals(snapshotId)) {
      kept = new SnapshotHeaders(snapshotId, JSON_HEADERS.plus("Graphsnap-Snapshot", snapshotId));
      snapshotHeaders = kept;
    }
    return kept.block();
  }

  /** The response's bytes: its JSON (exactly the command line's {@code --json} output) and headers. */
  private static HttpResponse send(Response r) {
    HttpResponse out = new HttpResponse(r.status, Json.utf8Line(r.body), headers(r.snapshotId));
    if (r.headers != null) {
      for (int i = 0; i < r.headers.size(); i += 2) {
        out.header(r.headers.get(i), r.headers.get(i + 1));
      }
    }
    return out;
  }

  /** Stops listening (in-flight requests get a second to finish), stops following HEAD, releases the snapshot. */
  @Override
  public void close() {
    warmer.close();
    http.close();
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
