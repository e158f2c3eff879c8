package io.graphsnap.cli;

import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.frontend.java.DeclarationChange;
import io.graphsnap.frontend.java.DeclarationScan;
import io.graphsnap.frontend.java.DeclarationTable;
import io.graphsnap.frontend.java.ExtractionFailure;
import io.graphsnap.frontend.java.ExtractionResult;
import io.graphsnap.frontend.java.ParallelExtraction;
import io.graphsnap.frontend.java.RetainedTrees;
import io.graphsnap.frontend.java.SourceTree;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.UpdateSummary;
import io.graphsnap.reader.GraphSnapshot;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.ZipException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap build [PATH]}: the one command a build step runs. Extracts every {@code .java} file of a
 * directory or {@code .zip}/{@code .jar} (default: the running JDK's {@code lib/src.zip}, module
 * {@code java.base}) into loose objects on all cores, skipping files whose source hash the index already
 * holds, removes files that disappeared, then builds and publishes the snapshot and prints a summary. PATH
 * may also be one {@code .java} file. Files that do not parse, and files left out because their path is
 * unsafe ({@link SourceTree#skipped()}), are reported on stderr and make the exit code 2; the rest is built.
 */
@Command(name = "build", description = "Extract Java sources into the store, then build and publish the snapshot.")
final class BuildCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Parameters(paramLabel = "PATH", arity = "0..1",
      description = "Directory or .zip/.jar of Java sources, or one .java file (default: this JDK's lib/src.zip, module java.base).")
  Path path;

  /** The most extraction threads per core that {@code --jobs} may ask for. */
  static final int MAX_JOBS_PER_CORE = 4;

  @Option(names = "--jobs", paramLabel = "N", description = "Extraction threads (default: all cores; at most 4 per core).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Jars and class directories (separated by '${sys:path.separator}') that calls and types may resolve to, besides the JDK's modules.")
  String classpath;

  @Option(names = "--top", paramLabel = "N", description = "Show the N symbols with the most incoming edges (default: ${DEFAULT-VALUE}).")
  int top = 10;

  @Mixin PublishOptions publish;

  @Option(names = "--json", description = "Print one JSON document instead of the snapshot id: {\"snapshot\", \"files\", "
      + "\"extracted\", \"reused\", \"failed\": [{\"path\", \"message\", \"previousVersionKept\"}], \"skipped\": [paths]}.")
  boolean json;

  @Option(names = "--layer", description = "Publish the change since the last build as a delta over it (milliseconds, "
      + "for 'serve'; prints <base>+<delta>) instead of a whole snapshot, when the last build can be its base.")
  boolean layer;

  /** Kept between the builds of a resident watch ({@link BuildMemory#build}); null on the command line. */
  BuildMemory memory;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (jobs < 1) {
      throw CliException.badInput("--jobs must be at least 1, not " + jobs);
    }
    int maxJobs = MAX_JOBS_PER_CORE * Runtime.getRuntime().availableProcessors();
    if (jobs > maxJobs) {
      root.err().println("graphsnap: --jobs " + jobs + " capped at " + maxJobs + " (" + MAX_JOBS_PER_CORE
          + " per core on this machine): extraction is CPU-bound and each thread holds a parse tree");
      root.err().flush();
      jobs = maxJobs;
    }
    if (layer) {
      LayerPublish.checkOptions(publish); // before the extraction, not after it
    }
    publish.checkFormat();
    List<String> refs = publish.refs();
    long start = System.nanoTime();
    Progress progress = root.progress();
    ExtractionResult extraction;
    UpdateSummary update;
    StoreBuild built = null;
    String layered = null; // <base>+<delta> (or the unchanged base's id) when --layer published a layer
    long extractNanos;
    long indexNanos;
    List<String> skipped;
    ClasspathTypes libraries = openClasspath();
    DeclarationScan.Result scan;
    DeclarationTable table;
    boolean sameTable;
    Set<String> hadPreviousVersion = new HashSet<>();
    Interruption interruption = Interruption.install();
    DeclarationChange change;
    try (SourceTree tree = openTree(); Store store = Stores.openForWriting(storeOption.store, true, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      skipped = tree.skipped();
      Set<String> present = new HashSet<>(tree.paths());
      // Pass 1: every file's declarations (unchanged files from the last build's cache) → the tree's table.
      progress.status("declarations");
      // A resident watch keeps the resolution state and the stat cache in memory while the store holds its last build
      boolean resident = memory != null && memory.usableFor(SourceStamps.rootOf(tree), store);
      ResolutionState state = resident ? memory.state() : ResolutionState.read(storeOption.store);
      // Each file's stamp, then the stat cache: an unchanged file is not read again (see SourceStamps).
      SourceStamps.Taken taken = SourceStamps.take(tree);
      SourceStamps stamps = resident ? memory.stamps() : SourceStamps.read(storeOption.store, SourceStamps.rootOf(tree));
      scan = new DeclarationScan().threads(jobs).cache(state.cache())
          .knownHashes(p -> stamps.sha256(p, taken.stamps().get(p)))
          .retain(RetainedTrees.ofHeap()).run(tree);
      try {
        stamps.update(storeOption.store, taken, scan.sourceSha256());
      } catch (IOException e) {
        // a cache: the old file (or none) stays, and stays true; the next build reads what it cannot vouch for
        root.err().println("graphsnap: could not update the stat cache " + SourceStamps.FILE + " ("
            + TerminalText.escape(String.valueOf(e.getMessage()))
            + "); the next build reads the files it could not record");
      }
      table = DeclarationTable.of(scan.declarations(), libraries);
      // A stored summary is reused only if extracting it with this table gives the same (see ResolutionState).
      sameTable = state.extractedWith(table.fingerprint());
      change = sameTable ? DeclarationChange.NONE : state.changeTo(table, libraries);
      if (!sameTable) {
        state.invalidate(storeOption.store);
      }
      // the files the change affects, from the word index of a resident watch (null: ask each file's text)
      Set<String> affected = memory == null || change.all() || change.words().isEmpty() ? null
          : memory.affectedBy(change, tree, scan.sourceSha256());
      Set<String> pending = state.pending(); // not reached by an interrupted build: extract whatever the table
      Set<String> reached = java.util.concurrent.ConcurrentHashMap.newKeySet(); // extracted or reused by this one
      try (IndexUpdate changes = store.beginUpdate()) {
        if (sameTable && pending.isEmpty() && allStored(store, tree.paths(), scan.sourceSha256())) {
          scan.trees().clear();
          // Nothing changed: the declaration pass has read and hashed every file already.
          extraction = new ExtractionResult(tree.size(), 0, tree.size(), List.of(), 0, 0, System.nanoTime() - start);
        } else {
          try {
            extraction = new ParallelExtraction()
                .threads(jobs)
                .declarations(table)
                .trees(scan.trees())
                .changed(affected == null ? change : DeclarationChange.NONE)
                .knownHashes(scan.sourceSha256())
                .skipIf((file, sha) -> {
                  boolean reuse = !pending.contains(file) && (affected == null || !affected.contains(file))
                      && isStored(store, file, sha);
                  if (reuse) {
                    reached.add(file);
                  }
                  return reuse;
                })
                .onProgress((done, total) -> progress.update("extract", done, total))
                .run(tree, summary -> {
                  changes.put(summary);
                  reached.add(summary.path());
                });
          } catch (InterruptedException e) {
            // Ctrl-C (or an interrupt): keep what was extracted, which is content-addressed and so safe to keep
            progress.done();
            UpdateSummary kept = changes.commit();
            // What was reached was extracted (or checked) with this table, so the rerun reuses it; the files not
            // reached keep summaries from an older table (or none), so they are pending until extracted.
            Set<String> notReached = new HashSet<>(tree.paths());
            notReached.removeAll(reached);
            if (sameTable) {
              notReached.retainAll(pending); // with the same table, only what was pending before stays pending
            }
            writeResolutionState(scan, table, notReached);
            root.err().printf("graphsnap: interrupted: kept the %s extracted so far (the next build reuses them); "
                + "no snapshot was published%n", BuildSummary.count(kept.added() + kept.changed(), "file"));
            root.err().flush();
            return ExitCodes.INTERRUPTED;
          }
        }
        for (ExtractionFailure failure : extraction.failures()) {
          if (store.index().file(failure.path()) != null) {
            hadPreviousVersion.add(failure.path());
          }
        }
        extractNanos = System.nanoTime() - start;
        changes.retainOnly(present::contains);
        update = changes.commit();
      }
      if (!sameTable || !state.holds(resolutionEntries(scan))) {
        writeResolutionState(scan, table, Set.of());
      }
      indexNanos = System.nanoTime() - start - extractNanos;
      progress.done();
      if (layer) {
        layered = LayerPublish.publish(store, root, publish.layout(store));
      }
      if (layered == null) {
        built = StoreSnapshots.build(store, publish.options(BuildSummary.progressOf(progress))
            .withLayout(publish.layout(store)),
            publish.mode(), refs);
      }
      if (memory != null) {
        try {
          memory.remember(SourceStamps.rootOf(tree), stamps.after(taken, scan.sourceSha256()), table, scan,
              resolutionEntries(scan), built != null ? built.result().snapshotId()
                  : store.index().journal().lastBuilt().orElseThrow(), tree);
        } catch (IOException | RuntimeException e) {
          // published; the next build reads the store's state instead of the memory's
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!interruptedIo(e)) {
        throw e;
      }
      // Ctrl-C after the extraction, while the index or the snapshot was written: every write of the store is
      // crash-safe (temporary file and rename, the index's write-ahead log), so this is a crash at that point; the
      // resolution state is recorded only after the index commit, so the rerun extracts what it cannot trust
      progress.done();
      root.err().printf("graphsnap: interrupted while the index or the snapshot was written; what was stored is "
          + "kept and the next build completes it%n");
      root.err().flush();
      return ExitCodes.INTERRUPTED;
    } catch (InterruptedException e) {
      // Ctrl-C while the declarations were read: nothing was extracted or changed yet
      progress.done();
      root.err().printf("graphsnap: interrupted while reading the declarations; nothing was extracted and "
          + "no snapshot was published%n");
      root.err().flush();
      return ExitCodes.INTERRUPTED;
    } finally {
      progress.done();
      interruption.finished();
    }
    for (ExtractionFailure failure : extraction.failures()) {
      // javac's message already starts with the path
      String message = failure.message().startsWith(failure.path() + ":") ? failure.message()
          : failure.path() + ": " + failure.message();
      TerminalText.printf(root.err(), "%s%s%n", message,
          hadPreviousVersion.contains(failure.path()) ? " (its previous version is kept)" : "");
    }
    printFailures(root.err(), extraction.failures().size(), hadPreviousVersion.size());
    printSkipped(root.err(), skipped);
    if (!root.quiet()) {
      root.err().printf("resolve   %,d types in the tree's declaration table (%s); declarations: %,d parsed, %,d reused, %,d ms%s%n",
          table.typeCount(), sameTable ? "unchanged" : change.all() ? "changed: every file extracted again"
              : "changed: files that write " + describe(change) + " extracted again", scan.parsed(),
          scan.cached(), scan.elapsedNanos() / 1_000_000, libraries.isEmpty() ? "" : "; class path: " + classpath);
      if (built != null) {
        printSummary(root.err(), extraction, update, built, extractNanos, indexNanos, System.nanoTime() - start);
      }
    }
    if (json) {
      java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
      doc.put("snapshot", built != null ? built.result().snapshotId() : layered);
      doc.put("files", extraction.files());
      doc.put("extracted", extraction.extracted());
      doc.put("reused", extraction.reused());
      doc.put("failed", extraction.failures().stream().map(f -> {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("path", f.path());
        row.put("message", f.message());
        row.put("previousVersionKept", hadPreviousVersion.contains(f.path()));
        return row;
      }).toList());
      doc.put("skipped", skipped);
      Json.print(root.out(), doc);
    } else {
      root.out().println(built != null ? built.result().snapshotId() : layered);
    }
    root.out().flush();
    return extraction.failures().isEmpty() && skipped.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }

  /** True if {@code e} is, or was caused by, a channel closed because this thread was interrupted. */
  private static boolean interruptedIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  /** Each file's source hash and declarations, as {@link ResolutionState} records them. */
  private static Map<String, ResolutionState.Entry> resolutionEntries(DeclarationScan.Result scan) {
    Map<String, ResolutionState.Entry> entries = new HashMap<>();
    for (FileDeclarations d : scan.declarations()) {
      entries.put(d.path(), new ResolutionState.Entry(scan.sourceSha256().get(d.path()), d.bytes()));
    }
    return entries;
  }

  /**
   * Records the declaration table the stored summaries were extracted with, each file's declarations, and the
   * files whose stored summaries were not (an interrupted build's {@code pending}).
   */
  private void writeResolutionState(DeclarationScan.Result scan, DeclarationTable table, Set<String> pending)
      throws IOException {
    ResolutionState.write(storeOption.store, table.fingerprint(), table.externalFingerprint(), resolutionEntries(scan),
        pending);
  }

  /** Says how many files failed to parse and that their previous versions, if any, stay in the snapshot. */
  static void printFailures(PrintWriter err, int failed, int kept) {
    if (failed == 0) {
      return;
    }
    err.printf("graphsnap: %s failed to parse%s%n", BuildSummary.count(failed, "file"),
        kept == 0 ? " and %s left out".formatted(failed == 1 ? "is" : "are")
            : kept == failed ? (failed == 1 ? "; its previous version is kept" : "; their previous versions are kept")
            : "; the previous versions of %,d are kept, the others are left out".formatted(kept));
    err.flush();
  }

  /** The first few words of a declaration change, for the summary. */
  private static String describe(DeclarationChange change) {
    List<String> words = change.words().stream().sorted().limit(5).toList();
    return String.join(", ", words) + (change.words().size() > 5 ? String.format(" and %,d more names", change.words().size() - 5) : "");
  }

  /** The names {@link #printSkipped} shows; the rest are counted. */
  static final int SKIPPED_SHOWN = 5;

  /**
   * Reports the files left out because their path is unsafe (absolute, a drive letter, {@code ..}, a
   * backslash or a control character; see {@link SourceTree#skipped()}): the count and the first
   * {@value #SKIPPED_SHOWN} names, escaped for the terminal.
   */
  static void printSkipped(PrintWriter err, List<String> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(SKIPPED_SHOWN, skipped.size()); i++) {
      names.append(i == 0 ? "" : ", ").append('"').append(TerminalText.escape(skipped.get(i))).append('"');
    }
    if (skipped.size() > SKIPPED_SHOWN) {
      names.append(String.format(" and %,d more", skipped.size() - SKIPPED_SHOWN));
    }
    err.printf("graphsnap: skipped %,d file%s with an unsafe path (absolute, a drive letter, '..', a backslash or a"
        + " control character): %s%n", skipped.size(), skipped.size() == 1 ? "" : "s", names);
    err.flush();
  }

  private SourceTree openTree() throws IOException {
    if (path != null) {
      if (!Files.exists(path)) {
        throw CliException.badInput("no such directory or archive: " + path);
      }
      if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
        throw CliException.badInput("not a directory, .zip/.jar or .java file: " + path + " ("
            + InputFiles.kind(path) + ")");
      }
      SourceTree tree;
      try {
        tree = SourceTree.open(path);
      } catch (ZipException e) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        throw CliException.badInput(name.endsWith(".zip") || name.endsWith(".jar")
            ? "not a readable .zip/.jar archive: " + path + " (" + e.getMessage() + ")"
            : "not a directory, .zip/.jar or .java file: " + path);
      }
      if (tree.size() == 0 && tree.skipped().isEmpty()) {
        // an empty snapshot would remove every stored file, and is never what was meant
        tree.close();
        throw CliException.badInput("no .java files in " + path + ": nothing was built");
      }
      if (tree.size() == 0 && !tree.skipped().isEmpty()) {
        // building nothing would remove every stored file: refuse before the store is opened
        tree.close();
        printSkipped(root.err(), tree.skipped());
        throw CliException.badInput("every .java file of " + path + " has an unsafe path: nothing was built");
      }
      return tree;
    }
    Path zip = SourceTree.jdkSourceZip();
    if (zip == null || !Files.isRegularFile(zip)) {
      throw CliException.badInput("this JDK (" + System.getProperty("java.home") + ") has no lib/src.zip; pass a PATH to build");
    }
    return SourceTree.open(zip, SourceTree.JAVA_BASE);
  }

  private ClasspathTypes openClasspath() {
    if (classpath == null || classpath.isBlank()) {
      return ClasspathTypes.EMPTY;
    }
    List<Path> entries = new ArrayList<>();
    for (String p : classpath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (!p.isBlank()) {
        entries.add(Path.of(p));
      }
    }
    try {
      return ClasspathTypes.open(entries);
    } catch (IOException e) {
      throw CliException.badInput("cannot read --classpath: " + e.getMessage());
    }
  }

  /**
   * True if every path has a source hash from the declaration pass and the index holds an object for it (one
   * pass over the index, then one check per object file).
   */
  private static boolean allStored(Store store, List<String> paths, Map<String, byte[]> shas) {
    Map<String, FileEntry> stored = new HashMap<>();
    store.index().forEachFile(e -> stored.put(e.path(), e));
    for (String p : paths) {
      byte[] sha = shas.get(p);
      FileEntry entry = stored.get(p);
      if (sha == null || entry == null || !Arrays.equals(entry.sourceSha256(), sha)
          || !store.objects().contains(entry.objectId())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isStored(Store store, String file, byte[] sha) {
    FileEntry entry = store.index().file(file);
    return entry != null && sha != null && Arrays.equals(entry.sourceSha256(), sha) && store.objects().contains(entry.objectId());
  }

  private void printSummary(PrintWriter err, ExtractionResult x, UpdateSummary u, StoreBuild build,
      long extractNanos, long indexNanos, long totalNanos) {
    BuildResult built = build.result();
    err.printf("sources   %s: %,d extracted, %,d reused (unchanged), %,d failed to parse (%.0f files/s)%n",
        BuildSummary.count(x.files(), "file"), x.extracted(), x.reused(), x.failures().size(), x.files() * 1e9 / Math.max(1, extractNanos));
    err.printf("index     %,d added, %,d changed, %,d removed%n", u.added(), u.changed(), u.deleted());
    BuildSummary.print(err, built);
    SnapshotCommand.printHow(err, build);
    err.printf("time      extract %,d ms, index %,d ms, snapshot %,d ms, total %,d ms%n", extractNanos / 1_000_000,
        indexNanos / 1_000_000, (totalNanos - extractNanos - indexNanos) / 1_000_000, totalNanos / 1_000_000);
    try (GraphSnapshot g = GraphSnapshot.open(built.path())) {
      err.printf("unresolved %,d type names (external ?.Name nodes), %,d methods of unknown receivers (?#m nodes)%n",
          g.withPrefix("?.").size(), g.withPrefix("?#").size());
      TopInDegree.print(err, g, top);
    } catch (IOException e) {
      err.println("(cannot reopen the snapshot for the top symbols: " + TerminalText.escape(e.getMessage()) + ")");
    }
    err.flush();
  }
}
