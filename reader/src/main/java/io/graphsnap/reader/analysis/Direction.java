package io.graphsnap.reader.analysis;

/** Which way a traversal follows edges: out-edges ({@link #FORWARD}) or in-edges ({@link #REVERSE}). */
public enum Direction {
  /** Follow edges from source to target: "what does X reach", over the forward CSR. */
  FORWARD,
  /** Follow edges from target to source: "what reaches X", over the reverse CSR. */
  REVERSE;

  /** The other direction. */
  public Direction opposite() {
    return this == FORWARD ? REVERSE : FORWARD;
  }
}
