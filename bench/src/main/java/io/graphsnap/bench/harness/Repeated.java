package io.graphsnap.bench.harness;

import java.util.Arrays;
import java.util.List;

/**
 * One row of the report over every repetition: graphsnap's figure, the peer's and their ratio
 * ({@code peer ÷ graphsnap}) in each repetition, the ratio computed within each repetition (so that a slow
 * repetition slows both sides of its own ratio), and the verdict on the goal. Immutable.
 *
 * <p>Verdict: {@code met} when every repetition's ratio reaches the goal; {@code missed} when the median does
 * not; {@code unsettled} when the median does but some repetition does not; none of these when noise disturbed a
 * timing the row compares ({@link Noise#disturbs}): {@code not judged (noisy run)}. Sizes are judged whatever the
 * noise. Empty without a goal, {@code n/a} without figures.
 *
 * @param row the first repetition's row (section, measure, unit, peer, goal, note)
 * @param graphsnap graphsnap's figure per repetition
 * @param peer the peer's figure per repetition
 * @param ratio the ratio per repetition (NaN where a figure is missing)
 * @param verdict see above
 */
public record Repeated(Comparison row, double[] graphsnap, double[] peer, double[] ratio, String verdict) {

  /** Lines up the repetitions' rows (same order in each) and judges each goal. */
  public static List<Repeated> of(List<List<Comparison>> reps, Noise noise) {
    List<Comparison> first = reps.getFirst();
    return java.util.stream.IntStream.range(0, first.size()).mapToObj(i -> {
      double[] g = new double[reps.size()];
      double[] p = new double[reps.size()];
      double[] r = new double[reps.size()];
      String note = "";
      for (int k = 0; k < reps.size(); k++) {
        Comparison c = reps.get(k).get(i);
        g[k] = c.graphsnap();
        p[k] = c.peerFigure();
        r[k] = c.advantage();
        note = note.isEmpty() ? c.note() : note;
      }
      Comparison c = first.get(i);
      Comparison row = new Comparison(c.section(), c.measure(), c.unit(), c.graphsnap(), c.peer(), c.peerFigure(),
          c.goal(), c.goalText(), allNaN(p) ? note : "");
      return new Repeated(row, g, p, r, verdict(row, r, noise));
    }).toList();
  }

  private static String verdict(Comparison row, double[] ratio, Noise noise) {
    if (!row.hasGoal()) {
      return "";
    }
    double[] finite = Arrays.stream(ratio).filter(x -> !Double.isNaN(x)).toArray();
    if (finite.length == 0) {
      return "n/a";
    }
    if (row.unit() != Comparison.Unit.BYTES && noise.disturbs("graphsnap", row.peer())) {
      return "not judged (noisy run)";
    }
    if (Arrays.stream(finite).allMatch(x -> x >= row.goal())) {
      return "met";
    }
    return median(finite) < row.goal() ? "missed" : "unsettled";
  }

  /** The median ratio, NaN if none. */
  public double medianRatio() {
    return median(ratio);
  }

  /** The median of the finite values, NaN if none. */
  public static double median(double[] values) {
    double[] finite = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
    return finite.length == 0 ? Double.NaN : Timing.median(finite);
  }

  /** The least finite value, NaN if none. */
  public static double min(double[] values) {
    return Arrays.stream(values).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
  }

  /** The greatest finite value, NaN if none. */
  public static double max(double[] values) {
    return Arrays.stream(values).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
  }

  private static boolean allNaN(double[] values) {
    return Arrays.stream(values).allMatch(Double::isNaN);
  }
}
