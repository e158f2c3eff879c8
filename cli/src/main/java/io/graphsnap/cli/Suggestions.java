package io.graphsnap.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * "Did you mean" for words the user typed: commands, options, kinds, effects, edge types. Candidates are ranked
 * by edit distance (optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
 * cost 1), case-insensitive; one that starts with the typed word counts as distance 1. O(candidates × length²).
 */
final class Suggestions {
  private Suggestions() {}

  /** The most suggestions printed. */
  static final int MAX = 5;

  /** Prints "Did you mean: a, b?" for the first unmatched argument of {@code e}, if anything is close. */
  static void printDidYouMean(CommandLine.UnmatchedArgumentException e, PrintWriter err) {
    List<String> unmatched = e.getUnmatched();
    if (unmatched.isEmpty()) {
      return;
    }
    String typed = unmatched.getFirst();
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    List<String> candidates = new ArrayList<>();
    if (typed.startsWith("-")) {
      String optionName = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
      for (OptionSpec option : spec.options()) {
        if (!option.hidden()) {
          candidates.addAll(List.of(option.names()));
        }
      }
      typed = optionName;
    } else {
      candidates.addAll(spec.subcommands().keySet());
    }
    List<String> close = closest(typed, candidates);
    if (!close.isEmpty()) {
      String prefix = typed.startsWith("-") ? "" : spec.qualifiedName() + " ";
      err.println("Did you mean: " + TerminalText.escape(String.join(", ", close.stream().map(c -> prefix + c).toList())) + "?");
    }
  }

  /**
   * The candidates within edit distance {@code max(1, length / 3)} of {@code typed} (or starting with it), nearest
   * first, ties in the order given, at most {@link #MAX}.
   */
  static List<String> closest(String typed, Collection<String> candidates) {
    String t = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, t.length() / 3);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String c : candidates) {
      String lower = c.toLowerCase(Locale.ROOT);
      int d = lower.startsWith(t) && !lower.equals(t) ? 1 : distance(t, lower, limit);
      if (d <= limit) {
        scored.add(new Scored(c, d));
      }
    }
    return scored.stream().sorted(Comparator.comparingInt(Scored::distance)).limit(MAX).map(Scored::name).distinct().toList();
  }

  /** The optimal-string-alignment distance of {@code a} and {@code b}, or {@code limit + 1} once it exceeds {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] before = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    return Math.min(previous[b.length()], limit + 1);
  }

  /**
   * Exit 2 unless every value is one of {@code valid}: "unknown kind 'methd' (did you mean: method?); this snapshot
   * has: a, b, c".
   */
  static void requireKnown(String what, Collection<String> values, Collection<String> valid) {
    for (String value : values) {
      if (!valid.contains(value)) {
        List<String> close = closest(value, valid);
        throw CliException.badInput("unknown " + what + " '" + value + "'"
            + (close.isEmpty() ? "" : " (did you mean: " + String.join(", ", close) + "?)")
            + "; this snapshot has: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
      }
    }
  }
}
