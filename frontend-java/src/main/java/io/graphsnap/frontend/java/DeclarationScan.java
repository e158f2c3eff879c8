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

  /** Reads every file of {@code tree} and collects its declarations. */
  public Result run(SourceTree tree) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ConcurrentLinkedQueue<FileDeclarations> out = new ConcurrentLinkedQueue<>();
    java.util.concurrent.ConcurrentHashMap<String, byte[]> shas = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger parsed = new AtomicInteger();
    AtomicInteger cached = new AtomicInteger();
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    Semaphore inFlight = new Semaphore(2 * threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform()
        .name("graphsnap-declarations").daemon(true).stackSize(WORKER_STACK_BYTES).unstarted(r));
    ThreadLocal<BatchParser> parsers = ThreadLocal.withInitial(BatchParser::new);
    try {
      List<SourceFile> batch = new ArrayList<>(BATCH_FILES);
      long batchBytes = 0;
      List<String> paths = tree.paths();
      for (int p = 0; p <= paths.size(); p++) {
        if (fatal.get() != null) {
          break;
        }
        if (p < paths.size()) {
          try {
            SourceFile file = tree.read(paths.get(p));
            batch.add(file);
            batchBytes += file.bytes().length;
          } catch (IOException | RuntimeException e) {
            // the second pass reports it
          }
          if (batch.size() < BATCH_FILES && batchBytes < BATCH_BYTES) {
            continue;
          }
        }
        if (batch.isEmpty()) {
          continue;
        }
        List<SourceFile> files = batch;
        batch = new ArrayList<>(BATCH_FILES);
        batchBytes = 0;
        inFlight.acquire();
        pool.execute(() -> {
          try {
            List<BatchParser.Source> toParse = new ArrayList<>(files.size());
            List<byte[]> toParseSha = new ArrayList<>(files.size());
            for (SourceFile file : files) {
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
    Throwable t = fatal.get();
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException("declaration scan failed", t);
    }
    shas.keySet().retainAll(new java.util.HashSet<>(out.stream().map(FileDeclarations::path).toList()));
    List<FileDeclarations> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing(FileDeclarations::path));
    return new Result(List.copyOf(sorted), java.util.Map.copyOf(shas), parsed.get(), cached.get(),
        System.nanoTime() - start, trees);
  }
}
