package io.graphsnap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the command line in-process, as {@link Main} does (the quick parser first, then picocli), and captures its
 * exit code, stdout and stderr.
 */
record CliRunner(int exitCode, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRunner(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
