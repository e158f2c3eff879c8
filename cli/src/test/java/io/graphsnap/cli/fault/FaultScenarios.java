package io.graphsnap.cli.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.graphsnap.cli.GraphsnapCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs in a child JVM with {@link FaultyFileSystemProvider} as the default provider (see {@link
 * FaultInjectionTest}). For each command ({@code graphsnap ingest} of a change set, {@code graphsnap snapshot})
 * and each fault kind (disk full, permission denied) it first counts the file operations the command makes in
 * the store, then, for every k, runs the command on a fresh copy of the store with the k-th and every later
 * operation failing, and checks: the command fails with a non-zero exit code and one line on stderr that names
 * the cause; the store, opened again, is {@link StoreState as it was} (or, for a fault after the publish's
 * commit point, when the error says the snapshot is published, exactly as a clean run leaves it); and rerunning
 * the command without faults succeeds with the same outcome as a run that never failed.
 *
 * <p>Prints one {@code fault-scenario:} line per scenario and exits 0, or prints the first violation and exits 1.
 * Arguments: a work folder and the path of {@code examples/shop.jsonl}.
 */
public final class FaultScenarios {
  private final Path work;
  private final Path shop;
  private final Path change;

  private FaultScenarios(Path work, Path shop) throws IOException {
    this.work = work;
    this.shop = shop;
    this.change = work.resolve("change.jsonl");
    Files.writeString(change, changeSet(Files.readAllLines(shop, StandardCharsets.UTF_8)));
  }

  /** Runs every scenario; see the class documentation. */
  public static void main(String[] args) throws Exception {
    if (!Faults.installed()) {
      System.err.println("the faulty file system provider is not the default provider");
      System.exit(2);
    }
    FaultScenarios scenarios = new FaultScenarios(Path.of(args[0]), Path.of(args[1]));
    try {
      scenarios.runAll();
    } catch (AssertionError e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private void runAll() throws Exception {
    Path published = work.resolve("published");
    cli(0, "--quiet", "ingest", shop.toString(), "--store", published.toString());
    cli(0, "--quiet", "snapshot", "--store", published.toString());
    Path changed = work.resolve("changed");
    copyTree(published, changed);
    cli(0, "--quiet", "ingest", change.toString(), "--store", changed.toString());
    for (Faults.Kind kind : Faults.Kind.values()) {
      run("ingest", kind, published, List.of("ingest", change.toString()));
      run("snapshot", kind, changed, List.of("snapshot"));
    }
  }

  private void run(String name, Faults.Kind kind, Path pristine, List<String> command) throws Exception {
    StoreState before = StoreState.capture(pristine);
    Path reference = work.resolve("reference");
    copyTree(pristine, reference);
    cli(0, args(command, reference));
    StoreState expected = StoreState.capture(reference);
    check(!expected.sameOutcome(before), name + ": the command changes nothing, so its faults prove nothing");

    Path counting = work.resolve("counting");
    copyTree(pristine, counting);
    Faults.arm(counting, kind, Long.MAX_VALUE);
    cli(0, args(command, counting));
    long points = Faults.disarm();
    System.out.println("fault-points: command=" + name + " kind=" + kind + " " + Faults.trace());
    check(points > 0, name + ": no file operation counted in the store");

    int asItWas = 0;
    int publishedThenFailed = 0;
    int notReached = 0;
    for (long k = 1; k <= points; k++) {
      Path store = work.resolve("fault-" + k);
      copyTree(pristine, store);
      Faults.arm(store, kind, k);
      Result result = cli(-1, args(command, store));
      Faults.disarm();
      check(OpenFiles.underExceptMapDbLog(store).isEmpty(), name + " " + kind + " at operation " + k
          + ": files left open: " + OpenFiles.under(store));
      String where = name + " " + kind + " at operation " + k + "/" + points;
      if (result.exitCode == 0 && Faults.injected() == 0) {
        // This run made fewer operations than the counting run (their number varies by one or two with timing):
        // the fault was never reached, so the command must simply have succeeded.
        check(StoreState.capture(store).sameOutcome(expected), where + ": not reached, yet a different outcome");
        notReached++;
        deleteTree(store);
        continue;
      }
      check(result.exitCode != 0, where + ": the command succeeded although a fault was injected\n" + result);
      String err = result.err.strip();
      check(!err.contains("\n") && err.startsWith("graphsnap: "), where + ": stderr is not one line\n" + result);
      String cause = kind == Faults.Kind.DISK_FULL ? "no space left on device" : "permission denied";
      check(err.toLowerCase(Locale.ROOT).contains(cause), where + ": stderr does not name the cause\n" + result);
      StoreState after = StoreState.capture(store);
      List<String> problems = after.diffFrom(before);
      if (problems.isEmpty()) {
        asItWas++;
      } else {
        // Only after the publish's commit point, and only if the error said so, may the new state stand.
        check(err.contains("is published"), where + ": the store is not as it was: " + problems + "\n" + result);
        check(after.sameOutcome(expected), where + ": said published, but the store differs from a clean run");
        publishedThenFailed++;
      }
      cli(0, args(command, store));
      check(StoreState.capture(store).sameOutcome(expected), where + ": the rerun gives a different outcome");
      deleteTree(store);
    }
    System.out.printf("fault-scenario: command=%s kind=%s faultPoints=%d storeAsItWas=%d publishedThenReported=%d "
        + "notReached=%d%n", name, kind, points, asItWas, publishedThenFailed, notReached);
    check(notReached <= 2, name + " " + kind + ": " + notReached + " fault points were never reached");
    deleteTree(reference);
    deleteTree(counting);
  }

  private static String[] args(List<String> command, Path store) {
    List<String> all = new ArrayList<>();
    all.add("--quiet");
    all.addAll(command);
    all.add("--store");
    all.add(store.toString());
    return all.toArray(String[]::new);
  }

  private record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs the command line in this JVM; {@code expectedExit} -1 accepts any code. */
  private static Result cli(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    Result result = new Result(code, out.toString(), err.toString());
    check(expectedExit < 0 || code == expectedExit, "graphsnap " + String.join(" ", args) + "\n" + result);
    return result;
  }

  /** Three shop files changed (a symbol added), one deleted, two new files. */
  static String changeSet(List<String> shopLines) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      ObjectNode line = (ObjectNode) json.readTree(shopLines.get(i));
      line.remove("sha256");
      ArrayNode symbols = (ArrayNode) line.get("symbols");
      symbols.addObject().put("name", "fault.added" + i).put("kind", "fn");
      out.append(json.writeValueAsString(line)).append('\n');
    }
    String deleted = json.readTree(shopLines.get(3)).get("path").asText();
    out.append("{\"path\": \"").append(deleted).append("\", \"deleted\": true}\n");
    out.append("{\"path\": \"new/one.cov\", \"symbols\": [{\"name\": \"new.one\", \"kind\": \"fn\"}], ")
        .append("\"edges\": [{\"from\": \"new.one\", \"type\": \"calls\", \"to\": \"fault.added0\"}]}\n");
    out.append("{\"path\": \"new/two.cov\", \"symbols\": [{\"name\": \"new.two\", \"kind\": \"test\"}], ")
        .append("\"edges\": [{\"from\": \"new.two\", \"type\": \"tests\", \"to\": \"new.one\"}]}\n");
    return out.toString();
  }

  static void copyTree(Path from, Path to) throws IOException {
    deleteTree(to);
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
