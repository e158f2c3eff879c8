package io.graphsnap.cli.watch;

import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graphsnap watch [PATH] [--jsonl] [--store DIR] [--debounce-ms 100]}: builds and publishes, then rebuilds and
 * publishes after every change to PATH (a Java source tree, a {@code .jsonl} file, or with {@code --jsonl} a folder
 * of {@code .jsonl} shards) until interrupted
 * ({@link Watcher}). One line on stderr per build.
 */
@Command(name = "watch", description = {
    "Build, then rebuild and publish whenever the sources change (a Java source tree, a .jsonl file, or with",
    "--jsonl a folder of .jsonl shards).",
    "Changes are debounced; only changed files are extracted again; a file that fails to parse keeps its",
    "previous version and is reported. Runs until interrupted."})
public final class WatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..1", description = "A folder of Java sources or a .jsonl file (default: the working directory).")
  Path path = Path.of(".");

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default: ${DEFAULT-VALUE}).")
  Path store = Path.of(".graphsnap");

  @Option(names = "--jsonl", description = "PATH is JSON Lines: a .jsonl file, or a folder whose *.jsonl files are shards "
      + "(each saved shard is ingested alone, with --replace-all for the paths it lists).")
  boolean jsonl;

  @Option(names = "--debounce-ms", paramLabel = "MS", description = "Rebuild once MS milliseconds pass without a change (default: ${DEFAULT-VALUE}).")
  long debounceMillis = 100;

  @Option(names = "--layers", paramLabel = "WHEN", description = "Publish each save as a layer (a delta "
      + "over the last whole snapshot, milliseconds whatever the graph's size; folded into a whole snapshot after 1 s "
      + "without changes): auto (once the whole snapshot is 8 MiB or larger), always, never (default: ${DEFAULT-VALUE}).")
  String layers = "auto";

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Object lock = new Object();
    Watcher watcher;
    try {
      watcher = Watcher.start(path, store, debounceMillis, jsonl, BuildActivity.NONE, Watcher.layers(layers), line -> {
        synchronized (lock) {
          err.println("graphsnap watch: " + TerminalText.escape(line));
          err.flush();
        }
      });
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      watcher.close();
      stopped.countDown();
    }, "graphsnap-watch-stop"));
    stopped.await();
    return ExitCodes.OK;
  }
}
