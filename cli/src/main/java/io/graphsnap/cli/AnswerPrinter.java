package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The {@code call()} of a query command that is a {@link SnapshotAnswer}, in one place: open the snapshot the
 * options name, build the answer, print it as JSON ({@code --json}, the bytes {@code graphsnap serve} sends) or
 * in the command's own text form, flush, exit {@link ExitCodes#OK}. The snapshot is closed before returning,
 * after the text form has used it.
 *
 * <p>Stateless; errors ({@link CliException}, the reader's) propagate to the caller unchanged.
 */
final class AnswerPrinter {
  private AnswerPrinter() {}

  /** How a command prints its answer without {@code --json}; {@code g} is still open. Need not flush. */
  @FunctionalInterface
  interface TextForm<T> {
    void print(PrintWriter out, T answer, GraphSnapshot g);
  }

  /**
   * Opens {@code snapshot}, answers with {@code answer} and prints the result to {@code root}'s standard output.
   *
   * @return {@link ExitCodes#OK}
   */
  static <T> int print(GraphsnapCommand root, SnapshotOptions snapshot, boolean json,
      Function<GraphSnapshot, T> answer, TextForm<T> text) {
    try (GraphSnapshot g = snapshot.open()) {
      T doc = answer.apply(g);
      PrintWriter out = root.out();
      if (json) {
        Json.print(out, doc);
      } else {
        text.print(out, doc, g);
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
