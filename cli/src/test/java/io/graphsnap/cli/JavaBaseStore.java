package io.graphsnap.cli;

import io.graphsnap.frontend.java.SourceTree;
import io.graphsnap.objects.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The JDK's whole {@code java.base} built once per test JVM with {@code graphsnap build --store DIR} (no PATH: the
 * running JDK's {@code lib/src.zip}, as a user's first {@code ./graphsnap build} does), then built again unchanged.
 * A java.base build costs about 30 s on an idle 2-core machine, so the tests that need one share it: {@link
 * BuildCommandTest} checks both builds' output and the cold snapshot's facts, {@code ExplorerBrowserTest} serves
 * the store to a browser (and publishes more snapshots into it afterwards).
 *
 * <p>What a user may rely on: {@link #cold()} and {@link #warm()} are the two runs, made before {@link #shared()}
 * first returns; {@link #coldSnapshot()} stays readable (snapshots are never rewritten, and nobody here runs
 * {@code gc}); {@code refs/HEAD} is whatever the last test published. The store lives in a temporary folder
 * deleted when the JVM exits. Thread-safe: the first caller builds, the others wait for it.
 */
public final class JavaBaseStore {
  private static JavaBaseStore shared;
  private static boolean tried;

  private final Path store;
  private final CliRunner cold;
  private final CliRunner warm;

  private JavaBaseStore(Path store, CliRunner cold, CliRunner warm) {
    this.store = store;
    this.cold = cold;
    this.warm = warm;
  }

  /** The running JDK's {@code lib/src.zip}, or null when this JDK ships none. */
  public static Path sourceZip() {
    Path zip = SourceTree.jdkSourceZip();
    return zip != null && Files.isRegularFile(zip) ? zip : null;
  }

  /**
   * The shared store, built on the first call; null when the JDK has no {@code lib/src.zip}.
   *
   * @throws AssertionError if either build fails (with its output)
   */
  public static synchronized JavaBaseStore shared() {
    if (tried) {
      if (shared == null && sourceZip() != null) {
        throw new AssertionError("the shared java.base build failed earlier in this JVM");
      }
      return shared;
    }
    tried = true;
    if (sourceZip() == null) {
      return null;
    }
    try {
      Path dir = Files.createTempDirectory("graphsnap-java-base");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      Path store = dir.resolve("store");
      long start = System.nanoTime();
      CliRunner cold = CliRunner.run("build", "--store", store.toString());
      if (cold.exitCode() != ExitCodes.OK) {
        throw new AssertionError("building java.base failed: " + cold);
      }
      long built = System.nanoTime();
      CliRunner warm = CliRunner.run("build", "--store", store.toString());
      if (warm.exitCode() != ExitCodes.OK) {
        throw new AssertionError("rebuilding java.base unchanged failed: " + warm);
      }
      System.err.printf("JavaBaseStore: java.base built in %.1f s, rebuilt unchanged in %.1f s (shared by the tests of this JVM)%n",
          (built - start) / 1e9, (System.nanoTime() - built) / 1e9);
      shared = new JavaBaseStore(store, cold, warm);
      return shared;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The store folder. */
  public Path store() {
    return store;
  }

  /** The first build, into the empty store. */
  public CliRunner cold() {
    return cold;
  }

  /** The second build, of the same unchanged sources. */
  public CliRunner warm() {
    return warm;
  }

  /** The id of the snapshot the first build published (what it printed). */
  public String coldSnapshotId() {
    return cold.out().strip();
  }

  /** The file of the snapshot the first build published. */
  public Path coldSnapshot() {
    return StoreLayout.of(store).snapshotFile(coldSnapshotId());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit: the folder is under the temporary directory
    }
  }
}
