package io.graphsnap.cli;

import java.io.PrintWriter;

/** Entry point of the {@code graphsnap} command line; see {@link GraphsnapCommand}. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its exit code ({@link ExitCodes}). */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = GraphsnapCommand.newCommandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
