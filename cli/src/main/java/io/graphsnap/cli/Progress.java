package io.graphsnap.cli;

import java.io.PrintWriter;

/**
 * A one-line progress display on stderr: redrawn in place at most every 100 ms when stderr is a terminal,
 * silent when it is not (piped) or with {@code --quiet}. Not thread-safe: call from one thread, or
 * synchronise externally.
 */
public final class Progress {
  private final PrintWriter err;
  private final boolean enabled;
  private long lastDraw;
  private int lastWidth;

  /** A progress display writing to {@code err}, shown only if {@code enabled}. */
  public Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Whether stderr is an interactive terminal (the JVM's console is attached to a terminal). */
  public static boolean isTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  /** Whether this display draws anything. */
  public boolean enabled() {
    return enabled;
  }

  /** Shows {@code label: done/total (percent)}; throttled. */
  public void update(String label, long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    String line = total > 0
        ? String.format("%s: %,d/%,d (%d%%)", label, done, total, (int) (100 * done / Math.max(1, total)))
        : String.format("%s: %,d", label, done);
    draw(line);
  }

  /** Shows a free-form status line; throttled like {@link #update}. */
  public void status(String line) {
    if (!enabled) {
      return;
    }
    draw(line);
  }

  private void draw(String text) {
    String line = TerminalText.escape(text); // labels name user files
    String pad = line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : "";
    err.print("\r" + line + pad);
    err.flush();
    lastWidth = line.length();
  }

  /** Clears the progress line, if one is shown. */
  public void done() {
    if (enabled && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }
}
