package io.graphsnap.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback for tests: one {@code org.apache.spark.deploy.master.Master} and N
 * {@code org.apache.spark.deploy.worker.Worker} processes, each in its own JVM, started from the jars listed in
 * {@code target/spark-classpath.txt}. The workers start executors with Spark's own launcher, which takes its class
 * path from {@code $SPARK_HOME/jars}: that folder is made of links to the same jars. Applications go through
 * {@code org.apache.spark.deploy.SparkSubmit}, the class behind {@code spark-submit}. Every process writes its log
 * to a file under the work folder; {@link #close()} stops them all.
 */
final class SparkCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final long SUBMIT_TIMEOUT_SECONDS = 600;

  /** One application's outcome: exit code, its stdout (the job's JSON) and log, and how many workers ran executors for it. */
  record Submission(int exitCode, String stdout, String log, int executorsOnWorkers) {
    @Override
    public String toString() {
      String tail = log.length() > 6000 ? log.substring(log.length() - 6000) : log;
      return "exit " + exitCode + ", executors on " + executorsOnWorkers + " workers\n--- stdout\n"
          + (stdout.length() > 2000 ? stdout.substring(0, 2000) + "..." : stdout) + "\n--- log (tail)\n" + tail;
    }
  }

  private final Path work;
  private final String classpath;
  private final Path applicationJar;
  private final String masterUrl;
  private final List<Process> daemons = new ArrayList<>();
  private final List<Path> workerDirs = new ArrayList<>();
  private int submissions;

  private SparkCluster(Path work, String classpath, Path applicationJar, int masterPort) {
    this.work = work;
    this.classpath = classpath;
    this.applicationJar = applicationJar;
    this.masterUrl = "spark://127.0.0.1:" + masterPort;
  }

  /**
   * Starts a master and {@code workers} workers (one core, 1 GiB each) and waits until all workers have registered.
   *
   * @param classpath the Spark jars, separated by the platform's path separator
   */
  static SparkCluster start(Path work, String classpath, Path applicationJar, int workers) throws Exception {
    int masterPort = SparkClusterTest.freePort();
    int masterUiPort = SparkClusterTest.freePort();
    SparkCluster cluster = new SparkCluster(work, classpath, applicationJar, masterPort);
    try {
      cluster.sparkHome();
      // the master's REST submission server would take the fixed port 6066: not needed, left off
      cluster.daemons.add(cluster.launch("master", "-Xmx256m -Dspark.master.rest.enabled=false", List.of("org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort))));
      for (int i = 0; i < workers; i++) {
        Path dir = Files.createDirectories(work.resolve("worker-" + i));
        cluster.workerDirs.add(dir);
        cluster.daemons.add(cluster.launch("worker-" + i, "-Xmx256m", List.of("org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir", dir.toString(),
            cluster.masterUrl)));
      }
      cluster.awaitWorkers(masterUiPort, workers);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code $SPARK_HOME}: {@code jars/} links every jar of the class path (the executors' class path comes from there). */
  private Path sparkHome() throws IOException {
    Path home = work.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName().toString());
      if (entry.endsWith(".jar") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
    Files.createDirectories(home.resolve("conf"));
    return home;
  }

  private Process launch(String name, String jvmOptions, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmOptions.split(" ")));
    command.addAll(Arrays.asList(System.getProperty("graphsnap.spark.jvm.args", "").split("\\s+")));
    command.removeIf(String::isBlank);
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
    command.add("-cp");
    command.add(classpath);
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile());
    environment(pb.environment());
    return pb.start();
  }

  private void environment(Map<String, String> env) {
    env.put("SPARK_HOME", work.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", work.resolve("local").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.remove("SPARK_CONF_DIR");
  }

  /** Polls the master's JSON page until {@code count} workers are alive. */
  private void awaitWorkers(int uiPort, int count) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
        .timeout(Duration.ofSeconds(5)).build();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a cluster process exited with " + p.exitValue() + "\n" + logs());
        }
      }
      try {
        last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = alive.matcher(last);
        if (m.find() && Integer.parseInt(m.group(1)) >= count) {
          return;
        }
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the cluster did not have " + count + " workers within " + START_TIMEOUT
        + "; last answer: " + last + "\n" + logs());
  }

  /**
   * Runs {@code GraphsnapSpark} with {@code args} through {@code SparkSubmit} in client deploy mode (the driver in a
   * JVM of its own, executors on the workers), and waits for it.
   */
  Submission submit(String... args) throws Exception {
    int n = ++submissions;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.addAll(Arrays.asList(System.getProperty("graphsnap.spark.jvm.args", "").split("\\s+")));
    command.removeIf(String::isBlank);
    command.add("-Djava.io.tmpdir=" + work.resolve("tmp"));
    String logConfig = System.getProperty("log4j2.configurationFile");
    if (logConfig != null) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl, "--deploy-mode", "client", "--class", "io.graphsnap.spark.GraphsnapSpark",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.local.dir=" + work.resolve("local"),
        applicationJar.toString()));
    command.addAll(Arrays.asList(args));
    Path out = work.resolve("submit-" + n + ".out");
    Path log = work.resolve("submit-" + n + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
    environment(pb.environment());
    List<Path> before = applicationDirs();
    Process p = pb.start();
    if (!p.waitFor(SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("spark-submit did not finish within " + SUBMIT_TIMEOUT_SECONDS + " s\n"
          + Files.readString(log) + logs());
    }
    List<Path> after = applicationDirs();
    after.removeAll(before);
    int workersUsed = (int) after.stream().map(Path::getParent).distinct().count();
    return new Submission(p.exitValue(), Files.readString(out), Files.readString(log), workersUsed);
  }

  /** Each worker's application folders ({@code WORKDIR/app-…}), where the executors it ran keep their logs. */
  private List<Path> applicationDirs() throws IOException {
    List<Path> apps = new ArrayList<>();
    for (Path dir : workerDirs) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().startsWith("app-")).forEach(apps::add);
      }
    }
    return apps;
  }

  /** The tail of every process's log, for a failure message. */
  private String logs() {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(work)) {
      for (Path log : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String text;
        try (InputStream in = Files.newInputStream(log)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        b.append("--- ").append(log.getFileName()).append('\n')
            .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text).append('\n');
      }
    } catch (IOException e) {
      b.append("(logs unreadable: ").append(e).append(")\n");
    }
    return b.toString();
  }

  /** Stops the workers, then the master (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).destroy();
    }
    for (Process p : daemons) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
