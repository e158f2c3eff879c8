package io.graphsnap.cli;

import io.graphsnap.objects.RefEntry;
import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap refs}: every ref and the snapshot it names, read lock-free from {@code refs/}; with {@code
 * --history}, each ref's earlier snapshots too (from the index, so it takes the store lock).
 *
 * <p>{@code --json} prints {@code [{"name", "snapshot", "history": [id, ...]}]} sorted by name; {@code history}
 * (oldest first, the current one last) only with {@code --history}.
 */
@Command(name = "refs", description = "List the refs and the snapshot each names (--history: earlier ones too).")
final class RefsCommand implements Callable<Integer>, StoreAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Option(names = "--history", description = "Also list each ref's earlier snapshots, oldest first (takes the store lock).")
  boolean history;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<Map<String, Object>> doc = answer();
    if (json) {
      Json.print(root.out(), doc);
      return ExitCodes.OK;
    }
    if (doc.isEmpty()) {
      root.err().println("no refs yet (run 'graphsnap snapshot')");
      root.err().flush();
      return ExitCodes.OK;
    }
    int width = doc.stream().mapToInt(e -> ((String) e.get("name")).length()).max().orElse(4);
    for (Map<String, Object> entry : doc) {
      TerminalText.printf(root.out(), "%-" + width + "s  %s%n", entry.get("name"), entry.get("snapshot"));
      @SuppressWarnings("unchecked")
      List<String> earlier = (List<String>) entry.getOrDefault("history", List.of());
      for (int i = earlier.size() - 2; i >= 0; i--) {
        TerminalText.printf(root.out(), "%-" + width + "s  %s  (%d before)%n", "", earlier.get(i), earlier.size() - 1 - i);
      }
    }
    root.out().flush();
    return ExitCodes.OK;
  }

  /** {@code [{"name", "snapshot", "history"}]}, sorted by name ({@code history} only with {@code --history}). */
  @Override
  public List<Map<String, Object>> answer() {
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (pass --store)");
    }
    SortedMap<String, String> refs;
    try {
      refs = SnapshotRefs.all(storeOption.store);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, e.getMessage(), e);
    }
    for (Map.Entry<String, String> ref : refs.entrySet()) {
      Path file = StoreLayout.of(storeOption.store).snapshotFile(ref.getValue());
      if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new CliException(ExitCodes.CORRUPT, "ref " + ref.getKey() + " names snapshot " + ref.getValue()
            + " but its file is missing (" + file + "); run 'graphsnap snapshot' to publish a new one");
      }
    }
    Map<String, List<String>> histories = new LinkedHashMap<>();
    if (history) {
      try (Store store = Stores.openForWriting(storeOption.store, false, lockWait.duration())) {
        for (String name : refs.keySet()) {
          histories.put(name, store.index().refHistory().history(name).stream().map(RefEntry::snapshotId).toList());
        }
      } catch (IOException e) {
        throw new CliException(ExitCodes.CORRUPT, "cannot read the ref history of " + storeOption.store + ": " + e.getMessage(), e);
      }
    }
    List<Map<String, Object>> doc = new ArrayList<>();
    refs.forEach((name, id) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      entry.put("snapshot", id);
      if (history) {
        entry.put("history", histories.getOrDefault(name, List.of()));
      }
      doc.add(entry);
    });
    return doc;
  }
}
