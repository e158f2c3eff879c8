package io.graphsnap.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's C2 compiler away from the one method it crashes on: on Temurin 25.0.3, compiling
 * {@code org.mapdb.BTreeMap::put2} with C2 kills the JVM with SIGSEGV ({@code LoadKlassNode::make} /
 * {@code PhaseIterGVN::add_users_to_worklist} in the compiler thread) once an ingest or build has made that
 * method hot: seen in the load test within seconds and in the builder's tests. {@link #install()} adds a
 * compiler directive at run time through the {@code DiagnosticCommand} MBean ({@code jcmd
 * Compiler.directives_add}), so that C1 still compiles the method and only C2 skips it. The same effect from
 * the command line: {@code -XX:CompileCommand=exclude,org.mapdb.BTreeMap::put2}.
 */
public final class JitWorkarounds {
  /** The directive: no C2 for MapDB's B-tree insert. */
  static final String DIRECTIVES = "[{ match: \"org/mapdb/BTreeMap.put2\", c2: { Exclude: true } }]";
  private static volatile boolean installed;

  private JitWorkarounds() {}

  /**
   * Adds the directive once per JVM; call it before MapDB is used. Returns null on success, else why it could
   * not (an older or different JVM without the command): the caller can only go on without it.
   */
  public static synchronized String install() {
    if (installed) {
      return null;
    }
    Path file = null;
    try {
      file = Files.createTempFile("graphsnap-jit-", ".json");
      Files.writeString(file, DIRECTIVES, StandardCharsets.UTF_8);
      ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
      ManagementFactory.getPlatformMBeanServer().invoke(name, "compilerDirectivesAdd",
          new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
      installed = true;
      return null;
    } catch (IOException | JMException | RuntimeException e) {
      return e.toString();
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file of a few bytes
        }
      }
    }
  }
}
