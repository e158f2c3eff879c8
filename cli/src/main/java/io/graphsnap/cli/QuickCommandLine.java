package io.graphsnap.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs the hot read-only queries ({@code lookup}, {@code neighbors}, {@code search}) without picocli, when their
 * arguments are spelt plainly: picocli's model building (class loading, annotation reflection, proxies) took most
 * of a one-line query's start-up (its class files are Java 5, which the JDK's AOT cache does not take).
 *
 * <p>It declines, and picocli runs the command line as before, on anything it does not read exactly as picocli
 * does, and on {@code -v}/{@code --verbose} (whose stack traces would show this class's frames instead of
 * picocli's): another command, an unknown or repeated option, {@code -h}/{@code --help}/{@code --version}, clustered short
 * options, {@code --}, an {@code @file} argument, an empty argument, an option value that starts with {@code -} or is
 * not a plain spelling (see {@link QuickOptions}), a missing value, a second positional parameter. What a command
 * then does, prints and exits with is the same either way: the same command object runs, and its failures are
 * reported by the same code as picocli's handler ({@link GraphsnapCommand#reportFailure}).
 *
 * <p>Not thread-safe per run (each call builds its own command objects). O(number of arguments).
 */
final class QuickCommandLine {
  private QuickCommandLine() {}

  /** Runs {@code args} and returns the exit code, or returns null when they are for picocli. */
  static Integer run(String[] args, PrintWriter out, PrintWriter err) {
    GraphsnapCommand root = GraphsnapCommand.root(out, err);
    QuickOptions command = parse(args, root);
    return command == null ? null : execute(root, command, out, err);
  }

  /**
   * The command {@code args} run, filled in (and {@code root}'s inherited options set), or null when they are for
   * picocli.
   */
  static QuickOptions parse(String[] args, GraphsnapCommand root) {
    QuickOptions command = null;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.charAt(0) == '@') {
        return null;
      }
      if (a.charAt(0) != '-') {
        if (command == null) {
          command = command(a);
          if (command == null) {
            return null;
          }
          command.prepare(root);
        } else if (!command.parameter(a)) {
          return null;
        }
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      name = switch (name) { // picocli counts an option given twice under its two names as repeated
        case "-q" -> "--quiet";
        case "-v" -> "--verbose";
        default -> name;
      };
      if (!seen.add(name)) {
        return null;
      }
      if (value == null && root.quickFlag(name)) {
        continue;
      }
      if (value == null && command != null && command.flag(name)) {
        continue;
      }
      if (value == null) {
        if (i + 1 == args.length || args[i + 1].isEmpty() || args[i + 1].charAt(0) == '-' || args[i + 1].charAt(0) == '@') {
          return null;
        }
        value = args[++i];
      }
      if (value.isEmpty()) {
        return null;
      }
      if (!root.quickOption(name, value) && (command == null || !command.option(name, value))) {
        return null;
      }
    }
    return command;
  }

  /** The command named {@code name}, when it is one this parser fills in. */
  private static QuickOptions command(String name) {
    return switch (name) {
      case "lookup" -> new LookupCommand();
      case "neighbors", "neighbours" -> new NeighborsCommand();
      case "search" -> new SearchCommand();
      default -> null;
    };
  }

  /** Runs the filled-in command as picocli's execution strategy and handlers in {@link GraphsnapCommand} do. */
  private static int execute(GraphsnapCommand root, QuickOptions command, PrintWriter out, PrintWriter err) {
    MappedFiles.clear();
    try {
      Integer code = command.call();
      return code == null ? ExitCodes.OK : code;
    } catch (VirtualMachineError e) {
      return GraphsnapCommand.reportError(e, err, root.verbose);
    } catch (Exception e) {
      return GraphsnapCommand.reportFailure(e, out, err, command.json(), root.verbose);
    }
  }
}
