package io.graphsnap.frontend.java;

import io.graphsnap.frontend.java.internal.BatchParser;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.frontend.java.internal.ParsedUnit;
import io.graphsnap.frontend.java.internal.Sha256;
import io.graphsnap.frontend.java.internal.SkeletonCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first pass over a whole {@link SourceTree}: each file's {@link FileDeclarations}, on several threads,
 * for a {@link DeclarationTable}. A file that does not parse declares nothing (the second pass reports it).
 * Declarations of a file whose path and SHA-256 a {@link Cache} knows are taken from it, not parsed again.
 *
 * <p>Memory: at most {@code 2 × threads} files are in flight; only the declarations are kept. Configure with
 * the fluent setters, then {@link #run}; not for concurrent use.
 */
public final class DeclarationScan {
  /** Declarations stored by an earlier run, by path and source SHA-256; called from worker threads, concurrently. */
  @FunctionalInterface
  public interface Cache {
    /** The declarations of this exact file, or null. */
    FileDeclarations lookup(String path, byte[] sourceSha256);

    /**
     * True if {@link #lookup} may answer for this exact file (cheap: no decoding); a file for which it is true
     * but whose lookup then fails is read and parsed after all.
     */
    default boolean mayHave(String path, byte[] sourceSha256) {
      return lookup(path, sourceSha256) != null;
    }
  }

  /**
   * Source hashes known without reading the files (e.g. from a stat cache, {@link FileStamp}); called from the
   * scanning thread only.
   */
  @FunctionalInterface
  public interface KnownHashes {
    /** The SHA-256 of the file's current content, or null if it must be read to know it. */
    byte[] sha256(String path);
  }

  /**
   * The declarations of every file that parsed, in path order, each file's source SHA-256, how many were
   * parsed or taken from the cache, and the parse trees kept for the extraction pass ({@link #retain}).
   */
  public record Result(List<FileDeclarations> declarations, java.util.Map<String, byte[]> sourceSha256, int parsed,
      int cached, long elapsedNanos, RetainedTrees trees) {}

  private static final long WORKER_STACK_BYTES = 16L << 20;
  /** Files per javac task: setting a task up costs about as much as parsing a small file. */
  private static final int BATCH_FILES = 32;
  private static final long BATCH_BYTES = 4L << 20;

  private int threads = Runtime.getRuntime().availableProcessors();
  private Cache cache;
  private KnownHashes known;
  private RetainedTrees trees = new RetainedTrees(0);

  /** Sets the number of worker threads (at least 1). */
  public DeclarationScan threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + count);
    }
    this.threads = count;
    return this;
  }

  /** Takes declarations from {@code c} for files it knows. */
  public DeclarationScan cache(Cache c) {
    this.cache = c;
    return this;
  }

  /**
   * Takes each file's source hash from {@code hashes} where it knows it: a file whose declarations the
   * {@link #cache} has for that hash is then not read at all.
   */
  public DeclarationScan knownHashes(KnownHashes hashes) {
    this.known = hashes;
    return this;
  }

  /**
   * Keeps the parse trees of parsed files in {@code budget} for the extraction pass, which then need not parse
   * them again ({@link ParallelExtraction#trees}); by default none are kept.
   */
  public DeclarationScan retain(RetainedTrees budget) {
    this.trees = budget;
    return this;
  }

  /** UTF-8 with malformed bytes replaced; a byte-order mark becomes a space (as {@link JavaExtractor} reads files). */
  private static String decode(byte[] bytes) {
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? ' ' + text.substring(1) : text;
  }

  /** Scans {@code tree} and builds its table with {@code classpath} behind it. */
  public static DeclarationTable table(SourceTree tree, int threads, ClasspathTypes classpath)
      throws IOException, InterruptedException {
    return DeclarationTable.of(new DeclarationScan().threads(threads).run(tree).declarations(), classpath);
  }

  /**
   * Reads every file of {@code tree} (but those whose hash is {@link #knownHashes known} and whose declarations
   * the {@link #cache} has) and collects its declarations.
   */
  public Result run(SourceTree tree) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Pass pass = new Pass(tree);
    List<String> missed = pass.scan(tree.paths(), known);
    if (!missed.isEmpty() && pass.fatal.get() == null) {
      pass.scan(missed, null); // known, but the cache could not decode them after all: read and parse them
    }
    Throwable t = pass.fatal.get();
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException("declaration scan failed", t);
    }
    var shas = pass.shas;
    shas.keySet().retainAll(new java.util.HashSet<>(pass.out.stream().map(FileDeclarations::path).toList()));
    List<FileDeclarations> sorted = new ArrayList<>(pass.out);
    sorted.sort(Comparator.comparing(FileDeclarations::path));
    return new Result(List.copyOf(sorted), java.util.Map.copyOf(shas), pass.parsed.get(), pass.cached.get(),
        System.nanoTime() - start, trees);
  }

  /** A file whose hash is known and whose declarations the cache should have: not read. */
  private record Known(String path, byte[] sha256) {}

  /** The state of one run, shared by its worker threads. */
  private final class Pass {
    final SourceTree tree;
    final ConcurrentLinkedQueue<FileDeclarations> out = new ConcurrentLinkedQueue<>();
    final java.util.concurrent.ConcurrentHashMap<String, byte[]> shas = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger parsed = new AtomicInteger();
    final AtomicInteger cached = new AtomicInteger();
    final AtomicReference<Throwable> fatal = new AtomicReference<>();
    final ThreadLocal<BatchParser> parsers = ThreadLocal.withInitial(BatchParser::new);

    Pass(SourceTree tree) {
      this.tree = tree;
    }

    /**
     * Scans {@code paths} (files with a hash in {@code hashes} and in the cache without reading them) and returns
     * the paths of known files whose cached declarations then could not be decoded.
     */
    List<String> scan(List<String> paths, KnownHashes hashes) throws InterruptedException {
      ConcurrentLinkedQueue<String> missed = new ConcurrentLinkedQueue<>();
      Semaphore inFlight = new Semaphore(2 * threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform()
          .name("graphsnap-declarations").daemon(true).stackSize(WORKER_STACK_BYTES).unstarted(r));
      try {
        List<Object> batch = new ArrayList<>(BATCH_FILES);
        long batchBytes = 0;
        for (int p = 0; p <= paths.size(); p++) {
          if (fatal.get() != null) {
            break;
          }
          if (p < paths.size()) {
            String path = paths.get(p);
            byte[] sha = hashes == null || cache == null ? null : hashes.sha256(path);
            if (sha != null && cache.mayHave(path, sha)) {
              batch.add(new Known(path, sha));
            } else {
              try {
                SourceFile file = tree.read(path);
                batch.add(file);
                batchBytes += file.bytes().length;
              } catch (IOException | RuntimeException e) {
                // the second pass reports it
              }
            }
            if (batch.size() < BATCH_FILES * (batchBytes == 0 ? 4 : 1) && batchBytes < BATCH_BYTES) {
              continue;
            }
          }
          if (batch.isEmpty()) {
            continue;
          }
          List<Object> items = batch;
          batch = new ArrayList<>(BATCH_FILES);
          batchBytes = 0;
          inFlight.acquire();
          pool.execute(() -> {
            try {
              scanBatch(items, missed);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
              // declares nothing; the second pass reports the files (one by one, each failing on its own)
            } catch (Throwable t) {
              fatal.compareAndSet(null, t);
            } finally {
              inFlight.release();
            }
          });
        }
      } finally {
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
          // wait for the files in flight
        }
      }
      List<String> sortedMissed = new ArrayList<>(missed);
      sortedMissed.sort(null);
      return sortedMissed;
    }

    private void scanBatch(List<Object> items, ConcurrentLinkedQueue<String> missed) {
      List<BatchParser.Source> toParse = new ArrayList<>(items.size());
      List<byte[]> toParseSha = new ArrayList<>(items.size());
      for (Object item : items) {
        if (item instanceof Known k) {
          FileDeclarations d = cache.lookup(k.path(), k.sha256());
          if (d != null && d.path().equals(k.path())) {
            shas.put(k.path(), k.sha256());
            cached.incrementAndGet();
            out.add(d);
          } else {
            missed.add(k.path());
          }
          continue;
        }
        SourceFile file = (SourceFile) item;
        byte[] sha = Sha256.of(file.bytes());
        FileDeclarations d = cache == null ? null : cache.lookup(file.path(), sha);
        shas.put(file.path(), sha);
        if (d != null && d.path().equals(file.path())) {
          cached.incrementAndGet();
          out.add(d);
        } else {
          toParse.add(new BatchParser.Source(file.path(), decode(file.bytes()), file.bytes()));
          toParseSha.add(sha);
        }
      }
      if (!toParse.isEmpty()) {
        List<ParsedUnit> units = parsers.get().parse(toParse);
        for (int i = 0; i < units.size(); i++) {
          ParsedUnit unit = units.get(i);
          if (unit != null) {
            try {
              out.add(SkeletonCollector.collect(unit));
              parsed.incrementAndGet();
              trees.offer(unit, toParseSha.get(i));
            } catch (RuntimeException | StackOverflowError e) {
              // declares nothing; the second pass reports the file
            }
          }
        }
      }
    }
  }
}
