package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.RepoPaths;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SCIP index and hands one {@link FileSummary} per document to a {@link Sink} (the store's index update):
 * {@link ScipIndexReader} streams the documents, {@link SourceFiles} adds each file's hash and line count, {@link
 * DocumentMapper} maps it. Every problem becomes one {@link ScipProblem} naming the document's path; everything
 * else is stored:
 *
 * <ul>
 *   <li>a document that does not decode, or is over the size limit, is skipped (its path is still "mentioned" when
 *       it could be read, so that {@code --replace-all} keeps the stored file);
 *   <li>a second document with the same path is skipped: the first one wins;
 *   <li>a bad occurrence or symbol drops only itself;
 *   <li>a truncated index stops the reading; the documents before the damage are stored.
 * </ul>
 *
 * <p>Source files: under {@link #sourceRoot} when set, else under the metadata's {@code project_root} when it is a
 * {@code file:} URI of an existing folder, else under the fallback folder the caller passes (the index file's
 * folder). Memory: the largest document plus O(documents) for the paths. Mutable configuration, not thread-safe.
 */
public final class ScipIngest {
  /** At most this many problems are kept in a report; all are counted. */
  public static final int MAX_REPORTED = 10_000;

  /** Receives each document's summary. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Stores {@code summary}.
     *
     * @throws IllegalArgumentException if it cannot be stored (e.g. over the object size limit): reported, not fatal
     */
    void put(FileSummary summary) throws IOException;
  }

  /** Progress after each document. */
  @FunctionalInterface
  public interface Progress {
    /** Called after document {@code documents} with the bytes read so far and the total (-1 if unknown). */
    void onDocument(int documents, long bytesRead, long totalBytes);
  }

  private ScipLimits limits = ScipLimits.DEFAULTS;
  private Path sourceRoot;
  private Progress progress = (d, b, t) -> { };

  /** The caps; default {@link ScipLimits#DEFAULTS}. */
  public ScipIngest limits(ScipLimits limits) {
    this.limits = limits;
    return this;
  }

  /** Read source files under this folder instead of the metadata's project root. */
  public ScipIngest sourceRoot(Path root) {
    this.sourceRoot = root;
    return this;
  }

  /** Where to report progress. */
  public ScipIngest progress(Progress progress) {
    this.progress = progress;
    return this;
  }

  /**
   * Reads the index from {@code in} (not closed) and hands each document's summary to {@code sink}.
   *
   * @param size the index's size in bytes, or -1 if unknown
   * @param fallbackRoot where to look for source files when neither {@link #sourceRoot} nor the metadata names an
   *     existing folder, or {@code null}
   * @throws IOException if the input cannot be read or the sink fails to store
   */
  public ScipReport run(InputStream in, long size, Path fallbackRoot, Sink sink) throws IOException {
    ScipIndexReader reader = new ScipIndexReader(new BufferedInputStream(in, 1 << 16), size, limits);
    Map<String, Integer> seen = new HashMap<>();
    Set<String> mentioned = new HashSet<>();
    List<ScipProblem> problems = new ArrayList<>();
    long[] problemCount = {0};
    boolean complete = true;
    boolean unattributed = false;
    int stored = 0;
    SourceFiles files = null;
    for (ScipEntry entry = reader.next(); entry != null; entry = reader.next()) {
      switch (entry) {
        case ScipEntry.Problem p -> {
          String path = p.path() == null ? null : normalOrNull(p.path());
          add(problems, problemCount, new ScipProblem(path == null ? p.path() : path, p.ordinal(), p.offset(), p.message()));
          if (p.fatal()) {
            complete = false;
          } else if (p.ordinal() >= 0) {
            if (path != null) {
              mentioned.add(path);
            } else {
              unattributed = true;
            }
          }
        }
        case ScipEntry.Document d -> {
          if (files == null) {
            files = new SourceFiles(chooseRoot(reader.metadata(), fallbackRoot));
          }
          stored += document(d, files, seen, mentioned, problems, problemCount, sink) ? 1 : 0;
        }
      }
      progress.onDocument(reader.documentsSeen(), reader.offset(), size);
    }
    return new ScipReport(reader.documentsSeen(), stored, problemCount[0], problems, complete, mentioned, unattributed,
        reader.metadata(), files == null ? null : files.root(), files == null ? 0 : files.found(),
        reader.externalSymbolsSkipped(), reader.offset());
  }

  private static boolean document(ScipEntry.Document d, SourceFiles files, Map<String, Integer> seen,
      Set<String> mentioned, List<ScipProblem> problems, long[] problemCount, Sink sink) throws IOException {
    ScipDocument doc = d.document();
    String path = normalOrNull(doc.relativePath());
    if (path != null) {
      Integer first = seen.putIfAbsent(path, d.ordinal());
      if (first != null) {
        add(problems, problemCount, new ScipProblem(path, d.ordinal(), d.offset(),
            "duplicate document (document " + first + " has the same path and is the one kept); skipped"));
        return false;
      }
      mentioned.add(path);
    }
    SourceFacts facts = path == null || doc.hasText() ? SourceFacts.NONE : files.facts(path);
    MappedDocument mapped = DocumentMapper.map(doc, facts);
    for (String problem : mapped.problems()) {
      add(problems, problemCount, new ScipProblem(mapped.path(), d.ordinal(), d.offset(), problem));
    }
    if (mapped.summary() == null) {
      return false;
    }
    try {
      sink.put(mapped.summary());
      return true;
    } catch (IllegalArgumentException e) {
      add(problems, problemCount, new ScipProblem(mapped.path(), d.ordinal(), d.offset(), e.getMessage() + "; not stored"));
      return false;
    }
  }

  private static void add(List<ScipProblem> problems, long[] count, ScipProblem problem) {
    count[0]++;
    if (problems.size() < MAX_REPORTED) {
      problems.add(problem);
    }
  }

  private static String normalOrNull(String path) {
    try {
      return RepoPaths.normalise(path);
    } catch (InvalidSummaryException e) {
      return null;
    }
  }

  private Path chooseRoot(ScipMetadata metadata, Path fallbackRoot) {
    if (sourceRoot != null) {
      return sourceRoot;
    }
    if (metadata != null && metadata.projectRoot().startsWith("file:")) {
      try {
        Path root = Path.of(URI.create(metadata.projectRoot()));
        if (Files.isDirectory(root)) {
          return root;
        }
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException | SecurityException e) {
        // not a usable file URI: fall back
      }
    }
    return fallbackRoot;
  }
}
