package io.graphsnap.bench.harness;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Neo4j peer ({@code io.graphsnap.bench.neo4j.Neo4jRun}, module {@code bench/neo4j}) in its own
 * process on a JDK 17 or 21, which Neo4j 5.26 LTS supports (this JVM is 25): class path
 * {@code bench/neo4j/target/classes} and every jar of {@code bench/neo4j/target/lib}. The JDK is {@code --neo4j-java}
 * if given, else the first {@code java} of version 17 or 21 found on the {@code PATH} or under
 * {@code /usr/lib/jvm}. Stateless.
 */
public final class Neo4jProcess {
  private Neo4jProcess() {}

  /** The folder of the built Neo4j module ({@code bench/neo4j/target}) seen from the working directory. */
  public static Path moduleTarget() {
    Path fromRoot = Path.of("bench", "neo4j", "target");
    return Files.isDirectory(Path.of("bench", "src")) ? fromRoot : Path.of("neo4j", "target");
  }

  /**
   * Runs Neo4j on {@code workload} and returns the exit code (the result file says what failed).
   *
   * @param java the JDK 17/21 {@code java} to use, or null to search for one
   */
  public static int run(Workload workload, String java, String xmx, PrintStream log)
      throws IOException, InterruptedException {
    Path target = moduleTarget().toAbsolutePath();
    if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IOException("the Neo4j peer is not built: no " + target.resolve("classes") + " or lib (build with"
          + " mvn -pl bench -am package)");
    }
    String jdk = java != null ? java : findJava();
    if (jdk == null) {
      throw new IOException("no JDK 17 or 21 found for Neo4j (give one with --neo4j-java PATH)");
    }
    Settings s = workload.settings();
    List<String> command = new ArrayList<>(List.of(jdk, "-Xmx" + xmx, "-cp",
        target.resolve("classes") + File.pathSeparator + target.resolve("lib") + "/*",
        "io.graphsnap.bench.neo4j.Neo4jRun", "--work", workload.dir().toString(),
        "--result", workload.resultFile(SystemRunner.NEO4J).toString(),
        "--load-warmups", Integer.toString(s.loadWarmups()), "--load-repeats", Integer.toString(s.loadRepeats()),
        "--repeats", Integer.toString(s.repeats()), "--budget", Integer.toString((int) s.budgetSeconds()),
        "--latency-warmups", Integer.toString(s.jmhWarmups()),
        "--latency-iterations", Integer.toString(s.jmhIterations()),
        "--latency-millis", Integer.toString(s.jmhMillis()),
        "--pagecache", workload.scale().files() >= 100_000 ? "6g" : "1g"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var reader = process.inputReader()) {
      reader.lines().forEach(line -> log.println("   " + line));
    }
    return process.waitFor();
  }

  /** A {@code java} whose version is 17 or 21: on the PATH, else under /usr/lib/jvm; null if none. */
  static String findJava() {
    List<String> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "java").toString());
    }
    try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      dirs.sorted().forEach(d -> candidates.add(d.resolve("bin").resolve("java").toString()));
    } catch (IOException e) {
      // no /usr/lib/jvm: the PATH only
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        int feature = feature(c);
        if (feature == 17 || feature == 21) {
          return c;
        }
      }
    }
    return null;
  }

  private static int feature(String java) {
    try {
      Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      for (String line : out.split("\n")) {
        String t = line.trim();
        if (t.startsWith("java.specification.version = ")) {
          return Integer.parseInt(t.substring(t.indexOf('=') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }
}
