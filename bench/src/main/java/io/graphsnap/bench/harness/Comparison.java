package io.graphsnap.bench.harness;

/**
 * One row of the report: graphsnap's figure against a peer's for the same measure, both lower-is-better, and
 * the advantage {@code peer ÷ graphsnap} (above 1: graphsnap is better by that factor). Immutable.
 *
 * @param section the table the row belongs to
 * @param measure what is measured, e.g. {@code "BFS (all edge types), per source"}
 * @param unit how to print the figures
 * @param graphsnap graphsnap's figure, NaN if missing
 * @param peer the peer's name
 * @param peerFigure the peer's figure, NaN if missing
 * @param goal the least advantage issue 7 asks for, or NaN when the row is for information
 * @param goalText the goal as the issue words it, or empty
 * @param note why a figure is missing, or empty
 */
public record Comparison(String section, String measure, Unit unit, double graphsnap, String peer,
    double peerFigure, double goal, String goalText, String note) {

  /** How figures print. */
  public enum Unit {
    /** Bytes, printed in MB. */
    BYTES,
    /** Seconds, printed in s or ms. */
    SECONDS,
    /** Nanoseconds per operation. */
    NANOS
  }

  /** {@code peer ÷ graphsnap}, or NaN when either is missing or zero. */
  public double advantage() {
    if (!(graphsnap > 0) || !(peerFigure > 0)) {
      return Double.NaN;
    }
    return peerFigure / graphsnap;
  }

  /** The same row under another measure name. */
  public Comparison withMeasure(String newMeasure) {
    return new Comparison(section, newMeasure, unit, graphsnap, peer, peerFigure, goal, goalText, note);
  }

  /** Whether there is a goal. */
  public boolean hasGoal() {
    return !Double.isNaN(goal);
  }

  /** {@code met}, {@code missed}, {@code n/a} (no figure) or empty (no goal). */
  public String verdict() {
    if (!hasGoal()) {
      return "";
    }
    double a = advantage();
    return Double.isNaN(a) ? "n/a" : a >= goal ? "met" : "missed";
  }
}
