package io.graphsnap.objects.jsonl;

import io.graphsnap.objects.ExpectedObject;
import io.graphsnap.objects.FileChange;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.PreparedFile;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.UpdateSummary;
import io.graphsnap.objects.WriteConflictException;
import io.graphsnap.objects.internal.Uninterruptibly;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.graphsnap.objects.internal.TaskFailures;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Ingests a JSON Lines file (docs/DESIGN.md §4: one source file per line) into a {@link Store}: each good line
 * becomes one loose object, and the index is updated for all good lines in one transaction, committed
 * after every object is durable; an input of more than {@value #CHECKPOINT_FILES} files is committed in
 * transactions of that many ({@link IndexUpdate#checkpoint()}), so that what one transaction holds stays bounded
 * (at 10 million files a single one would hold a MapDB write-ahead log of tens of gigabytes), unless the ingest
 * applies to the whole input ({@link #replaceAll}, {@link #expectBaseline}, a {@link #shard}, {@link #knownLines}).
 *
 * <p>Input rules:
 * <ul>
 *   <li>Lines end in {@code \n} (or {@code \r\n}); blank lines are skipped; input is UTF-8.
 *   <li>A line is at most {@link #maxLineBytes} bytes (default {@value #DEFAULT_MAX_LINE_BYTES}, 16 MiB).
 *       A longer line is counted and skipped as it streams past, never held whole in memory, and reported.
 *   <li>A bad line (invalid JSON, unknown or duplicate field, wrong type, missing name, bad path, an edge
 *       {@code from} that names no symbol of the line, …) is reported with its 1-based number and skipped;
 *       every good line is kept.
 *   <li>If a path appears on several good lines, the last one wins, with a warning.
 *   <li>With {@link #replaceAll}, every indexed path that no line mentions is removed afterwards. A bad line
 *       whose path could still be read counts as mentioning it (a typo does not delete a file); if some bad
 *       line's path could not be read at all, nothing is removed and a warning says why.
 * </ul>
 *
 * <p>Conflict checks (optimistic concurrency): a line may carry {@code "expect": "<object id>"} or {@code
 * "expect": "none"}, the object its path must hold when the line applies (in the index, inside this ingest's
 * transaction, under the store's writer lock, so nothing changes between the check and the commit). A line
 * whose path holds something else is refused as a conflict and the other lines are stored. With {@link
 * #expectBaseline} every path the batch touches (replace-all deletions included) must first hold the
 * baseline's object for it (a line's own {@code expect} still wins), and one conflict refuses the whole batch:
 * nothing is stored.
 *
 * <p>Reading: the input is read straight into blocks of native memory ({@link LineReader}); a line is hashed and
 * compared against the {@link #knownLines known lines} where it lies, and copied only to be parsed, so that a resident
 * watch's save of a file whose lines mostly did not change costs little more than reading it.
 *
 * <p>Parallelism: lines are read in chunks ({@value #CHUNK_LINES} lines or {@value #CHUNK_BYTES} bytes), on a
 * thread of their own up to {@value #READ_AHEAD_CHUNKS} chunks ahead ({@link ReadAhead}: a producer piping lines in
 * keeps writing while the index is updated or committed), that {@link #threads} worker threads parse, encode, hash and write to temporary object files ({@link
 * IndexUpdate#prepare}); the calling thread applies the chunks to the index strictly in input order, so reports,
 * conflicts, "the later line wins" and interruption behave exactly as a line-by-line ingest. At most two chunks
 * per worker are in flight.
 *
 * <p>Memory: O(chunks in flight · chunk size + max line length + distinct paths), the paths as fingerprints of 16
 * bytes ({@link MentionedPaths}) unless a {@link #shard} needs their names. Mutable configuration, not
 * thread-safe; each {@link #ingest} call is independent. The store must not have another update open.
 */
public final class JsonLinesIngester {
  /** The default longest line, in bytes, newline excluded: 16 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
  /** At most this many errors and this many warnings are kept in a report (all are counted). */
  public static final int MAX_REPORTED = 10_000;
  /** Most lines in one chunk handed to a worker. */
  public static final int CHUNK_LINES = 64;
  /** A chunk is closed once its lines hold this many bytes. */
  public static final int CHUNK_BYTES = 4 << 20;
  /**
   * Chunks read ahead of the workers by the reading thread ({@link ReadAhead}), beside the {@code 2 × threads} being
   * prepared: up to {@code 4 × CHUNK_BYTES} more of input in memory, so that a producer is not stopped while the
   * applying thread commits.
   */
  private static final int READ_AHEAD_CHUNKS = 4;
  /** By default, the files of one transaction of a long input (see {@link #checkpointEvery}). */
  public static final int CHECKPOINT_FILES = 100_000;

  /** The longest line buffer a thread keeps for its next line (see {@link Item#copy}). */
  private static final int MAX_KEPT_LINE_BYTES = 1 << 20;
  /**
   * Each thread's buffer for the line it parses: the parser keeps no reference to it after a line, so one array per
   * thread (at most {@value #MAX_KEPT_LINE_BYTES}) serves every line, instead of a new array per line (about a
   * third of what a bulk ingest's workers allocated, and so of its young collections).
   */
  private static final ThreadLocal<byte[]> LINE_BUFFERS = ThreadLocal.withInitial(() -> new byte[64 << 10]);

  private final Store store;
  private final JsonLineParser parser = new JsonLineParser();
  private boolean replaceAll;
  private ShardScope shard;
  private KnownLines knownLines;
  private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
  private IngestProgress progress = IngestProgress.NONE;
  private Function<String, ExpectedObject> baseline;
  private BooleanSupplier stopRequested = () -> false;
  private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
  private int checkpointFiles = CHECKPOINT_FILES;

  /** An ingester into {@code store}, which the caller keeps open and closes. */
  public JsonLinesIngester(Store store) {
    this.store = store;
  }

  /** Treat the input as the complete set of files ({@code --replace-all}); default false. */
  public JsonLinesIngester replaceAll(boolean replaceAll) {
    this.replaceAll = replaceAll;
    return this;
  }

  /** The longest accepted line in bytes, newline excluded; default {@value #DEFAULT_MAX_LINE_BYTES}. */
  public JsonLinesIngester maxLineBytes(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    return this;
  }

  /**
   * Checks every path the batch touches against {@code baseline} (the object a snapshot the writer started
   * from has for the path, or {@link ExpectedObject#ABSENT}) before its first change, and refuses the whole
   * batch on any conflict; {@code null} (default): only lines' own {@code expect} fields are checked.
   */
  public JsonLinesIngester expectBaseline(Function<String, ExpectedObject> baseline) {
    this.baseline = baseline;
    return this;
  }

  /**
   * A resident watch's memory of the lines stored before ({@link KnownLines}): a line it remembers, whose path the index
   * still maps to the object stored for it, is counted unchanged without being parsed; after a successful commit
   * the memory holds this ingest's lines, after any other end it is cleared. Ignored with {@link #expectBaseline}.
   * Default: none (every line is parsed).
   */
  public JsonLinesIngester knownLines(KnownLines known) {
    this.knownLines = known;
    return this;
  }

  /**
   * Asks {@code stopRequested} after each line; once it says true the ingest reads no further line and ends with
   * an {@link IngestReport#interrupted() interrupted} report: the lines read so far are committed, whole (each
   * line is one file, and its object is durable before the index names it), unless {@link #replaceAll} or
   * {@link #expectBaseline} is on, which apply to the whole input: then nothing is committed (and no object of it
   * is stored).
   * It is a flag, not a thread interrupt, so that no file channel is closed under a write. Default: never.
   */
  public JsonLinesIngester stopWhen(BooleanSupplier stopRequested) {
    this.stopRequested = stopRequested == null ? () -> false : stopRequested;
    return this;
  }

  /**
   * How many worker threads parse and encode lines; 1 parses on the calling thread. Default: the number of
   * processors, at most 4.
   */
  public JsonLinesIngester threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, not " + threads);
    }
    this.threads = threads;
    return this;
  }

  /**
   * Commits the changes so far once they touch {@code files} distinct paths (checked after each chunk of up to
   * {@value #CHUNK_LINES} lines), and goes on in a new transaction:
   * a failure or a crash then loses only the changes since the last checkpoint, and memory and the index's
   * write-ahead log stay bounded whatever the input's size. Not with {@link #replaceAll}, {@link #expectBaseline},
   * a {@link #shard} or {@link #knownLines}, which apply to the whole input (one transaction). 0: one transaction
   * for any input. Default {@value #CHECKPOINT_FILES}.
   */
  public JsonLinesIngester checkpointEvery(int files) {
    if (files < 0) {
      throw new IllegalArgumentException("files must not be negative, not " + files);
    }
    this.checkpointFiles = files;
    return this;
  }

  /** Whether this ingest may commit in several transactions (see {@link #checkpointEvery}). */
  private boolean checkpoints() {
    return checkpointFiles > 0 && !replaceAll && baseline == null && shard == null && knownLines == null;
  }

  /** Where to report progress; default {@link IngestProgress#NONE}. */
  public JsonLinesIngester progress(IngestProgress progress) {
    this.progress = progress == null ? IngestProgress.NONE : progress;
    return this;
  }

  /**
   * Confines the ingest to one shard of a folder of JSON Lines files ({@link ShardScope}): lines about paths other
   * shards list are bad lines, replace-all removes only what the shard owned, and the scope hears what the shard
   * lists after the commit. Default: none (the input is the whole store's).
   */
  public JsonLinesIngester shard(ShardScope scope) {
    this.shard = scope;
    return this;
  }

  /** Ingests {@code file}, read straight into the line blocks. See {@link #ingest(InputStream, long)}. */
  public IngestReport ingest(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return ingest(in, in.size());
    }
  }

  /**
   * Ingests the lines of {@code in} (not closed here).
   *
   * @param totalBytes the input's size for progress, or -1 if unknown
   * @return what changed and which lines were skipped
   * @throws IOException if the input cannot be read or the store cannot be written; then the index is
   *     rolled back to the last checkpoint (see {@link #checkpointEvery}; before the first one, nothing of this
   *     ingest is visible)
   */
  public IngestReport ingest(InputStream in, long totalBytes) throws IOException {
    return ingest(Channels.newChannel(in), totalBytes); // not closed: that would close in
  }

  private IngestReport ingest(ReadableByteChannel in, long totalBytes) throws IOException {
    Run run = new Run();
    boolean remembered = false;
    try (IndexUpdate update = store.beginUpdate()) {
      // An automatic arena: the read-ahead thread may outlive applyAll in a read of a stalled input (ReadAhead.stop)
      Arena blocks = Arena.ofAuto();
      applyAll(new LineReader(in, maxLineBytes, LineReader.DEFAULT_BLOCK_BYTES, blocks), update, run, totalBytes);
      if (run.interrupted && (replaceAll || baseline != null)) {
        update.close(); // rolls back: replace-all and the baseline check apply to the whole input
        run.knownUnchanged = 0;
        return run.report(0, 0, 0, 0, false);
      }
      if (replaceAll) {
        run.replaceAll(update);
      }
      if (baseline != null && run.conflictCount > 0) {
        update.close(); // rolls back: the batch is refused whole
        run.knownUnchanged = 0;
        return run.report(0, 0, 0, 0, true);
      }
      UpdateSummary summary = run.committed(update.commit());
      if (shard != null && !run.interrupted) {
        shard.committed(run.listed(), run.firstUnattributedBadLine < 0, run.filesVersionBefore,
            store.index().filesVersion()); // still under the writer lock
      }
      if (run.stored != null && !run.interrupted) {
        knownLines.replace(run.stored, store.index().filesVersion()); // the writer lock is still held
        remembered = true;
      }
      return run.report(summary.added(), summary.changed(), summary.unchanged() + run.knownUnchanged,
          summary.deleted(), false);
    } finally {
      if (knownLines != null && !remembered) {
        knownLines.clear(); // nothing of a failed, refused or interrupted ingest is trusted
      }
    }
  }

  /** Whether lines are remembered and known lines skipped in this ingest. */
  private boolean usesKnownLines() {
    return knownLines != null && baseline == null;
  }

  /**
   * One input line: where it lies in its reader's block (not copied), then as parsed and prepared by a worker. It
   * holds its block until {@link #release}d.
   */
  private static final class Item {
    final long number;
    final long bytesRead;
    final long lineBytes;
    final boolean overLong;
    final LineReader.Block block; // null if blank or over-long
    final long offset;
    final int length;
    ParsedLine parsed;
    LineException invalid;
    PreparedFile prepared;
    IllegalArgumentException unstorable;
    long hash; // of the line's bytes, when known lines are used
    KnownLines.Known known; // set when the line was stored before and is not parsed (yet)

    Item(LineReader reader) {
      number = reader.lineNumber();
      bytesRead = reader.bytesRead();
      lineBytes = reader.lineBytes();
      overLong = reader.overLong();
      offset = reader.offset();
      length = reader.length();
      if (overLong) {
        block = null;
      } else if (reader.isBlank()) {
        block = null;
        reader.block().release();
      } else {
        block = reader.block();
      }
    }

    /** Whether the line has content to parse (not blank, not over-long). */
    boolean hasBytes() {
      return block != null;
    }

    /**
     * The line's bytes copied to the start of the calling thread's line buffer (or of an array of their own when the
     * line is longer than {@value #MAX_KEPT_LINE_BYTES}), for the parser: valid until the thread's next copy.
     */
    byte[] copy() {
      byte[] buffer = LINE_BUFFERS.get();
      if (buffer.length < length) {
        buffer = new byte[Math.max(length, Math.min(2 * buffer.length, MAX_KEPT_LINE_BYTES))];
        if (buffer.length <= MAX_KEPT_LINE_BYTES) {
          LINE_BUFFERS.set(buffer);
        }
      }
      return LineReader.copy(block, offset, length, buffer);
    }

    /** Gives the line's block back to the reader (on the reading thread, once the line is applied). */
    void release() {
      if (block != null) {
        block.release();
      }
    }

    void discard() throws IOException {
      if (prepared != null) {
        prepared.discard();
      }
    }
  }

  /** Reads, prepares (on the workers) and applies (here, in order) every line until the end or a stop. */
  private void applyAll(LineReader reader, IndexUpdate update, Run run, long totalBytes) throws IOException {
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "graphsnap-ingest");
      t.setDaemon(true);
      return t;
    }) : null;
    ArrayDeque<Future<List<Item>>> inFlight = new ArrayDeque<>();
    ReadAhead<Item> ahead = new ReadAhead<>(() -> readChunk(reader), READ_AHEAD_CHUNKS, "graphsnap-ingest-read");
    boolean more = true;
    try {
      while (!run.interrupted) {
        while (more && inFlight.size() < 2 * threads) {
          List<Item> chunk = ahead.take();
          if (chunk.isEmpty()) {
            more = false;
          } else if (pool == null) {
            inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(prepareAll(chunk, update)));
          } else {
            inFlight.add(pool.submit(() -> prepareAll(chunk, update)));
          }
        }
        if (inFlight.isEmpty()) {
          break;
        }
        List<Item> items = await(inFlight.poll());
        int i = 0;
        try {
          for (; i < items.size(); i++) {
            Item item = items.get(i);
            if (run.interrupted) {
              item.discard();
              continue;
            }
            run.line(item, update);
            item.release();
            run.linesRead = item.number;
            progress.onLine(item.number, item.bytesRead, totalBytes);
            run.interrupted = stopRequested.getAsBoolean();
          }
          if (!run.interrupted && checkpoints() && update.touchedPaths() >= checkpointFiles) {
            run.committed(update.checkpoint());
          }
        } finally {
          for (int rest = i + 1; rest < items.size(); rest++) { // only after a failure: discard what is left
            items.get(rest).discard();
          }
        }
      }
    } finally {
      for (List<Item> chunk : ahead.stop()) { // read, not yet prepared: only their blocks to give back
        for (Item item : chunk) {
          item.release();
        }
      }
      for (Future<List<Item>> future : inFlight) { // read ahead of a stop or a failure: delete their temporaries
        try {
          for (Item item : await(future)) {
            item.discard();
          }
        } catch (IOException | RuntimeException ignored) {
          // the first failure, if any, is the one reported
        }
      }
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  private static List<Item> readChunk(LineReader reader) throws IOException {
    List<Item> chunk = new ArrayList<>();
    long bytes = 0;
    while (chunk.size() < CHUNK_LINES && bytes < CHUNK_BYTES && reader.next()) {
      Item item = new Item(reader);
      chunk.add(item);
      bytes += item.length;
    }
    return chunk;
  }

  /** Parses each line and prepares its object, unless it is a known line; on a worker thread. */
  private List<Item> prepareAll(List<Item> chunk, IndexUpdate update) throws IOException {
    for (Item item : chunk) {
      if (!item.hasBytes()) {
        continue;
      }
      if (usesKnownLines()) {
        item.hash = KnownLines.hash(item.block.segment, item.offset, item.length);
        item.known = knownLines.lookup(item.hash, item.length);
        if (item.known != null) {
          continue; // the applying thread checks that the index still holds it
        }
      }
      prepare(item, update);
    }
    return chunk;
  }

  /** Parses one line and prepares its object. */
  private void prepare(Item item, IndexUpdate update) throws IOException {
    try {
      item.parsed = parser.parse(item.copy(), item.length);
    } catch (LineException e) {
      item.invalid = e;
      return;
    }
    if (item.parsed instanceof ParsedLine.Put put) {
      try {
        item.prepared = update.prepare(put.file());
      } catch (IllegalArgumentException e) {
        item.unstorable = e; // e.g. the encoded object is over the size limit; nothing was written
      }
    }
  }

  private static List<Item> await(Future<List<Item>> future) throws IOException {
    try {
      return Uninterruptibly.get(future); // a flag, not an interrupt, stops an ingest (see stopWhen)
    } catch (ExecutionException e) {
      throw TaskFailures.rethrow(e);
    }
  }

  /** The state of one ingest. */
  private final class Run {
    /** The paths of good lines, each with the number of the last good line about it. */
    final MentionedPaths goodLines = new MentionedPaths();
    /** With a shard: the same paths as strings, for {@link ShardScope#committed} (a shard's input is one file). */
    final Set<String> shardPaths = shard == null ? null : new HashSet<>();
    /** Paths of bad lines whose path was readable: kept by replace-all. */
    final Set<String> badLinePaths = new HashSet<>();
    long firstUnattributedBadLine = -1;
    long linesRead;
    long errorCount;
    final List<LineError> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    long conflictCount;
    final List<LineError> conflicts = new ArrayList<>();
    boolean interrupted;
    /** The lines this ingest stores (when known lines are used), for {@link KnownLines#replace}; else null. */
    final Map<Long, KnownLines.Known> stored = usesKnownLines() ? KnownLines.newRecord() : null;
    /** Known lines whose object the index still held: unchanged, not parsed. */
    int knownUnchanged;
    /**
     * Whether the index's files are as the ingest that stored the known lines left them (its files version is the
     * one recorded then): a known line needs no look-up unless an earlier line of this ingest touched its path.
     */
    final String filesVersionBefore = store.index().filesVersion();
    final boolean knownTrusted = usesKnownLines() && knownLines.filesVersion() != null
        && knownLines.filesVersion().equals(filesVersionBefore);

    /** What the commits (checkpoints) of this ingest changed so far. */
    UpdateSummary total = new UpdateSummary(0, 0, 0, 0, List.of());

    /** Counts a commit or checkpoint and keeps its warnings; returns what every commit so far changed in all. */
    UpdateSummary committed(UpdateSummary part) {
      part.warnings().forEach(this::warn);
      total = new UpdateSummary(total.added() + part.added(), total.changed() + part.changed(),
          total.unchanged() + part.unchanged(), total.deleted() + part.deleted(), List.of());
      return total;
    }

    IngestReport report(int added, int changed, int unchanged, int deleted, boolean refused) {
      return new IngestReport(linesRead, added, changed, unchanged, deleted, errorCount, errors, warnings,
          conflictCount, conflicts, refused, interrupted, knownUnchanged);
    }

    /** Checks {@code path} against the line's expectation, else the baseline's on its first change; false on a conflict. */
    boolean expectationHolds(long number, String path, ExpectedObject own, IndexUpdate update) throws IOException {
      ExpectedObject expected = own;
      if (expected == null && baseline != null && !goodLines.contains(path)) {
        expected = baseline.apply(path);
      }
      if (expected == null) {
        return true;
      }
      try {
        update.expect(path, expected);
        return true;
      } catch (WriteConflictException e) {
        conflictCount++;
        if (conflicts.size() < MAX_REPORTED) {
          conflicts.add(new LineError(number, e.getMessage()));
        }
        badLinePaths.add(path); // replace-all keeps it
        return false;
      }
    }

    void line(Item item, IndexUpdate update) throws IOException {
      long number = item.number;
      if (item.overLong) {
        error(number, null, "line is " + item.lineBytes + " bytes, longer than the limit of " + maxLineBytes
            + " bytes; skipped without reading it whole");
        return;
      }
      if (!item.hasBytes()) {
        return; // blank
      }
      if (item.known != null) {
        KnownLines.Known known = item.known;
        if ((shard == null || shard.ownerOf(known.path()) == null) && stillHeld(known)) {
          knownUnchanged++;
          stored.put(item.hash, known);
          mention(number, known.path());
          return;
        }
        prepare(item, update); // the index holds something else now (another writer, or an earlier line): parse it
      }
      if (item.invalid != null) {
        error(number, item.invalid.path(), item.invalid.getMessage());
        return;
      }
      ParsedLine parsed = item.parsed;
      String path = parsed.path();
      String owner = shard == null ? null : shard.ownerOf(path);
      if (owner != null) {
        item.discard();
        error(number, path, "path " + path + " is also listed in " + owner + ", which keeps it; a path belongs to one "
            + "shard: remove one of the two lines");
        return;
      }
      if (!expectationHolds(number, path, parsed.expect(), update)) {
        item.discard();
        return;
      }
      if (parsed instanceof ParsedLine.Unstorable unstorable) {
        error(number, path, unstorable.message());
        return;
      }
      if (parsed instanceof ParsedLine.Put) {
        if (item.unstorable != null) {
          error(number, path, item.unstorable.getMessage());
          return;
        }
        update.put(item.prepared);
        if (stored != null && parsed.expect() == null) {
          stored.put(item.hash, new KnownLines.Known(item.length, path, item.prepared.object().id()));
        }
      } else if (update.delete(path) == FileChange.ABSENT && !goodLines.contains(path)) {
        warn("line " + number + ": deleted path " + path + " is not in the store");
      }
      mention(number, path);
    }

    /**
     * Whether the index still holds {@code known}'s object for its path: at once while no writer changed any entry
     * since the remembering ingest ({@link #knownTrusted}) and no earlier line of this ingest touched the path,
     * else by looking the path up.
     */
    boolean stillHeld(KnownLines.Known known) {
      if (knownTrusted && !goodLines.contains(known.path())) {
        return true;
      }
      io.graphsnap.objects.FileEntry entry = store.index().file(known.path());
      return entry != null && entry.objectId().equals(known.id());
    }

    /** Records that good line {@code number} is about {@code path}; the later of two lines about one path wins. */
    void mention(long number, String path) {
      long previous = goodLines.put(path, number);
      if (shardPaths != null) {
        shardPaths.add(path);
      }
      if (previous != MentionedPaths.ABSENT) {
        warn("line " + number + ": path " + path + " already appeared on "
            + (previous == MentionedPaths.UNKNOWN_LINE ? "an earlier line" : "line " + previous)
            + "; the later line wins");
      }
    }

    void replaceAll(IndexUpdate update) throws IOException {
      if (firstUnattributedBadLine >= 0) {
        warn("--replace-all: no file was removed, because line " + firstUnattributedBadLine
            + " could not be read far enough to tell which file it describes");
        return;
      }
      java.util.Collection<String> owned = shard == null ? null : shard.ownedPaths();
      if (baseline == null && owned != null) { // a shard: only what it owned can go, no walk over the index
        for (String path : owned) {
          if (!goodLines.contains(path) && !badLinePaths.contains(path)) {
            update.delete(path);
          }
        }
        return;
      }
      if (baseline == null) {
        update.retainOnly(path -> goodLines.contains(path) || badLinePaths.contains(path)
            || shard != null && !shard.owns(path));
        return;
      }
      List<String> doomed = new ArrayList<>();
      store.index().forEachFile(e -> {
        if (!goodLines.contains(e.path()) && !badLinePaths.contains(e.path())
            && (shard == null || shard.owns(e.path()))) {
          doomed.add(e.path());
        }
      });
      for (String path : doomed) {
        if (expectationHolds(linesRead, path, null, update)) {
          update.delete(path);
        }
      }
    }

    /** The paths the input listed (good lines, and bad lines whose path was read) that no other shard owns. */
    Set<String> listed() {
      Set<String> listed = new HashSet<>(shardPaths);
      listed.addAll(badLinePaths);
      listed.removeIf(path -> shard.ownerOf(path) != null);
      return listed;
    }

    void error(long number, String path, String message) {
      errorCount++;
      if (errors.size() < MAX_REPORTED) {
        errors.add(new LineError(number, message));
      }
      if (path != null) {
        badLinePaths.add(path);
      } else if (firstUnattributedBadLine < 0) {
        firstUnattributedBadLine = number;
      }
    }

    void warn(String warning) {
      if (warnings.size() < MAX_REPORTED) {
        warnings.add(warning);
      }
    }
  }
}
