package io.graphsnap.objects.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's C2 compiler away from {@code org.mapdb.BTreeMap.put2}: Temurin 25.0.3's C2 crashes the JVM
 * (SIGSEGV in the compiler thread, in {@code LoadKlassNode::make} or {@code PhaseIterGVN::add_users_to_worklist})
 * while compiling that method, in 3 of 6 runs of a loop of MapDB puts and in 4 of about 20 runs of this project's
 * builder tests. With the method left to C1 (a compiler directive), 0 of 6. Not API.
 *
 * <p>{@link #apply()} adds the directive at run time through the {@code DiagnosticCommand} MBean
 * ({@code Compiler.directives_add}), once per JVM, before the first index is opened: about 0.1–0.3 s, spent
 * only by processes that open an index. A launcher can do it for free with {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:CompilerDirectivesFile=<file>} holding {@link #DIRECTIVE}, and then pass {@code
 * -Dgraphsnap.mapdb.c2-directive=applied} to skip this. Failures are ignored: the directive is a safeguard,
 * and a JVM without the MBean keeps the old behaviour. Thread-safe.
 */
public final class MapDbC2Workaround {
  /** The compiler directive: compile {@code BTreeMap.put2} with C1 only. */
  public static final String DIRECTIVE = "[{match: \"org/mapdb/BTreeMap.put2\", c2: {Exclude: true}}]";

  private static volatile boolean applied;

  private MapDbC2Workaround() {}

  /** Adds the directive unless this JVM already has it. */
  public static void apply() {
    if (applied) {
      return;
    }
    synchronized (MapDbC2Workaround.class) {
      if (applied) {
        return;
      }
      applied = true;
      if ("applied".equals(System.getProperty("graphsnap.mapdb.c2-directive"))) {
        return;
      }
      Path file = null;
      try {
        file = Files.createTempFile("graphsnap-c2-", ".json");
        Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
        ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
            new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
      } catch (Exception | LinkageError e) {
        // No MBean (another JVM, a trimmed runtime): nothing to do.
      } finally {
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException ignored) {
            // a stray temporary file is harmless
          }
        }
      }
    }
  }
}
