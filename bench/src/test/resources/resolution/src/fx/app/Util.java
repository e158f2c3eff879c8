package fx.app;

final class Util {
  private Util() {}

  static void log(String format, Object... args) {
    System.out.println(String.format(format, args));
  }

  static void log(String message) {
    System.out.println(message);
  }
}
