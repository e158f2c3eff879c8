package io.graphsnap.cli;

/**
 * A command {@link QuickCommandLine} can fill in without picocli: it sets the same fields the command's picocli
 * annotations bind, for the plain spellings of its options, and refuses (returns false) anything else, which picocli
 * then parses and reports as usual. Each method is next to the annotations it mirrors, in the command class;
 * {@code QuickCommandLineTest} checks that both parsers fill a command in the same way.
 *
 * <p>Implementations are the picocli command objects themselves: not thread-safe, used for one run.
 */
interface QuickOptions {
  /** Sets what picocli injects before parsing: the parent command and a fresh mixin for every {@code @Mixin}. */
  void prepare(GraphsnapCommand root);

  /** Sets boolean option {@code name} (given without a value); false when the command has no such flag. */
  boolean flag(String name);

  /**
   * Sets option {@code name} to {@code value}; false when the command has no such option or the value is not a
   * plain spelling (picocli decides what it means or says what is wrong with it).
   */
  boolean option(String name, String value);

  /** Takes the next positional parameter; false when the command takes no more. */
  boolean parameter(String value);

  /** Whether {@code --json} was given (a failure is then also printed as a JSON document). */
  boolean json();

  /** Runs the command, as picocli would call it. */
  Integer call() throws Exception;

  /** {@code value} as an {@code int} when it is plain decimal digits (no sign, no leading zero), else -1. */
  static int plainInt(String value) {
    long v = plainLong(value);
    return v <= Integer.MAX_VALUE ? (int) v : -1;
  }

  /**
   * {@code value} as a {@code long} when it is 1 to 18 plain decimal digits (no sign, no leading zero: the spellings
   * on which {@code Long.valueOf} and {@code Long.decode} agree), else -1.
   */
  static long plainLong(String value) {
    int n = value.length();
    if (n == 0 || n > 18 || (value.charAt(0) == '0' && n > 1)) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
