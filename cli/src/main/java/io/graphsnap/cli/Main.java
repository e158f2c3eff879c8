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
   */
  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      System.out.println(GraphsnapCommand.VERSION); // without building the command line at all
      System.exit(ExitCodes.OK);
    }
    int code;
    try {
      PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
      PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
      code = GraphsnapCommand.execute(out, err, args);
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
