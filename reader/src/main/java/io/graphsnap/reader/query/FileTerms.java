package io.graphsnap.reader.query;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import io.graphsnap.reader.Utf8Predicate;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The terms answered from the file table: {@code file:P}, {@code lang:L} and the folder half of {@code is:test}.
 * First the matching files: paths are sorted, so a prefix is a range of file ids found by binary search
 * (O(log F)) and a glob is tested in place on the paths of its literal prefix's range (O(their bytes)), never
 * decoding a path. Then the matching nodes, whichever is cheaper: the files' own symbol lists (FILE_SYMBOLS,
 * adjacent for a range of files: {@link GraphSnapshot#nodesOfFiles} reads each run of adjacent files at once),
 * when they hold well under the number of candidates; otherwise one O(1) file-id test per candidate (a range
 * compare, or a bit of a file set).
 * Not thread-safe (one per evaluator).
 */
final class FileTerms {
  /** Generate from the files' lists when they hold fewer than 1/GENERATE of the candidates. */
  private static final int GENERATE = 6;
  /** Sum the exact symbol counts of at most this many files; estimate larger sets from the mean. */
  private static final int COUNTED_FILES = 2048;

  /** {@code test/} or {@code tests/} at the start of a path or after a {@code /}. */
  private static final TestFolder TEST_FOLDER = new TestFolder();

  private final GraphSnapshot g;
  private final int fileCount;

  FileTerms(GraphSnapshot g) {
    this.g = g;
    this.fileCount = g.fileCount();
  }

  /** The files whose path matches {@code p}: the range of its literal prefix, filtered unless it is a prefix. */
  MutableRoaringBitmap files(NamePattern p) {
    IdRange range = range(p);
    if (p.kind() == NamePattern.Kind.PREFIX) {
      MutableRoaringBitmap files = new MutableRoaringBitmap();
      files.add((long) range.start(), (long) range.end());
      return files;
    }
    return g.filesMatching(range.start(), range.end(), p.utf8());
  }

  /** The range of file ids whose paths start with {@code p}'s literal prefix. O(log F). */
  IdRange range(NamePattern p) {
    return g.filesWithPrefix(p.literalPrefix());
  }

  /** The files of language {@code language}. O(F), no decoding (languages are a dictionary). */
  MutableRoaringBitmap filesOfLanguage(String language) {
    MutableRoaringBitmap files = new MutableRoaringBitmap();
    for (int f = 0; f < fileCount; f++) {
      if (g.fileLanguage(f).equals(language)) {
        files.add(f);
      }
    }
    return files;
  }

  /** The files whose paths pass {@code test}. O(path bytes). */
  MutableRoaringBitmap filesMatching(Utf8Predicate test) {
    return g.filesMatching(0, fileCount, test);
  }

  /** The files under a {@code test/} or {@code tests/} folder ({@code is:test}), their paths tested in place. O(path bytes). */
  MutableRoaringBitmap underTestFolders() {
    return filesMatching(TEST_FOLDER);
  }

  /** An estimate of the nodes files {@code files} define (their records' symbol counts, or the mean). */
  long estimateSymbols(ImmutableRoaringBitmap files) {
    long count = files.getLongCardinality();
    if (count > COUNTED_FILES) {
      return count * g.nodeCount() / Math.max(1, fileCount);
    }
    long sum = 0;
    for (IntIterator it = files.getIntIterator(); it.hasNext(); ) {
      sum += g.fileSymbolCount(it.next());
    }
    return sum;
  }

  /** The candidates defined in one of {@code files}. */
  MutableRoaringBitmap nodesIn(ImmutableRoaringBitmap files, ImmutableRoaringBitmap candidates) {
    if (files.isEmpty() || candidates.isEmpty()) {
      return new MutableRoaringBitmap();
    }
    int first = files.first();
    int last = files.last();
    boolean isRange = files.getLongCardinality() == (long) last - first + 1;
    if (g.hasFileSymbolIndex() && estimateSymbols(files) * GENERATE < candidates.getLongCardinality()) {
      MutableRoaringBitmap nodes = isRange ? g.nodesOfFiles(first, last + 1) : nodesOfEach(files);
      nodes.and(candidates);
      return nodes;
    }
    if (isRange) {
      return Filters.keep(candidates, v -> {
        int f = g.fileId(v);
        return f >= first && f <= last;
      });
    }
    long[] bits = new long[(last >>> 6) + 1];
    for (IntIterator it = files.getIntIterator(); it.hasNext(); ) {
      int f = it.next();
      bits[f >>> 6] |= 1L << f;
    }
    return Filters.keep(candidates, v -> {
      int f = g.fileId(v);
      return f >= 0 && f <= last && (bits[f >>> 6] & (1L << f)) != 0;
    });
  }

  /** The nodes of each file of {@code files}: each run of adjacent files in one read of FILE_SYMBOLS. */
  private MutableRoaringBitmap nodesOfEach(ImmutableRoaringBitmap files) {
    MutableRoaringBitmap nodes = new MutableRoaringBitmap();
    int runStart = -1;
    int runEnd = -1;
    for (IntIterator it = files.getIntIterator(); it.hasNext(); ) {
      int f = it.next();
      if (f != runEnd) {
        if (runStart >= 0) {
          nodes.or(g.nodesOfFiles(runStart, runEnd));
        }
        runStart = f;
      }
      runEnd = f + 1;
    }
    if (runStart >= 0) {
      nodes.or(g.nodesOfFiles(runStart, runEnd));
    }
    return nodes;
  }

  /**
   * The paths {@code is:test} selects: those the regular expression {@code (^|.*\/)tests?/.*} matches, tested on
   * the UTF-8 bytes: {@code test/} or {@code tests/} at the start or after a {@code /}, and (as the expression's
   * {@code .} matches no line terminator) no line terminator anywhere.
   */
  private static final class TestFolder implements Utf8Predicate {
    @Override
    public boolean test(byte[] p, int length) {
      boolean found = false;
      for (int i = 0; i < length; i++) {
        int b = p[i] & 0xFF;
        if (b == '\n' || b == '\r') {
          return false;
        }
        if (b == 0xC2 && i + 1 < length && (p[i + 1] & 0xFF) == 0x85) {
          return false; // U+0085
        }
        if (b == 0xE2 && i + 2 < length && (p[i + 1] & 0xFF) == 0x80 && ((p[i + 2] & 0xFF) == 0xA8 || (p[i + 2] & 0xFF) == 0xA9)) {
          return false; // U+2028, U+2029
        }
        if (!found && b == 't' && (i == 0 || p[i - 1] == '/') && startsTestFolder(p, i, length)) {
          found = true;
        }
      }
      return found;
    }

    private static boolean startsTestFolder(byte[] p, int i, int length) {
      if (length - i < 5 || p[i + 1] != 'e' || p[i + 2] != 's' || p[i + 3] != 't') {
        return false;
      }
      return p[i + 4] == '/' || length - i >= 6 && p[i + 4] == 's' && p[i + 5] == '/';
    }
  }
}
