package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The {@code --stdin} batch mode of {@code lookup} and {@code neighbors}: one name per line in (a trailing
 * {@code \r} is dropped), one JSON line per name out, in order: the answer {@code --json} would print for that
 * name, or {@code {"name", "error"}} when the name is not there or is refused. One snapshot is opened for the
 * whole batch. Output is flushed whenever no further input is waiting, so a script may write a name and read
 * its answer (a co-process) or stream thousands through at full speed.
 *
 * <p>Exit code: 0 when every name was answered, else the highest exit code of the names that failed (1 for
 * a name not found, 2 for a refused one). Errors of the snapshot itself (exit 3) end the batch.
 */
final class StdinBatch {
  /** Where commands read standard input (these batches, {@code ingest -}); tests replace it. */
  static Supplier<InputStream> input = () -> System.in;

  /** Longest line read, in characters; a longer one is answered with an error and skipped. */
  static final int MAX_LINE = 1 << 16;

  private StdinBatch() {}

  /** Answers every line of standard input with {@code answer(g, name)} on the snapshot {@code options} opens. */
  static int run(SnapshotOptions options, PrintWriter out, BiFunction<GraphSnapshot, String, Object> answer) {
    BufferedReader in = new BufferedReader(new InputStreamReader(input.get(), StandardCharsets.UTF_8), 1 << 16);
    try (GraphSnapshot g = options.open()) {
      return run(g, in, out, answer);
    }
  }

  static int run(GraphSnapshot g, BufferedReader in, PrintWriter target, BiFunction<GraphSnapshot, String, Object> answer) {
    // the command line's writer flushes every line (a system call each): buffer, and flush when input pauses
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(target, 1 << 16), false);
    int worst = ExitCodes.OK;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String name = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        Object doc;
        if (name.length() > MAX_LINE) {
          doc = error(name.substring(0, 64) + "...", "name longer than " + MAX_LINE + " characters");
          worst = Math.max(worst, ExitCodes.BAD_INPUT);
        } else {
          try {
            doc = answer.apply(g, name);
          } catch (CliException e) {
            if (e.exitCode() > ExitCodes.BAD_INPUT) {
              throw e;
            }
            doc = error(name, e.getMessage());
            worst = Math.max(worst, e.exitCode());
          }
        }
        Json.line(out, doc);
        if (!in.ready()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    } finally {
      out.flush();
    }
    return worst;
  }

  private static Map<String, Object> error(String name, String message) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("error", message);
    return doc;
  }
}
