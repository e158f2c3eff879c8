package io.graphsnap.cli;

import java.io.PrintWriter;

/** Entry point of the {@code graphsnap} command line; see {@link GraphsnapCommand}. */
public final class Main {
  private Main() {}

  /** Built before anything else, so that it can be printed when the heap is exhausted. */
  private static final byte[] OUT_OF_MEMORY = ("graphsnap: not enough memory; use GRAPHSNAP_JAVA_OPTS=-Xmx... to give "
      + "graphsnap more (e.g. GRAPHSNAP_JAVA_OPTS=-Xmx2g)\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Runs the command line and exits with its exit code ({@link ExitCodes}). Running out of memory anywhere, even
   * before a command starts, prints one line and exits 3.
   *
   * <p>{@code --version} and a point query that {@link QuickCommandLine} ran (not a {@code --stdin} batch) end with
   * {@link Runtime#halt} once their output is flushed, not {@link System#exit}: {@code System.exit} looks up a
   * {@code System.Logger} to log the exit, and finding the logger service reads the entries of every jar on the class
   * path (the CLI jar has over 20,000), which cost more than the query itself. Those commands register no shutdown
   * hooks, so nothing is skipped; a JFR recording started with {@code GRAPHSNAP_JAVA_OPTS} is not written on exit,
   * so profile a {@code --stdin} batch or another command instead.
   */
  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      System.out.println(GraphsnapCommand.VERSION); // without building the command line at all
      System.out.flush();
      Runtime.getRuntime().halt(ExitCodes.OK);
    }
    int code;
    boolean halt = false;
    try {
      PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
      PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
      Integer quick = QuickCommandLine.run(args, out, err);
      code = quick != null ? quick : GraphsnapCommand.newCommandLine(out, err, args).execute(args);
      halt = quick != null && !java.util.List.of(args).contains("--stdin");
      out.flush();
      err.flush();
    } catch (OutOfMemoryError e) {
      System.err.write(OUT_OF_MEMORY, 0, OUT_OF_MEMORY.length);
      System.err.flush();
      code = ExitCodes.CORRUPT;
    }
    if (halt) {
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }
    System.exit(code);
  }
}
