package io.graphsnap.bench.serve;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Asks Linux to wake the calling thread's timed waits on time: by default a thread's timers may fire up to 50 µs
 * late (the kernel's timer slack, which batches wake-ups), which an open-loop load generator would add to every
 * request it sends after a wait. {@code prctl(PR_SET_TIMERSLACK, 1000)} makes it 1 µs for this thread. Best effort:
 * on another system, or without native access, nothing changes (and {@link #tighten} says so).
 */
final class TimerSlack {
  private static final int PR_SET_TIMERSLACK = 29;

  private TimerSlack() {}

  /** Sets this thread's timer slack to {@code nanos}; true if it was set. */
  static boolean tighten(long nanos) {
    if (!System.getProperty("os.name", "").equals("Linux")) {
      return false;
    }
    try {
      Linker linker = Linker.nativeLinker();
      MethodHandle prctl = linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
          Linker.Option.firstVariadicArg(1));
      return (int) prctl.invokeExact(PR_SET_TIMERSLACK, nanos) == 0;
    } catch (Throwable e) { // no native access, no prctl
      return false;
    }
  }
}
