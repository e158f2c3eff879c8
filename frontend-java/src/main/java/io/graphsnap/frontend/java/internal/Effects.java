package io.graphsnap.frontend.java.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The effect rules, as bits. A symbol's effects are the union over the types its signature and body
 * reference and the declaring types of the methods it calls (types declared in the same file excepted),
 * plus its modifiers and statements:
 * <pre>
 * io          java.io.* (but Serializable, Serial), java.nio.file.*, java.nio.channels.*;
 *             receivers System.out / System.err / System.in
 * net         java.net.* (with java.net.http)
 * db          java.sql.*, javax.sql.*
 * reflect     java.lang.reflect.*, java.lang.invoke.MethodHandle(s), MethodType;
 *             calls Class#forName, getMethod(s), getDeclaredMethod(s), getField(s), getDeclaredField(s),
 *             getConstructor(s), getDeclaredConstructor(s), newInstance
 * concurrency java.util.concurrent.*, Thread, ThreadLocal, InheritableThreadLocal, ThreadGroup;
 *             synchronized methods and blocks; calls of wait(), wait(long), wait(long,int), notify(),
 *             notifyAll() not declared in the file
 * unsafe      sun.misc.Unsafe, jdk.internal.misc.*
 * native      native methods; calls of a native method declared in the same file
 * </pre>
 * Stateless.
 */
final class Effects {
  static final int IO = 1;
  static final int NET = 1 << 1;
  static final int DB = 1 << 2;
  static final int REFLECT = 1 << 3;
  static final int CONCURRENCY = 1 << 4;
  static final int UNSAFE = 1 << 5;
  static final int NATIVE = 1 << 6;
  private static final String[] NAMES = {"io", "net", "db", "reflect", "concurrency", "unsafe", "native"};

  private static final Set<String> NOT_IO = Set.of("java.io.Serializable", "java.io.Serial");
  private static final Set<String> CONCURRENCY_TYPES = Set.of("java.lang.Thread", "java.lang.ThreadLocal",
      "java.lang.InheritableThreadLocal", "java.lang.ThreadGroup");
  private static final Set<String> REFLECT_TYPES = Set.of("java.lang.invoke.MethodHandles",
      "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType");
  private static final Set<String> REFLECTIVE_CLASS_METHODS = Set.of("forName", "getMethod", "getMethods",
      "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields",
      "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "newInstance");

  private Effects() {}

  /** The effects of using type {@code qualified} (a qualified class name). */
  static int ofType(String qualified) {
    if (qualified.startsWith("java.")) {
      if (qualified.startsWith("java.io.")) {
        return NOT_IO.contains(qualified) ? 0 : IO;
      }
      if (qualified.startsWith("java.nio.file.") || qualified.startsWith("java.nio.channels.")) {
        return IO;
      }
      if (qualified.startsWith("java.net.")) {
        return NET;
      }
      if (qualified.startsWith("java.sql.")) {
        return DB;
      }
      if (qualified.startsWith("java.util.concurrent.")) {
        return CONCURRENCY;
      }
      if (qualified.startsWith("java.lang.")) {
        if (qualified.startsWith("java.lang.reflect.") || REFLECT_TYPES.contains(qualified)
            || qualified.startsWith("java.lang.invoke.MethodHandles.")) {
          return REFLECT;
        }
        if (CONCURRENCY_TYPES.contains(qualified) || qualified.startsWith("java.lang.Thread.")) {
          return CONCURRENCY;
        }
      }
      return 0;
    }
    if (qualified.startsWith("javax.sql.")) {
      return DB;
    }
    if (qualified.equals("sun.misc.Unsafe") || qualified.startsWith("jdk.internal.misc.")) {
      return UNSAFE;
    }
    return 0;
  }

  /**
   * The effects of calling {@code method} with {@code arity} arguments on type {@code qualified}
   * ({@code null} when the receiver is unknown), for a method not declared in the file.
   */
  static int ofCall(String qualified, String method, int arity) {
    int bits = qualified == null ? 0 : ofType(qualified);
    if (isMonitorCall(method, arity)) {
      bits |= CONCURRENCY;
    }
    if ("java.lang.Class".equals(qualified) && REFLECTIVE_CLASS_METHODS.contains(method)) {
      bits |= REFLECT;
    }
    return bits;
  }

  private static boolean isMonitorCall(String method, int arity) {
    return switch (method) {
      case "wait" -> arity >= 0 && arity <= 2;
      case "notify", "notifyAll" -> arity == 0;
      default -> false;
    };
  }

  /** The effect names of {@code bits}, in the order above. */
  static List<String> names(int bits) {
    List<String> names = new ArrayList<>(2);
    for (int i = 0; i < NAMES.length; i++) {
      if ((bits & (1 << i)) != 0) {
        names.add(NAMES[i]);
      }
    }
    return names;
  }
}
