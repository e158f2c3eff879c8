package io.graphsnap.cli;

import io.graphsnap.objects.RefEntry;
import io.graphsnap.objects.RefLogs;
import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.StoreLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap refs}: every ref and the snapshot it names, read lock-free from {@code refs/}; with {@code
 * --history}, each ref's earlier snapshots and when each was set, read lock-free from the ref logs ({@link
 * RefLogs}), so it runs while a writer holds the store. {@code --delete NAME} deletes a ref (not {@code HEAD}) under
 * the writer lock ({@link Store#deleteRef}); its snapshots are then freed by the next {@code gc}.
 *
 * <p>{@code --json} prints {@code [{"name", "snapshot", "history": [{"snapshot", "time"}, ...]}]} sorted by name;
 * {@code history} (oldest first, the current one last; {@code time} in ISO-8601 UTC, {@code null} when unknown) only
 * with {@code --history}. With {@code --delete}: {@code {"deleted", "snapshot"}}.
 */
@Command(name = "refs", description = {"List the refs and the snapshot each names (--history: earlier ones too, with times; "
    + "runs while a writer holds the store).", "--delete NAME deletes a ref (not HEAD); 'graphsnap gc' then frees the "
    + "snapshots only it kept."})
final class RefsCommand implements Callable<Integer>, StoreAnswer {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Option(names = "--history", description = "Also list each ref's earlier snapshots, oldest first, with the time each was set (lock-free).")
  boolean history;

  @Option(names = "--delete", paramLabel = "NAME", description = "Delete ref NAME (not HEAD); takes the store's writer lock.")
  String delete;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (pass --store)");
    }
    if (delete != null) {
      if (history) {
        throw CliException.badInput("--delete and --history do not go together");
      }
      return delete();
    }
    if (json) {
      Json.print(root.out(), answer());
      return ExitCodes.OK;
    }
    SortedMap<String, String> refs = refs();
    Map<String, List<RefEntry>> histories = history ? histories(refs) : Map.of();
    if (refs.isEmpty()) {
      root.err().println("no refs yet (run 'graphsnap snapshot')");
      root.err().flush();
      return ExitCodes.OK;
    }
    int width = refs.keySet().stream().mapToInt(String::length).max().orElse(4);
    refs.forEach((name, id) -> {
      if (!history) {
        TerminalText.printf(root.out(), "%-" + width + "s  %s%n", name, id);
        return;
      }
      List<RefEntry> entries = histories.get(name);
      for (int i = entries.size() - 1; i >= 0; i--) {
        RefEntry e = entries.get(i);
        int before = entries.size() - 1 - i;
        TerminalText.printf(root.out(), "%-" + width + "s  %s  %s%s%n", before == 0 ? name : "", e.snapshotId(),
            time(e.time()), before == 0 ? "" : "  (" + before + " before)");
      }
    });
    root.out().flush();
    return ExitCodes.OK;
  }

  /**
   * {@code [{"name", "snapshot", "history": [{"snapshot", "time"}]}]}, sorted by name ({@code history} only with
   * {@code --history}); the same document for {@code --json} and the server's {@code /api/refs}. Read-only: a
   * {@code --delete} never reaches it.
   */
  @Override
  public List<Map<String, Object>> answer() {
    if (delete != null) {
      throw CliException.badInput("--delete changes the store; it is not an answer (run 'graphsnap refs --delete')");
    }
    SortedMap<String, String> refs = refs();
    Map<String, List<RefEntry>> histories = history ? histories(refs) : Map.of();
    List<Map<String, Object>> doc = new ArrayList<>();
    refs.forEach((name, id) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      entry.put("snapshot", id);
      if (history) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RefEntry e : histories.get(name)) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("snapshot", e.snapshotId());
          item.put("time", e.time() == null ? null : e.time().toString());
          entries.add(item);
        }
        entry.put("history", entries);
      }
      doc.add(entry);
    });
    return doc;
  }

  /** Every ref and its snapshot, each checked to name a snapshot file that exists. */
  private SortedMap<String, String> refs() {
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
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new CliException(ExitCodes.CORRUPT, "ref " + ref.getKey() + " names snapshot " + ref.getValue()
            + " but its file is missing (" + file + "); run 'graphsnap snapshot' to publish a new one");
      }
    }
    return refs;
  }

  /**
   * Each ref's history from its log, lock-free. A ref without a log (published before the store kept logs)
   * shows its current snapshot alone, with no time, and a note says the next writing command records it; a log
   * whose last entry is not the ref file's value (a writer between the two replacements) gets that value appended.
   */
  private Map<String, List<RefEntry>> histories(SortedMap<String, String> refs) {
    Map<String, List<RefEntry>> out = new LinkedHashMap<>();
    List<String> unrecorded = new ArrayList<>();
    for (Map.Entry<String, String> ref : refs.entrySet()) {
      Optional<List<RefEntry>> log;
      try {
        log = RefLogs.read(storeOption.store, ref.getKey());
      } catch (IOException e) {
        throw new CliException(ExitCodes.CORRUPT, e.getMessage(), e);
      }
      List<RefEntry> entries = new ArrayList<>(log.orElse(List.of()));
      if (log.isEmpty()) {
        unrecorded.add(ref.getKey());
      }
      if (entries.isEmpty() || !entries.getLast().snapshotId().equals(ref.getValue())) {
        entries.add(new RefEntry(ref.getKey(), 0, ref.getValue()));
      }
      out.put(ref.getKey(), entries);
    }
    if (!unrecorded.isEmpty() && !root.quiet()) {
      TerminalText.printf(root.err(), "graphsnap: no history recorded yet for %s (the next command that writes to the "
          + "store records it)%n", String.join(", ", unrecorded));
      root.err().flush();
    }
    return out;
  }

  private static String time(Instant time) {
    return time == null ? "(time unknown)" : TIME.format(time);
  }

  private int delete() throws IOException {
    if (!StoreLayout.isRefName(delete)) {
      throw CliException.badInput("not a ref name (1-64 letters, digits, _ and -): " + delete);
    }
    if (delete.equals(StoreLayout.HEAD)) {
      throw CliException.badInput("HEAD names the published snapshot and cannot be deleted");
    }
    String was;
    try (Store store = Stores.openForWriting(storeOption.store, false, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      was = store.deleteRef(delete);
    } catch (NoSuchFileException e) {
      throw CliException.notFound("no ref named " + delete + " (see 'graphsnap refs')");
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("deleted", delete);
      doc.put("snapshot", was);
      Json.print(root.out(), doc);
    } else if (!root.quiet()) {
      TerminalText.printf(root.err(), "deleted ref %s (it named %s); 'graphsnap gc' frees the snapshots only it kept%n",
          delete, was.isEmpty() ? "nothing readable" : was);
      root.err().flush();
    }
    return ExitCodes.OK;
  }
}
