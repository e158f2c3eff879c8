package io.graphsnap.cli;

import io.graphsnap.frontend.java.DeclarationScan;
import io.graphsnap.frontend.java.DeclarationTable;
import io.graphsnap.frontend.java.FileWords;
import io.graphsnap.frontend.java.SourceTree;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.frontend.java.internal.Sha256;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * What {@code graphsnap build} keeps in memory between the builds of a resident watch ({@code watch},
 * {@code serve --watch}), so that a save costs what changed rather than what the tree holds: the stat cache
 * (every file's stamp and hash), the resolution state with each file's declarations decoded and the declaration
 * table built (the old table of the next {@link io.graphsnap.frontend.java.DeclarationChange}), and an inverted
 * index of every file's words ({@link FileWords}), which finds the files a declaration change affects without
 * reading them all again.
 *
 * <p>The build stays the command line's: the same steps, the same files written to the store, the same
 * snapshot, byte for byte; the memory only replaces reading {@code stamps.bin} and {@code resolution.bin},
 * decoding declarations, rebuilding the old table and scanning every file's text. It is used only while the
 * store still holds what the last build through it left there: the tree's root is the same, the store's
 * build journal names the snapshot it published, and {@code resolution.bin} holds its fingerprint. Anything
 * else (another writer built in between, a build failed or was interrupted) makes the next build read
 * everything from the store, as a command-line build does, and remember afresh.
 *
 * <p>Memory: the tree's declarations and words (for the JDK's {@code java.base}, 3,400 files, some tens of
 * megabytes). Not thread-safe: one watcher thread builds through it.
 */
public final class BuildMemory {
  private String root;
  private SourceStamps stamps;
  private ResolutionState state;
  private String snapshot;
  private final FileWords words = new FileWords();
  private final Map<String, byte[]> wordsSha = new HashMap<>();
  private boolean valid;
  private long residentBuilds;

  /** Runs {@code graphsnap build ARGS} in this process with this memory; returns its exit code. */
  public int build(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = GraphsnapCommand.newCommandLine(out, err, args);
    CommandLine build = cl.getSubcommands().get("build");
    if (build == null) {
      throw new IllegalArgumentException("not a build command line: " + String.join(" ", args));
    }
    ((BuildCommand) build.getCommand()).memory = this;
    return cl.execute(args);
  }

  /** How many builds used what this memory kept (instead of reading the store's state). */
  public long residentBuilds() {
    return residentBuilds;
  }

  /** True if the last build through this memory completed and its state is kept. */
  public boolean holdsState() {
    return valid;
  }

  /**
   * Called by a build once the store is open: true if what is kept still describes this tree and this store
   * (then the build may use it); forgets it otherwise. Either way the memory counts as invalid until
   * {@link #remember} (a build that fails leaves nothing half-updated to be trusted).
   */
  boolean usableFor(String treeRoot, Store store) {
    boolean usable = valid && treeRoot.equals(root) && snapshot != null
        && Optional.of(snapshot).equals(store.index().journal().lastBuilt())
        && Arrays.equals(state.fingerprint(), ResolutionState.storedFingerprint(store.layout().root()));
    valid = false;
    if (usable) {
      residentBuilds++;
    } else {
      stamps = null;
      state = null;
      snapshot = null;
    }
    return usable;
  }

  /** The kept stat cache (after {@link #usableFor} said true). */
  SourceStamps stamps() {
    return stamps;
  }

  /** The kept resolution state (after {@link #usableFor} said true). */
  ResolutionState state() {
    return state;
  }

  /**
   * The files {@code change} affects among the tree's current files, or null for every file: from the word
   * index, brought up to date first with every file whose hash differs from the one its words were read at.
   */
  Set<String> affectedBy(io.graphsnap.frontend.java.DeclarationChange change, SourceTree tree,
      Map<String, byte[]> shas) throws IOException {
    refreshWords(tree, shas);
    return words.affectedBy(change);
  }

  /** Re-reads the words of files added or changed since they were read, and forgets removed ones. */
  private void refreshWords(SourceTree tree, Map<String, byte[]> shas) throws IOException {
    Set<String> present = new HashSet<>(tree.paths());
    for (String p : Set.copyOf(wordsSha.keySet())) {
      if (!present.contains(p)) {
        wordsSha.remove(p);
        words.remove(p);
      }
    }
    for (String p : tree.paths()) {
      byte[] sha = shas.get(p);
      byte[] known = wordsSha.get(p);
      if (sha != null && known != null && Arrays.equals(sha, known)) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = tree.read(p).bytes();
      } catch (IOException | RuntimeException e) {
        words.remove(p); // unreadable: it is extracted (and reported) whatever the change
        wordsSha.remove(p);
        continue;
      }
      words.put(p, bytes);
      wordsSha.put(p, Sha256.of(bytes));
    }
  }

  /**
   * The store's last build moved from {@code from} to {@code to} without any file changing (a watch folded its layer
   * into a whole snapshot, {@code graphsnap snapshot}): what is kept still describes the store, now as of {@code to}.
   */
  public void folded(String from, String to) {
    if (valid && from.equals(snapshot)) {
      snapshot = to;
    }
  }

  /**
   * Keeps what a build that published {@code snapshotId} left in the store: its stamps, its resolution state
   * (declarations decoded, {@code table} built), and the words of every file.
   */
  void remember(String treeRoot, SourceStamps newStamps, DeclarationTable table, DeclarationScan.Result scan,
      Map<String, ResolutionState.Entry> entries, String snapshotId, SourceTree tree) throws IOException {
    Map<String, FileDeclarations> decoded = new HashMap<>();
    for (FileDeclarations d : scan.declarations()) {
      decoded.put(d.path(), d);
    }
    refreshWords(tree, scan.sourceSha256());
    this.root = treeRoot;
    this.stamps = newStamps;
    this.state = ResolutionState.remembered(table, entries, decoded);
    this.snapshot = snapshotId;
    this.valid = true;
  }
}
