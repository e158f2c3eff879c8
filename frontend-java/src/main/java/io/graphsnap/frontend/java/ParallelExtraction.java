package io.graphsnap.frontend.java;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.ExtractionMemory;
import io.graphsnap.frontend.java.internal.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Extracts every file of a {@link SourceTree} on several threads and hands each {@link FileSummary} to a
 * sink as soon as it is ready.
 *
 * <p>Memory is bounded: the calling thread reads files one at a time into a queue of {@code 2 × threads}
 * files; each worker parses one file, builds its summary, passes it to the sink and drops it. No parse
 * tree or summary outlives its file. Parsing takes many times a file's size in heap, so workers reserve an
 * estimate from a budget of half the heap before they parse ({@link ExtractionMemory}): a large file waits
 * until it can be parsed alone instead of running out of memory beside others. A file that still exhausts the
 * heap, or would exceed the loose-object format's symbol or edge limit (checked as symbols are added, not
 * after), fails on its own with a message that says what to do; the others are extracted. A file that fails (syntax error, unreadable, over a limit) is
 * recorded in {@link ExtractionResult#failures()} and the run goes on; an exception from a callback stops
 * the run and is rethrown.
 *
 * <p>Callbacks: the skip check, the sink and the progress listener are called from worker threads, but
 * never concurrently with each other or themselves (one lock), so they need no synchronisation of their
 * own. Summaries arrive in completion order, not path order.
 *
 * <p>Configure with the fluent setters, then {@link #run}; a configured instance may run several times,
 * but not concurrently. Usage:
 * <pre>{@code
 * try (SourceTree tree = SourceTree.open(SourceTree.jdkSourceZip(), SourceTree.JAVA_BASE)) {
 *   ExtractionResult r = new ParallelExtraction()
 *       .skipIf((path, sha) -> index.matches(path, sha))
 *       .onProgress((done, total) -> bar.update(done, total))
 *       .run(tree, summary -> store.put(summary));
 * }
 * }</pre>
 */
public final class ParallelExtraction {
  /** Receives each summary; called one at a time. */
  @FunctionalInterface
  public interface Sink {
    void accept(FileSummary summary) throws IOException;
  }

  /** Tells whether a file with this path and source SHA-256 is already stored; then it is not extracted. */
  @FunctionalInterface
  public interface StoredCheck {
    boolean alreadyStored(String path, byte[] sourceSha256) throws IOException;
  }

  /** Progress after each file (extracted, reused or failed); called one at a time. */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);
  }

  /** Stack size of worker threads: javac and the extractor recurse as deep as the code is nested. */
  private static final long WORKER_STACK_BYTES = 16L << 20;
  private static final Object END = new Object();

  private int threads = Runtime.getRuntime().availableProcessors();
  private final ExtractionMemory memory = ExtractionMemory.ofHeap();
  private StoredCheck storedCheck;
  private Progress progress;
  private DeclarationTable table;
  private RetainedTrees trees;
  private DeclarationChange change = DeclarationChange.NONE;
  private ClasspathTypes classpath = ClasspathTypes.EMPTY;
  private boolean fileByFile;
  private java.util.Map<String, byte[]> knownHashes = java.util.Map.of();

  /** A run on all available processors, extracting every file, without progress reports. */
  public ParallelExtraction() {}

  /** Sets the number of worker threads (at least 1). */
  public ParallelExtraction threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + count);
    }
    this.threads = count;
    return this;
  }

  /**
   * Extracts a stored file again, whatever the skip check answers, if {@code c} says the declarations' change
   * affects it ({@link DeclarationChange#affects}); by default ({@link DeclarationChange#NONE}) none is.
   */
  public ParallelExtraction changed(DeclarationChange c) {
    this.change = c;
    return this;
  }

  /** Skips files for which {@code check} answers true; they count as reused. */
  public ParallelExtraction skipIf(StoredCheck check) {
    this.storedCheck = check;
    return this;
  }

  /**
   * Resolves names against {@code declarations} (the tree's table, built by the caller, e.g. with a cache of
   * declarations); without it, {@link #run} first scans the whole tree itself ({@link DeclarationScan}).
   */
  public ParallelExtraction declarations(DeclarationTable declarations) {
    this.table = declarations;
    return this;
  }

  /**
   * Extracts files from the parse trees the declaration pass kept ({@link DeclarationScan#retain}) instead of
   * parsing them again; each tree is used only if it was parsed from the bytes the tree has now.
   */
  public ParallelExtraction trees(RetainedTrees kept) {
    this.trees = kept;
    return this;
  }

  /** The jars and class directories whose classes calls and types may resolve to (read when set). */
  public ParallelExtraction classpath(List<java.nio.file.Path> path) throws IOException {
    this.classpath = ClasspathTypes.open(path);
    return this;
  }

  /** Resolves each file alone, as before whole-tree resolution (no first pass; names may be guessed). */
  public ParallelExtraction fileByFile() {
    this.fileByFile = true;
    return this;
  }

  /**
   * The source hashes of files as the declaration pass found them ({@link DeclarationScan.Result#sourceSha256()}):
   * while the declarations' change affects no file ({@link DeclarationChange#NONE}), a file with a known hash that
   * the skip check finds stored is skipped without being read again.
   */
  public ParallelExtraction knownHashes(java.util.Map<String, byte[]> hashes) {
    this.knownHashes = hashes == null ? java.util.Map.of() : hashes;
    return this;
  }

  /** Reports progress to {@code listener} after each file. */
  public ParallelExtraction onProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  /**
   * Extracts every file of {@code tree}, handing each summary to {@code sink}.
   *
   * @throws IOException from the sink or the skip check, which stops the run
   * @throws InterruptedException if the calling thread is interrupted; the workers are stopped first
   */
  public ExtractionResult run(SourceTree tree, Sink sink) throws IOException, InterruptedException {
    long start = System.nanoTime();
    DeclarationTable declarations = table;
    RetainedTrees kept = trees;
    if (!fileByFile && declarations == null) {
      DeclarationScan.Result scan = new DeclarationScan().threads(threads).retain(RetainedTrees.ofHeap()).run(tree);
      declarations = DeclarationTable.of(scan.declarations(), classpath);
      kept = scan.trees();
    }
    if (fileByFile) {
      declarations = null;
      kept = null;
    }
    Run run = new Run(tree.size(), sink, declarations);
    // without a change of declarations, whether a file is stored is all the skip check needs to know
    boolean skipUnread = storedCheck != null && !change.all() && change.words().isEmpty();
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2 * threads);
    List<Thread> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      Thread w = Thread.ofPlatform().name("graphsnap-extract-" + i).daemon(true).stackSize(WORKER_STACK_BYTES)
          .unstarted(() -> work(queue, run, tree, skipUnread));
      workers.add(w);
      w.start();
    }
    try {
      for (String path : tree.paths()) {
        if (run.stopped()) {
          break;
        }
        // This thread only hands out work: the file reads and the skip check (the sink's store, whose file
        // channels an interrupt of the reading thread would close) run on the workers, so that an interrupt of
        // the caller, which is how a run is stopped, can only land in queue.put() or the join.
        RetainedTrees.Tree parsed = kept == null ? null : kept.take(path);
        queue.put(parsed != null ? parsed : path);
      }
      for (int i = 0; i < workers.size(); i++) {
        queue.put(END); // workers take until END (they never exit otherwise), so this cannot block forever
      }
    } catch (InterruptedException e) {
      if (kept != null) {
        kept.clear();
      }
      run.stop(e);
      queue.clear(); // only this thread puts, so there is now room for an END per worker
      for (int i = 0; i < workers.size(); i++) {
        queue.offer(END); // in case a worker's interrupt is swallowed by code it runs
      }
      workers.forEach(Thread::interrupt);
      joinAll(workers);
      throw e;
    }
    joinAll(workers);
    run.rethrowFatal();
    if (Thread.interrupted()) {
      // interrupted while the last files were extracted: they were delivered, but the caller asked to stop
      throw new InterruptedException("interrupted at the end of the extraction");
    }
    return run.result(System.nanoTime() - start);
  }

  private void work(BlockingQueue<Object> queue, Run run, SourceTree tree, boolean skipUnread) {
    JavaExtractor extractor = null;
    while (true) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return; // only run() interrupts, after it stopped feeding the queue
      }
      if (item == END) {
        return;
      }
      if (run.stopped()) {
        continue; // drain: the run is over, but run() still expects END to be taken
      }
      try {
        if (extractor == null) {
          extractor = new JavaExtractor();
        }
        if (item instanceof RetainedTrees.Tree parsed) {
          process(extractor, parsed, run);
        } else {
          String path = (String) item;
          byte[] known = skipUnread ? knownHashes.get(path) : null;
          if (known != null && run.skip(storedCheck, path, known)) {
            continue;
          }
          SourceFile file;
          try {
            file = tree.read(path);
          } catch (IOException | RuntimeException e) {
            run.failed(path, "cannot read: " + e.getMessage());
            continue;
          }
          process(extractor, file, run);
        }
      } catch (InterruptedException e) {
        return; // only run() interrupts, after it stopped feeding the queue
      } catch (Throwable t) { // OutOfMemoryError and the like: stop the run, keep draining
        run.stop(t);
      }
    }
  }

  private void process(JavaExtractor extractor, SourceFile file, Run run) throws InterruptedException {
    byte[] sha = Sha256.of(file.bytes());
    if (storedCheck != null && !change.affects(file.bytes()) && run.skip(storedCheck, file.path(), sha)) {
      return;
    }
    FileSummary summary;
    long reserved = memory.reserve(file.bytes().length);
    try {
      summary = extractor.extract(file.path(), file.bytes(), sha, run.declarations);
    } catch (JavaSyntaxException | InvalidSummaryException e) {
      run.failed(file.path(), e.getMessage());
      return;
    } catch (OutOfMemoryError e) {
      run.failed(file.path(), "not enough memory to extract this file of " + file.bytes().length + " bytes (the"
          + " rest is extracted; give graphsnap more heap with GRAPHSNAP_JAVA_OPTS=-Xmx..., or leave the file out)");
      return;
    } catch (RuntimeException | StackOverflowError e) {
      run.failed(file.path(), "extraction failed: " + e);
      return;
    } finally {
      memory.release(reserved);
    }
    run.deliver(summary);
  }

  /** As {@link #process(JavaExtractor, SourceFile, Run)}, for a file the declaration pass parsed already. */
  private void process(JavaExtractor extractor, RetainedTrees.Tree parsed, Run run) throws InterruptedException {
    String path = parsed.unit().path();
    if (storedCheck != null && !change.affects(parsed.unit().sourceBytes())
        && run.skip(storedCheck, path, parsed.sourceSha256())) {
      return;
    }
    FileSummary summary;
    long reserved = memory.reserve(0); // parsed already: only the extractor's tables
    try {
      summary = extractor.extract(parsed.unit(), parsed.sourceSha256(), run.declarations);
    } catch (JavaSyntaxException | InvalidSummaryException e) {
      run.failed(path, e.getMessage());
      return;
    } catch (OutOfMemoryError e) {
      run.failed(path, "not enough memory to extract this file of " + parsed.unit().sourceLength() + " chars (the"
          + " rest is extracted; give graphsnap more heap with GRAPHSNAP_JAVA_OPTS=-Xmx..., or leave the file out)");
      return;
    } catch (RuntimeException | StackOverflowError e) {
      run.failed(path, "extraction failed: " + e);
      return;
    } finally {
      memory.release(reserved);
    }
    run.deliver(summary);
  }

  private static void joinAll(List<Thread> workers) {
    boolean interrupted = false;
    for (Thread w : workers) {
      while (true) {
        try {
          w.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The shared state of one run; every callback and counter is guarded by this object's monitor. */
  private final class Run {
    private final int total;
    private final Sink sink;
    final DeclarationTable declarations;
    private final List<ExtractionFailure> failures = new ArrayList<>();
    private int done;
    private int extracted;
    private int reused;
    private long symbols;
    private long edges;
    private volatile Throwable fatal;

    Run(int total, Sink sink, DeclarationTable declarations) {
      this.total = total;
      this.sink = sink;
      this.declarations = declarations;
    }

    boolean stopped() {
      return fatal != null;
    }

    synchronized void stop(Throwable t) {
      if (fatal == null) {
        fatal = t;
      }
    }

    synchronized boolean skip(StoredCheck check, String path, byte[] sha) {
      if (fatal != null) {
        return true;
      }
      try {
        if (!check.alreadyStored(path, sha)) {
          return false;
        }
      } catch (IOException | RuntimeException | Error e) {
        stop(e);
        return true;
      }
      reused++;
      fileDone();
      return true;
    }

    synchronized void failed(String path, String message) {
      if (fatal != null) {
        return;
      }
      failures.add(new ExtractionFailure(path, message));
      fileDone();
    }

    synchronized void deliver(FileSummary summary) {
      if (fatal != null) {
        return;
      }
      try {
        sink.accept(summary);
      } catch (IOException | RuntimeException | Error e) {
        stop(e);
        return;
      }
      extracted++;
      symbols += summary.symbols().size();
      edges += summary.edges().size();
      fileDone();
    }

    private void fileDone() {
      done++;
      if (progress != null) {
        try {
          progress.update(done, total);
        } catch (RuntimeException | Error e) {
          stop(e);
        }
      }
    }

    synchronized void rethrowFatal() throws IOException {
      switch (fatal) {
        case null -> { }
        case IOException e -> throw e;
        case UncheckedIOException e -> throw e.getCause();
        case RuntimeException e -> throw e;
        case Error e -> throw e;
        default -> throw new IllegalStateException("extraction stopped", fatal);
      }
    }

    synchronized ExtractionResult result(long elapsedNanos) {
      failures.sort(Comparator.comparing(ExtractionFailure::path));
      return new ExtractionResult(total, extracted, reused, failures, symbols, edges, elapsedNanos);
    }
  }
}
