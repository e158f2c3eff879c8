package io.graphsnap.spark;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark jobs' entry point, {@code graphsnap spark pagerank|reach|components EXPORT [--master URL] ...}:
 * run by {@code ./graphsnap spark ...} in local mode, or with {@code spark-submit --class
 * io.graphsnap.spark.GraphsnapSpark graphsnap-spark.jar ...} on a cluster. Results go to stdout (a table, or
 * one JSON document with {@code --json}) and, with {@code --output DIR}, to Parquet; progress and timings to
 * stderr. Exit codes as the graphsnap CLI: 0 success, 1 not found, 2 bad usage or input.
 */
@Command(name = "graphsnap spark", mixinStandardHelpOptions = true, version = "graphsnap-spark 0.1.0",
    description = "Batch jobs over a graphsnap Parquet export, on Apache Spark.",
    subcommands = {PageRankJob.class, ReachJob.class, ComponentsJob.class, CommandLine.HelpCommand.class})
public final class GraphsnapSpark implements Runnable {
  /** Exit code: success. */
  static final int OK = 0;
  /** Exit code: a name was not found. */
  static final int NOT_FOUND = 1;
  /** Exit code: bad usage or input. */
  static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new GraphsnapSpark());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("graphsnap spark: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (Boolean.getBoolean("graphsnap.verbose")) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return e instanceof NotFoundException ? NOT_FOUND : BAD_INPUT;
    });
    return cl.execute(args);
  }

  /** The command line's entry point. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(out, err, args));
  }

  /** A name the user gave is not in the export (exit 1). */
  static final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }
}
