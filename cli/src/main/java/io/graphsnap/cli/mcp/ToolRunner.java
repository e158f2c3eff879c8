package io.graphsnap.cli.mcp;

import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.SnapshotAnswer;
import io.graphsnap.cli.StoreAnswer;
import io.graphsnap.cli.mcp.Tool.Paging;
import io.graphsnap.cli.serve.AnswerMemo;
import io.graphsnap.cli.serve.LiveSnapshot;
import io.graphsnap.cli.serve.SnapshotLease;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import picocli.CommandLine;

/**
 * Answers one tool call: turns its JSON arguments into the arguments of the tool's {@code graphsnap} command
 * (options first, then {@code --}, then the positionals, so a name starting with {@code -} stays a name), lets
 * picocli parse and check them exactly as on the command line, computes the command's answer on the snapshot
 * {@link LiveSnapshot} serves now (a lease: a new build published meanwhile does not disturb the call), and cuts
 * the answer into a page. The answer's items are exactly what {@code graphsnap COMMAND ... --json} prints.
 * Answers of whole-graph questions (PageRank, effects) are kept per snapshot in an {@link AnswerMemo}, the class
 * {@code graphsnap serve} keeps them in: asked again in the session (or for the next page) they are not
 * recomputed until a new build is published.
 *
 * <p>Thread-safe: each thread parses into its own command objects; at most one expensive question (PageRank,
 * effects, dead code, reach without depth, diff) runs at a time, the others wait for it.
 */
final class ToolRunner {
  /** What a call answered: the structured result, or an error message for the model. */
  record Outcome(Map<String, Object> result, String error) {}

  /**
   * A bound-paged tool whose answers are kept asks its command for a multiple of this many items, so that the
   * pages of one question (offset 0, 20, 40, ...) share one kept answer instead of each computing PageRank again.
   */
  static final int KEPT_BOUND_STEP = 250;

  private final Path store;
  private final LiveSnapshot live;
  private final AnswerMemo memo;
  private final Semaphore expensive = new Semaphore(1);
  private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
  private volatile long lastEnd = System.nanoTime();
  private final ThreadLocal<Map<String, CommandLine>> commands = ThreadLocal.withInitial(HashMap::new);

  ToolRunner(Path store, LiveSnapshot live) {
    this.store = store;
    this.live = live;
    this.memo = new AnswerMemo(live::currentId);
  }

  Outcome call(Tool tool, Map<String, Object> arguments) {
    running.incrementAndGet();
    try {
      return run(tool, arguments == null ? Map.of() : arguments);
    } catch (CliException e) {
      String hint = e.exitCode() == ExitCodes.NOT_FOUND && e.getMessage().startsWith("not found")
          ? " (names are exact and fully qualified: find them with the search tool)" : "";
      return new Outcome(null, e.getMessage() + hint);
    } catch (BadArguments | CommandLine.ParameterException | IllegalArgumentException e) {
      return new Outcome(null, "bad arguments for " + tool.name() + ": " + e.getMessage());
    } catch (CorruptSnapshotException e) {
      return new Outcome(null, "the snapshot is damaged: " + e.getMessage());
    } finally {
      lastEnd = System.nanoTime();
      running.decrementAndGet();
    }
  }

  /** The number of whole-graph answers kept for the snapshot served now (tests). */
  int keptAnswers() {
    return memo.size();
  }

  /**
   * Waits until no call has run for {@code quietMillis} (the calls still queued when the client closed its side
   * get their answers), or {@code maxMillis} have passed.
   */
  void awaitIdle(long quietMillis, long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    while (System.nanoTime() < deadline
        && (running.get() > 0 || System.nanoTime() - lastEnd < quietMillis * 1_000_000)) {
      Thread.sleep(20);
    }
  }

  private Outcome run(Tool tool, Map<String, Object> arguments) {
    int offset = intArgument(arguments, "offset", 0, 0);
    int[] limits = limits(tool.paging());
    int limit = limits == null ? 0 : intArgument(arguments, "limit", limits[0], 1);
    if (limits != null && limit > limits[1]) {
      throw new BadArguments("limit must be at most " + limits[1] + ", not " + limit);
    }
    List<String> args = arguments(tool, arguments);
    boolean kept = AnswerMemo.keeps(tool.command());
    switch (tool.paging()) {
      case Paging.OffsetLimit p -> args.addAll(0, List.of("--offset", String.valueOf(offset), "--limit", String.valueOf(limit + 1)));
      case Paging.Bound p -> {
        long bound = (long) offset + limit + 1;
        if (kept) {
          bound = (bound + KEPT_BOUND_STEP - 1) / KEPT_BOUND_STEP * KEPT_BOUND_STEP;
        }
        args.addAll(0, List.of(p.option(), String.valueOf(bound)));
      }
      default -> { }
    }
    CommandLine root = commands.get().computeIfAbsent(tool.command(), ToolRunner::newCommand);
    CommandLine command = root.getSubcommands().get(tool.command());
    if (command.getCommandSpec().findOption("--store") != null) {
      args.addAll(0, List.of("--store", store.toString()));
    }
    String memoKey = kept ? AnswerMemo.key(tool.command(), args) : null;
    args.addFirst(tool.command());
    root.parseArgs(args.toArray(String[]::new));
    Object question = command.getCommand();
    Map<String, Object> result = new LinkedHashMap<>();
    Object answer;
    boolean isExpensive = switch (question) {
      case SnapshotAnswer q -> q.expensive();
      case StoreAnswer q -> q.expensive();
      default -> throw new IllegalStateException(tool.command() + " answers no question");
    };
    if (question instanceof StoreAnswer q) {
      answer = limited(isExpensive, q::answer);
    } else {
      try (SnapshotLease lease = acquireWhole()) {
        if (lease == null) {
          return new Outcome(null, live.currentId() == null
              ? "no snapshot is published in " + store + " yet (run 'graphsnap build' there)"
              : "the latest changes are not yet folded into a whole snapshot; ask again shortly");
        }
        result.put("snapshot", lease.id());
        SnapshotAnswer q = (SnapshotAnswer) question;
        if (memoKey == null) {
          answer = limited(isExpensive, () -> q.answer(lease.snapshot()));
        } else { // kept per snapshot, as graphsnap serve keeps them: a long session computes PageRank once
          AnswerMemo.Claim claim = memo.claim(lease.id(), memoKey);
          answer = claim.kept();
          if (answer == null) {
            try {
              answer = limited(isExpensive, () -> q.answer(lease.snapshot()));
            } finally {
              claim.settle(answer);
            }
          }
        }
      }
    }
    page(tool.paging(), answer, offset, limit, result);
    return new Outcome(result, null);
  }

  /** The current snapshot, or the next whole one while a base + delta is served (waited for up to 30 s). */
  private SnapshotLease acquireWhole() {
    try {
      return live.acquireWhole(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code answering}'s answer, holding the one expensive slot while it runs if {@code isExpensive}. */
  private Object limited(boolean isExpensive, java.util.function.Supplier<Object> answering) {
    if (isExpensive) {
      expensive.acquireUninterruptibly();
    }
    try {
      return answering.get();
    } finally {
      if (isExpensive) {
        expensive.release();
      }
    }
  }

  /** Puts {@code answer} (cut to the page) and the page's description into {@code result}. */
  @SuppressWarnings("unchecked")
  private static void page(Paging paging, Object answer, int offset, int limit, Map<String, Object> result) {
    if (paging instanceof Paging.None) {
      result.put("answer", answer);
      return;
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("offset", offset);
    page.put("limit", limit);
    List<Object> items;
    Object cut;
    Long total = null;
    boolean more;
    switch (paging) {
      case Paging.OffsetLimit p -> {
        items = (List<Object>) answer;
        more = items.size() > limit;
        cut = items.subList(0, Math.min(limit, items.size()));
      }
      case Paging.Bound p -> {
        items = (List<Object>) answer;
        more = items.size() > offset + limit;
        cut = items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size()));
      }
      case Paging.Slice p -> {
        if (p.key() == null) {
          items = (List<Object>) answer;
        } else {
          items = (List<Object>) ((Map<String, Object>) answer).get(p.key());
        }
        List<Object> slice = items == null ? null : items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size()));
        total = items == null ? null : (long) items.size();
        more = items != null && items.size() > offset + limit;
        if (p.key() == null || items == null) {
          cut = slice == null ? answer : slice;
        } else {
          Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) answer);
          copy.put(p.key(), slice);
          cut = copy;
        }
        items = slice == null ? List.of() : slice;
      }
      default -> throw new IllegalStateException();
    }
    result.put("answer", cut);
    page.put("returned", cut instanceof List<?> l ? l.size() : items.size());
    page.put("total", total);
    page.put("nextOffset", more ? offset + limit : null);
    result.put("page", page);
  }

  private static int[] limits(Paging paging) {
    return switch (paging) {
      case Paging.None n -> null;
      case Paging.OffsetLimit p -> new int[] {p.defaultLimit(), p.maxLimit()};
      case Paging.Bound p -> new int[] {p.defaultLimit(), p.maxLimit()};
      case Paging.Slice p -> new int[] {p.defaultLimit(), p.maxLimit()};
    };
  }

  /** The command's arguments for the tool's inputs (without paging): options, {@code --}, positionals. */
  static List<String> arguments(Tool tool, Map<String, Object> arguments) {
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : tool.allParams()) {
      byName.put(p.name(), p);
    }
    for (String key : arguments.keySet()) {
      if (!byName.containsKey(key)) {
        throw new BadArguments("unknown argument '" + key + "' (" + tool.name() + " takes " + String.join(", ", byName.keySet()) + ")");
      }
    }
    List<String> options = new ArrayList<>();
    List<String> positionals = new ArrayList<>();
    for (Param p : tool.params()) {
      Object value = arguments.get(p.name());
      if (p.option() != null && p.option().startsWith("!")) { // a flag given unless the boolean is true
        if (!Boolean.TRUE.equals(bool(p, value))) {
          options.add(p.option().substring(1));
        }
        continue;
      }
      if (value == null) {
        if (p.required()) {
          throw new BadArguments("'" + p.name() + "' is required");
        }
        continue;
      }
      List<String> values = switch (p.type()) {
        case "array" -> strings(p, value);
        case "boolean" -> Boolean.TRUE.equals(bool(p, value)) ? List.of() : null;
        case "integer" -> List.of(String.valueOf(integer(p, value)));
        case "number" -> {
          if (!(value instanceof Number n)) {
            throw new BadArguments("'" + p.name() + "' must be a number");
          }
          yield List.of(String.valueOf(n.doubleValue()));
        }
        default -> {
          if (!(value instanceof String s)) {
            throw new BadArguments("'" + p.name() + "' must be a string");
          }
          yield List.of(s);
        }
      };
      if (values == null) { // a false flag
        continue;
      }
      if (p.positional()) {
        if (tool.command().equals("diff") && values.stream().anyMatch(v -> v.contains("/") || v.contains("\\") || v.endsWith(".gsnap"))) {
          throw new BadArguments("diff compares refs and snapshot ids of the served store, not files: " + values);
        }
        positionals.addAll(values);
      } else if (p.type().equals("boolean")) {
        options.add(p.option());
      } else {
        for (String v : values) {
          options.add(p.option());
          options.add(v);
        }
      }
    }
    List<String> args = new ArrayList<>(options);
    args.add("--");
    args.addAll(positionals);
    return args;
  }

  private static Boolean bool(Param p, Object value) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new BadArguments("'" + p.name() + "' must be true or false");
  }

  private static long integer(Param p, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      long v = n.longValue();
      if (p.minimum() != null && v < p.minimum()) {
        throw new BadArguments("'" + p.name() + "' must be at least " + p.minimum() + ", not " + v);
      }
      if (v > Integer.MAX_VALUE) {
        throw new BadArguments("'" + p.name() + "' is too large: " + v);
      }
      return v;
    }
    throw new BadArguments("'" + p.name() + "' must be an integer");
  }

  private static int intArgument(Map<String, Object> arguments, String name, int defaultValue, int min) {
    Object v = arguments.get(name);
    if (v == null) {
      return defaultValue;
    }
    return (int) integer(new Param(name, "integer", "", "--" + name, false, min), v);
  }

  private static List<String> strings(Param p, Object value) {
    if (value instanceof String s) { // be forgiving: one string for a list of one
      return List.of(s);
    }
    if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
      throw new BadArguments("'" + p.name() + "' must be an array of strings");
    }
    if (list.size() > 256) {
      throw new BadArguments("'" + p.name() + "' has " + list.size() + " items (at most 256)");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static CommandLine newCommand(String name) {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    return GraphsnapCommand.newCommandLine(discard, discard, new String[] {name});
  }

  /** Arguments the tool does not take; the message says why. */
  static final class BadArguments extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message);
    }
  }
}
