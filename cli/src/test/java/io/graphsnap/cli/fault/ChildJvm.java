package io.graphsnap.cli.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a main class of the test class path in a separate JVM (the same {@code java} binary and class path as
 * this test JVM), for what cannot share the test's JVM: a default file system provider set at startup, or a
 * second process. Output goes to files so a chatty child can never block on a full pipe.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** A started child and the files its stdout and stderr go to. */
  public record Child(Process process, Path stdout, Path stderr) {
    /** Waits up to {@code seconds} for the exit code; kills the child and fails if it takes longer. */
    public int await(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("child JVM did not finish in " + seconds + " s\n" + output());
      }
      return process.exitValue();
    }

    /** What the child printed so far. */
    public String output() throws IOException {
      return "--- child stdout\n" + Files.readString(stdout, StandardCharsets.UTF_8) + "--- child stderr\n"
          + Files.readString(stderr, StandardCharsets.UTF_8);
    }
  }

  /** Starts {@code mainClass} with {@code jvmOptions} and {@code args}; its output goes to files in {@code logDir}. */
  public static Child start(Path logDir, List<String> jvmOptions, Class<?> mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(jvmOptions);
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Files.createDirectories(logDir);
    Path out = Files.createTempFile(logDir, mainClass.getSimpleName() + "-", ".out");
    Path err = Files.createTempFile(logDir, mainClass.getSimpleName() + "-", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Child(process, out, err);
  }
}
