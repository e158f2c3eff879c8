package io.graphsnap.cli.serve;

import io.graphsnap.cli.GraphsnapCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process (as the users' {@code graphsnap}), capturing exit code, stdout, stderr. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** A loopback server over {@code store} after ingesting {@code input} into it and publishing a snapshot. */
  static ApiServer ingestSnapshotAndServe(Path input, Path store) throws IOException {
    run("ingest", input.toString(), "--store", store.toString(), "-q").ok();
    run("snapshot", "--store", store.toString(), "-q").ok();
    return ApiServer.start(ServerOptions.loopback(store, System.err::println));
  }

  /** The run, checked to have exited 0. */
  Cli ok() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + "\n" + out + err);
    }
    return this;
  }
}
