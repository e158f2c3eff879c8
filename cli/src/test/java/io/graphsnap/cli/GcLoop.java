package io.graphsnap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@code graphsnap gc --keep 1 --wait 30 --json} on a store again and again, in its own process, until a
 * stop file appears or a deadline passes: the other process of {@link SnapshotLoadTest}. Prints one line
 * {@code gc-loop: runs=R deletedSnapshots=S deletedObjects=O failures=F} and exits 0 if every run exited 0.
 * Arguments: store folder, stop file, milliseconds.
 */
public final class GcLoop {
  private GcLoop() {}

  /** See the class documentation. */
  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path stop = Path.of(args[1]);
    long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
    ObjectMapper json = new ObjectMapper();
    int runs = 0;
    int failures = 0;
    long deletedSnapshots = 0;
    long deletedObjects = 0;
    while (!Files.exists(stop) && System.nanoTime() < deadline) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
          .execute("gc", "--keep", "1", "--wait", "30", "--json", "--store", store.toString());
      runs++;
      if (code != 0) {
        failures++;
        System.err.println("gc exit " + code + ": " + err);
      } else {
        JsonNode report = json.readTree(out.toString());
        deletedSnapshots += report.get("deletedSnapshots").asLong();
        deletedObjects += report.get("deletedObjects").asLong();
      }
      Thread.sleep(50);
    }
    System.out.printf("gc-loop: runs=%d deletedSnapshots=%d deletedObjects=%d failures=%d%n", runs, deletedSnapshots,
        deletedObjects, failures);
    System.exit(failures == 0 ? 0 : 1);
  }
}
