package io.graphsnap.bloom;

/**
 * Thrown by {@link BloomView#wrap} when bytes are not a valid serialised filter: wrong magic, an unsupported
 * version, an out-of-range field, non-zero padding, or a length that does not match the header. The message
 * names the field and shows the actual against the expected value.
 */
public final class InvalidBloomException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the given message, which should name the field, actual and expected values. */
  public InvalidBloomException(String message) {
    super(message);
  }
}
