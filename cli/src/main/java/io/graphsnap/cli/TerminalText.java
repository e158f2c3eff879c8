package io.graphsnap.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Makes untrusted text safe to print on a terminal. Names, notes, metadata, kinds and paths come from JSON
 * Lines files, loose objects, snapshots and the command line, and may hold escape sequences (ESC, CSI, OSC-8
 * hyperlinks, a BEL, a carriage return that overwrites the line): every human-readable printer of the command
 * line passes such values through {@link #escape} (or prints with {@link #printf}), and every error message
 * goes through {@link #escape} in {@link GraphsnapCommand}. JSON output is not touched: Jackson escapes control
 * characters itself, and its bytes are a contract.
 *
 * <p>The escapes, chosen to be readable and to keep each value on its line:
 *
 * <ul>
 *   <li>{@code \t}, {@code \n}, {@code \r} for tab, line feed and carriage return;
 *   <li>{@code \e} for ESC (U+001B);
 *   <li>{@code \}{@code u00XX} (four hex digits, upper case) for every other C0 control (U+0000–U+001F), DEL
 *       (U+007F) and every C1 control (U+0080–U+009F), e.g. U+009B (CSI) becomes {@code \}{@code u009B}.
 * </ul>
 *
 * Everything else, backslash included, is printed as it is: the escaping protects the terminal, it is not an
 * encoding to be parsed back (use {@code --json} for that).
 *
 * <p>Stateless and thread-safe. {@link #escape} is O(length) and returns its argument itself when there is
 * nothing to escape.
 */
public final class TerminalText {
  private TerminalText() {}

  /** Whether {@code c} is a C0 control, DEL or a C1 control. */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** {@code value}'s {@code toString()} (or {@code "null"}) with every control character escaped. */
  public static String escape(Object value) {
    String s = String.valueOf(value);
    int first = firstControl(s);
    if (first < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, first);
    for (int i = first; i < s.length(); i++) {
      appendEscaped(b, s.charAt(i));
    }
    return b.toString();
  }

  /**
   * {@code text} with every control character escaped except line feeds and tabs, which stay: for text that
   * is several lines by design (a stack trace), each of whose lines may hold an untrusted value.
   */
  static String escapeLines(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\t') {
        b.append(c);
      } else {
        appendEscaped(b, c);
      }
    }
    return b.toString();
  }

  /**
   * {@link String#format} (in the default locale, as {@link PrintWriter#printf} does) with every argument
   * that is not a number or a boolean replaced by its {@linkplain #escape escaped} text. The format string
   * itself is trusted and printed as it is.
   */
  static String format(String format, Object... args) {
    Object[] safe = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      safe[i] = a instanceof Number || a instanceof Boolean ? a : escape(a);
    }
    return String.format(format, safe);
  }

  /** Prints {@link #format format(format, args)} on {@code out}. */
  static void printf(PrintWriter out, String format, Object... args) {
    out.print(format(format, args));
  }

  private static int firstControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void appendEscaped(StringBuilder b, char c) {
    if (!isControl(c)) {
      b.append(c);
      return;
    }
    switch (c) {
      case '\t' -> b.append("\\t");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case 0x1b -> b.append("\\e");
      default -> b.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) c));
    }
  }
}
