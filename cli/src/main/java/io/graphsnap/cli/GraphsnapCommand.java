package io.graphsnap.cli;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.MappingFaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: lists the subcommands and holds the options every one inherits ({@code --quiet},
 * {@code --verbose}). Errors print one line on stderr (a stack trace only with {@code --verbose}) and map
 * to {@link ExitCodes}.
 */
@Command(
    name = "graphsnap",
    mixinStandardHelpOptions = true,
    version = GraphsnapCommand.VERSION,
    description = "Compact, read-optimised code-graph snapshots.")
public final class GraphsnapCommand implements Runnable {
  /** What {@code --version} prints. */
  static final String VERSION = "graphsnap 0.1.0";

  /**
   * The subcommands, in the order {@code --help} lists them. Registered with picocli one by one (rather than in
   * the {@code @Command} annotation) so that a run of one command builds only that command's model: picocli
   * reflects over every registered command class, which cost most of the start-up of a one-line query. picocli's
   * {@code help} command comes last in the listing, registered apart ({@link #newCommandLine(PrintWriter,
   * PrintWriter, String[])}): this list is built whenever this class is, and picocli's classes cannot come from the
   * JDK's AOT cache (their class files are Java 5), so naming one here would load it from the jar on every run.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      BuildCommand.class,
      IngestCommand.class,
      SnapshotCommand.class,
      RefsCommand.class,
      DiffCommand.class,
      GcCommand.class,
      IndexCommand.class,
      InfoCommand.class,
      LookupCommand.class,
      SymbolsCommand.class,
      AtCommand.class,
      NeighborsCommand.class,
      QueryCommand.class,
      ReachCommand.class,
      EffectsCommand.class,
      CyclesCommand.class,
      PathCommand.class,
      DeadCommand.class,
      PagerankCommand.class,
      DegreeCommand.class,
      DegreesCommand.class,
      SectionsCommand.class,
      VerifyCommand.class,
      ExportCommand.class,
      io.graphsnap.cli.serve.ServeCommand.class,
      io.graphsnap.cli.watch.WatchCommand.class,
      io.graphsnap.cli.mcp.McpCommand.class,
      IngestScipCommand.class,
      SearchCommand.class,
      CompletionCommand.class);

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress and no summary on stderr.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Stack traces for errors.")
  boolean verbose;

  @Option(names = "--color", paramLabel = "WHEN", scope = ScopeType.INHERIT,
      description = "Colour help and result tables: auto (when stdout is a terminal and NO_COLOR is unset), always, never.")
  ColorMode color = ColorMode.auto;

  private PrintWriter out;
  private PrintWriter err;

  /**
   * Creates a command line writing to {@code out} and {@code err}; tests capture both. Each call gives a new,
   * independent command line.
   */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(out, err, null);
  }

  /**
   * As {@link #newCommandLine(PrintWriter, PrintWriter)}, for running {@code args}: when they name one
   * subcommand (its name is the first argument that is not an option, and is not {@code help}), only that
   * subcommand is registered, which is what makes a query start fast; otherwise (no command, {@code help}, a
   * misspelt name) all are, so that help and suggestions list them. {@code null} registers all.
   */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, String[] arguments) {
    GraphsnapCommand root = root(out, err);
    CommandLine cl = new CommandLine(root);
    Class<?> only = arguments == null ? null : SubcommandIndex.find(arguments);
    for (Class<?> sub : only != null ? List.of(only) : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
    if (only == null) {
      cl.addSubcommand(CommandLine.HelpCommand.class);
    }
    addHelpOptions(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(GraphsnapCommand::exitCode);
    cl.setExecutionStrategy(parseResult -> {
      MappedFiles.clear();
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(
          root.color.enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } catch (VirtualMachineError e) { // picocli only hands Exceptions to the handler below
        return reportError(e, parseResult.commandSpec().commandLine().getErr(), root.verbose);
      }
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> reportFailure(e, commandLine.getOut(),
        commandLine.getErr(), e instanceof CliException && wantsJson(parseResult), root.verbose));
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      PrintWriter failedErr = failed.getErr();
      failedErr.println("graphsnap: " + TerminalText.escape(e.getMessage()));
      if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
        Suggestions.printDidYouMean(unmatched, failedErr);
      }
      failedErr.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      failedErr.flush();
      return ExitCodes.BAD_INPUT;
    });
    return cl;
  }

  /**
   * Runs {@code args} writing to {@code out} and {@code err}, and returns the exit code: the hot read-only queries
   * through {@link QuickCommandLine} when it reads them, everything else through picocli
   * ({@link #newCommandLine(PrintWriter, PrintWriter, String[])}). The output is the same either way.
   */
  public static int execute(PrintWriter out, PrintWriter err, String[] args) {
    Integer quick = QuickCommandLine.run(args, out, err);
    return quick != null ? quick : newCommandLine(out, err, args).execute(args);
  }

  /** A root command writing to {@code out} and {@code err}, with its options at their defaults. */
  static GraphsnapCommand root(PrintWriter out, PrintWriter err) {
    GraphsnapCommand root = new GraphsnapCommand();
    root.out = out;
    root.err = err;
    return root;
  }

  /**
   * {@link QuickOptions#flag} for the inherited options, as annotated above, but for {@code --verbose}: its stack
   * traces show the frames of the parser that ran, so picocli runs it, and they stay as they were.
   */
  boolean quickFlag(String name) {
    if (!name.equals("--quiet")) {
      return false;
    }
    quiet = true;
    return true;
  }

  /** {@link QuickOptions#option} for the inherited options: {@code --color} with one of its names, exactly. */
  boolean quickOption(String name, String value) {
    if (!name.equals("--color")) {
      return false;
    }
    switch (value) {
      case "auto" -> color = ColorMode.auto;
      case "always" -> color = ColorMode.always;
      case "never" -> color = ColorMode.never;
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Reports exception {@code e} that a command threw, and returns the exit code: with {@code json} (the command was
   * given {@code --json} and {@code e} is a {@link CliException}), first its {@link #errorDocument} on {@code out};
   * then one line on {@code err} (and the candidates of a name; a stack trace with {@code verbose}).
   */
  static int reportFailure(Exception e, PrintWriter out, PrintWriter err, boolean json, boolean verbose) {
    if (json && e instanceof CliException c) {
      Json.print(out, errorDocument(c));
    }
    if (MappingFaults.isMappingFault(e)) { // raised on another thread (parallel analyses) and wrapped
      err.println("graphsnap: " + TerminalText.escape(MappedFiles.corrupt(e).getMessage()));
      err.flush();
      return ExitCodes.CORRUPT;
    }
    err.println("graphsnap: " + TerminalText.escape(message(e)));
    if (e instanceof CliException c && !c.candidates().isEmpty()) {
      err.println(c.error().equals("ambiguous") ? "candidates:" : "did you mean:");
      for (String name : c.candidates()) {
        err.println("  " + TerminalText.escape(name));
      }
    }
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(TerminalText.escapeLines(trace.toString()));
    }
    err.flush();
    return exitCode(e);
  }

  /** Whether the command that ran was given {@code --json}. */
  private static boolean wantsJson(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult last = parseResult;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    return last.hasMatchedOption("--json") && Boolean.TRUE.equals(last.matchedOptionValue("--json", Boolean.FALSE));
  }

  /** The one JSON document a failed {@code --json} command prints: {@code {"error", "candidates"}}. */
  static java.util.Map<String, Object> errorDocument(CliException e) {
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("error", e.error());
    doc.put("candidates", e.candidates());
    return doc;
  }

  /** Gives {@code cl}'s subcommands, at every depth, {@code -h}/{@code --help} (the root has its own). */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
        continue;
      }
      if (sub.getCommandSpec().findOption("--help") == null) {
        sub.getCommandSpec().addMixin("help", CommandLine.Model.CommandSpec.forAnnotatedObject(new HelpOption()));
      }
      addHelpOptions(sub);
    }
  }

  /**
   * Reports an {@link Error} that escaped a command in one line: a fault in a mapped snapshot (exit 3, naming the
   * file), running out of memory (exit 3, saying how to give more), a stack overflow (exit 3); anything else is
   * rethrown.
   */
  static int reportError(Error e, PrintWriter err, boolean verbose) {
    String line;
    if (MappingFaults.isMappingFault(e)) {
      line = MappedFiles.corrupt(e).getMessage();
    } else if (e instanceof OutOfMemoryError && String.valueOf(e.getMessage()).contains("direct buffer memory")) {
      // Native memory (a compact snapshot's adjacency decoded for a whole-graph analysis): its own limit, which
      // defaults to the heap's maximum.
      line = "not enough native memory (" + e.getMessage() + "; use GRAPHSNAP_JAVA_OPTS=-XX:MaxDirectMemorySize=..."
          + " to allow more, e.g. GRAPHSNAP_JAVA_OPTS=-XX:MaxDirectMemorySize="
          + Math.max(1, 2 * Runtime.getRuntime().maxMemory() >> 30) + "g, or analyse a snapshot built with --format"
          + " fixed, which is mapped and never decoded)";
    } else if (e instanceof OutOfMemoryError) {
      line = "not enough memory (" + e.getMessage() + "; use GRAPHSNAP_JAVA_OPTS=-Xmx... to give graphsnap more, e.g. "
          + "GRAPHSNAP_JAVA_OPTS=-Xmx" + Math.max(1, 2 * Runtime.getRuntime().maxMemory() >> 30) + "g)";
    } else if (e instanceof StackOverflowError) {
      line = "input nested too deeply (stack overflow); use GRAPHSNAP_JAVA_OPTS=-Xss... to give graphsnap more stack";
    } else {
      throw e;
    }
    err.println("graphsnap: " + TerminalText.escape(line));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.CORRUPT;
  }

  /** The one line shown for {@code e}, before escaping: its message, or what it is when that says too little. */
  static String message(Throwable e) {
    if (e instanceof NoSuchFileException nsf) {
      return "no such file: " + nsf.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() == null) {
      // these carry only the file name as their message
      return switch (fs) {
        case AccessDeniedException _ -> "permission denied: " + fs.getFile();
        case FileAlreadyExistsException _ -> "already exists: " + fs.getFile();
        case NotDirectoryException _ -> "not a directory: " + fs.getFile();
        default -> fs.getClass().getSimpleName() + ": " + fs.getMessage();
      };
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    if (e instanceof io.graphsnap.objects.StoreLockedException) {
      return ExitCodes.BUSY;
    }
    if (e instanceof CorruptSnapshotException || e instanceof CorruptObjectException) {
      return ExitCodes.CORRUPT;
    }
    if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof NoSuchFileException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.CORRUPT;
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** Standard output. */
  PrintWriter out() {
    return out;
  }

  /** Standard error, for diagnostics and progress. */
  PrintWriter err() {
    return err;
  }

  /** The colouring chosen with {@code --color}. */
  ColorMode color() {
    return color;
  }

  /** Whether progress and summaries on stderr are suppressed. */
  boolean quiet() {
    return quiet;
  }

  /** A progress display: on when stderr is a terminal and not {@code --quiet}. */
  Progress progress() {
    return new Progress(err, !quiet && Progress.isTerminal());
  }
}
