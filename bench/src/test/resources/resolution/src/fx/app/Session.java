package fx.app;

import fx.base.*;

/** A resource: try-with-resources calls its close() without writing it; Objects.requireNonNull(…) is inferred. */
public class Session extends Node implements AutoCloseable {
  @Override
  public void close() { }

  static double use(Shape shape) {
    try (Session s = new Session()) {
      return java.util.Objects.requireNonNull(shape, "shape").area();
    }
  }
}
