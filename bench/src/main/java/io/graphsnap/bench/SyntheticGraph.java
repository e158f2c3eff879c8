package io.graphsnap.bench;

import io.graphsnap.bench.internal.AffinePermutation;
import io.graphsnap.bench.internal.FileDraft;
import io.graphsnap.bench.internal.FilePlan;
import io.graphsnap.bench.internal.FileRole;
import io.graphsnap.bench.internal.NameSpeller;
import io.graphsnap.bench.internal.PlanTable;
import io.graphsnap.bench.internal.PowerLaw;
import io.graphsnap.bench.internal.RangeOwners;
import io.graphsnap.bench.internal.SummaryWords;
import io.graphsnap.bench.internal.NameRef;
import io.graphsnap.bench.internal.ZipfRanks;
import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.ObjectVisitor;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic synthetic code graph, served file by file as an {@link ObjectSource}: the same
 * (file count, seed) gives the same files on every run, and {@link #file(int)} regenerates any one file on its
 * own, so that a pass over a 1 M-file graph never holds more than one file's summary.
 *
 * <h2>What it looks like</h2>
 * <ul>
 *   <li><b>Files</b>: 73 % Java classes ({@code src/main/java/…/C<i>.java}), 15 % Java tests, 10 % Python modules,
 *       2 % requirement documents. Symbols per file are Pareto-distributed (tail exponent 2.2, mean about 12 for
 *       a Java class, capped at {@value FilePlan#MAX_PER_FILE} per sort).
 *   <li><b>Kinds</b>: {@code package} (one per folder, declared by every file in it and merged), {@code class},
 *       {@code interface}, {@code enum}, {@code method}, {@code field}, {@code module}, {@code fn}, {@code test},
 *       {@code requirement}, and {@code external} for unresolved targets.
 *   <li><b>Edges</b>: {@code contains} (package → class → members), {@code calls} (Pareto fan-out, mean about 7 per
 *       method; targets Zipf-distributed with exponent 0.9 over all functions and scattered by a seeded
 *       permutation, so that a few functions are hubs with a huge fan-in; 12 % go to external names, themselves
 *       Zipf-distributed), {@code references} (fields and types), {@code imports}, {@code extends},
 *       {@code implements}, {@code tests} and {@code covers} (tests to functions and requirements).
 *   <li><b>Effects</b>: on functions, independently: {@code log} 10 %, {@code io} 6 %, {@code db} 4 %,
 *       {@code net} 4 %, {@code fs} 3 %, {@code meta} 1 %, {@code unsafe} 0.5 %; {@code meta} on 2 % of classes.
 * </ul>
 * Names are ASCII, so UTF-16 order and code-point order agree.
 *
 * <p>Memory: the plans of all files (8 bytes each), three prefix-sum arrays (8 bytes a file each) and their
 * owner tables (at most 4 bytes a file each). Immutable and thread-safe: {@link #file(int)} may be called from
 * several threads ({@link #draft} too, each thread with its own draft).
 */
public final class SyntheticGraph implements ObjectSource {
  /** The seed every command uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20_261_123L;

  private static final String[] EFFECTS = {"log", "io", "db", "net", "fs", "meta", "unsafe"};
  private static final double[] EFFECT_SHARES = {0.10, 0.06, 0.04, 0.04, 0.03, 0.01, 0.005};
  private static final int[] EFFECT_BITS = effectBits();
  private static final int META = SummaryWords.effectBit("meta");
  private static final double EXTERNAL_CALL_SHARE = 0.12;
  private static final double CALL_EXPONENT = 0.9;
  private static final double TYPE_EXPONENT = 0.8;
  private static final long CONTENT_SALT = 0x5DEECE66DL;

  private final int fileCount;
  private final long seed;
  private final PlanTable plans;
  private final NameSpeller names;
  private final long[] callStart;
  private final long[] typeStart;
  private final long[] requirementStart;
  private final RangeOwners callOwners;
  private final RangeOwners typeOwners;
  private final RangeOwners requirementOwners;
  private final AffinePermutation callPermutation;
  private final AffinePermutation typePermutation;
  private final AffinePermutation filePermutation;
  private final long externalCallables;
  private final long externalTypes;
  private final ZipfRanks callRanks;
  private final ZipfRanks typeRanks;
  private final ZipfRanks fileRanks;
  private final ZipfRanks externalCallRanks;
  private final ZipfRanks externalTypeRanks;

  private SyntheticGraph(int fileCount, long seed) {
    if (fileCount < 1) {
      throw new IllegalArgumentException("a synthetic graph needs at least 1 file, not " + fileCount);
    }
    this.fileCount = fileCount;
    this.seed = seed;
    int packages = Math.max(1, fileCount / 24);
    this.plans = new PlanTable(fileCount);
    this.callStart = new long[fileCount + 1];
    this.typeStart = new long[fileCount + 1];
    this.requirementStart = new long[fileCount + 1];
    for (int i = 0; i < fileCount; i++) {
      FilePlan plan = FilePlan.draw(new SplittableRandom(fileSeed(i, 0)), packages);
      plans.set(i, plan);
      callStart[i + 1] = callStart[i] + plan.callTargets();
      typeStart[i + 1] = typeStart[i] + plan.typeTargets();
      requirementStart[i + 1] = requirementStart[i] + plan.requirementTargets();
    }
    this.names = new NameSpeller(plans);
    this.callOwners = new RangeOwners(callStart, fileCount);
    this.typeOwners = new RangeOwners(typeStart, fileCount);
    this.requirementOwners = new RangeOwners(requirementStart, fileCount);
    this.callPermutation = new AffinePermutation(Math.max(1, callStart[fileCount]), seed ^ 0x1111);
    this.typePermutation = new AffinePermutation(Math.max(1, typeStart[fileCount]), seed ^ 0x2222);
    this.filePermutation = new AffinePermutation(fileCount, seed ^ 0x3333);
    this.externalCallables = Math.max(64, callStart[fileCount] / 25);
    this.externalTypes = Math.max(32, typeStart[fileCount] / 10);
    this.callRanks = new ZipfRanks(Math.max(1, callStart[fileCount]), CALL_EXPONENT);
    this.typeRanks = new ZipfRanks(Math.max(1, typeStart[fileCount]), TYPE_EXPONENT);
    this.fileRanks = new ZipfRanks(fileCount, TYPE_EXPONENT);
    this.externalCallRanks = new ZipfRanks(externalCallables, CALL_EXPONENT);
    this.externalTypeRanks = new ZipfRanks(externalTypes, TYPE_EXPONENT);
  }

  /** The graph of {@code scale} from {@code seed}. O(files) to plan. */
  public static SyntheticGraph of(Scale scale, long seed) {
    return new SyntheticGraph(scale.files(), seed);
  }

  /** A graph of exactly {@code files} files from {@code seed}. O(files) to plan. */
  public static SyntheticGraph ofFiles(int files, long seed) {
    return new SyntheticGraph(files, seed);
  }

  /** The number of files. */
  public int fileCount() {
    return fileCount;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The number of symbols the files declare, package declarations counted once per file. O(files). */
  public long declaredSymbolCount() {
    long total = 0;
    for (int i = 0; i < fileCount; i++) {
      FilePlan p = plans.get(i);
      total += switch (p.role()) {
        case JAVA_MAIN -> 2L + p.callables() + p.fields();
        case JAVA_TEST -> 2L + p.callables();
        case PYTHON -> 1L + p.callables();
        case REQUIREMENTS -> p.callables();
      };
    }
    return total;
  }

  @Override
  public long size() {
    return fileCount;
  }

  /** Generates every file in index order and hands it to {@code visitor} with {@link #objectId}. */
  @Override
  public void forEach(ObjectVisitor visitor) throws IOException {
    for (int i = 0; i < fileCount; i++) {
      FileSummary summary = file(i);
      visitor.visit(objectId(summary), summary);
    }
  }

  /**
   * A cheap, deterministic object id for a generated file: the SHA-256 of its path (not of its encoding, which
   * a store would use; the snapshot records it but nothing in the benchmarks depends on it).
   */
  public static ObjectId objectId(FileSummary summary) {
    return ObjectId.fromBytes(ObjectId.sha256().digest(summary.path().getBytes(StandardCharsets.UTF_8)));
  }

  /** File {@code index}, generated afresh: the same summary on every call. O(size of the file). */
  public FileSummary file(int index) {
    FileDraft draft = new FileDraft();
    draft(index, draft);
    return draft.toSummary();
  }

  /**
   * Draws file {@code index} into {@code into} (cleared first) and spells it: the file {@link #file(int)}
   * returns, before {@link FileSummary} canonicalises it, with its names as bytes. The fast path for writers that
   * want bytes, not objects. O(size of the file).
   */
  public void draft(int index, FileDraft into) {
    FilePlan plan = plans.get(index);
    SplittableRandom random = new SplittableRandom(fileSeed(index, CONTENT_SALT));
    into.clear();
    switch (plan.role()) {
      case JAVA_MAIN -> javaMain(index, plan, random, into);
      case JAVA_TEST -> javaTest(index, plan, random, into);
      case PYTHON -> python(index, plan, random, into);
      case REQUIREMENTS -> requirements(index, plan, into);
    }
    resolveTargets(into);
    names.spell(into);
  }

  // ------------------------------------------------------------------------------------------- files

  private void javaMain(int i, FilePlan plan, SplittableRandom r, FileDraft d) {
    int members = plan.callables() + plan.fields();
    int end = 2 + members * 12;
    d.addSymbol(NameRef.of(NameRef.PACKAGE, 0, plan.packageIndex()), SummaryWords.PACKAGE, 0, 0, 0);
    int typeKind = plan.typeKind() == 1 ? SummaryWords.INTERFACE
        : plan.typeKind() == 2 ? SummaryWords.ENUM : SummaryWords.CLASS;
    d.addSymbol(NameRef.of(NameRef.TYPE, i, 0), typeKind, r.nextDouble() < 0.02 ? META : 0, 1, end);
    d.addEdge(0, SummaryWords.CONTAINS, NameRef.symbol(1));
    addTypeEdges(d, 1, SummaryWords.IMPORTS, PowerLaw.pareto(r, 3.0, 2.0, 200), 0.15, r);
    if (plan.typeKind() == 0 && r.nextDouble() < 0.35) {
      addTypeEdges(d, 1, SummaryWords.EXTENDS, 1, 0.2, r);
    }
    if (plan.typeKind() != 1 && r.nextDouble() < 0.25) {
      addTypeEdges(d, 1, SummaryWords.IMPLEMENTS, r.nextDouble() < 0.2 ? 2 : 1, 0.3, r);
    }
    int line = 3;
    for (int j = 0; j < plan.callables(); j++) {
      int span = 3 + r.nextInt(20);
      int self = d.addSymbol(NameRef.of(NameRef.METHOD_OF, 1, j), SummaryWords.METHOD, effects(r), line,
          line + span - 1);
      line += span;
      d.addEdge(1, SummaryWords.CONTAINS, NameRef.symbol(self));
      addCallEdges(d, self, PowerLaw.pareto(r, 5.0, 2.0, 400), r);
      addReferenceEdges(d, self, PowerLaw.pareto(r, 2.0, 2.0, 100), r);
    }
    for (int j = 0; j < plan.fields(); j++) {
      int self = d.addSymbol(NameRef.of(NameRef.FIELD_OF, 1, j), SummaryWords.FIELD, 0, line, line);
      line++;
      d.addEdge(1, SummaryWords.CONTAINS, NameRef.symbol(self));
      if (r.nextDouble() < 0.6) {
        addTypeEdges(d, self, SummaryWords.REFERENCES, 1, 0.3, r);
      }
    }
    d.file(NameRef.of(NameRef.PATH, i, 0), "java");
  }

  private void javaTest(int i, FilePlan plan, SplittableRandom r, FileDraft d) {
    d.addSymbol(NameRef.of(NameRef.PACKAGE, 0, plan.packageIndex()), SummaryWords.PACKAGE, 0, 0, 0);
    d.addSymbol(NameRef.of(NameRef.TEST_CLASS, i, 0), SummaryWords.CLASS, 0, 1, 2 + plan.callables() * 15);
    d.addEdge(0, SummaryWords.CONTAINS, NameRef.symbol(1));
    addTypeEdges(d, 1, SummaryWords.IMPORTS, PowerLaw.pareto(r, 2.0, 2.0, 100), 0.25, r);
    int line = 3;
    for (int j = 0; j < plan.callables(); j++) {
      int span = 5 + r.nextInt(20);
      int self = d.addSymbol(NameRef.of(NameRef.TEST_OF, 1, j), SummaryWords.TEST, 0, line, line + span - 1);
      line += span;
      d.addEdge(1, SummaryWords.CONTAINS, NameRef.symbol(self));
      addCallEdges(d, self, PowerLaw.pareto(r, 2.0, 2.0, 200), r);
      int tested = r.nextDouble() < 0.4 ? 2 : 1;
      for (int k = 0; k < tested; k++) {
        d.addEdge(self, SummaryWords.TESTS, internalCallTarget(r));
      }
      if (requirementStart[fileCount] > 0 && r.nextDouble() < 0.3) {
        d.addEdge(self, SummaryWords.COVERS, requirementTarget(r));
      }
    }
    d.file(NameRef.of(NameRef.PATH, i, 0), "java");
  }

  private void python(int i, FilePlan plan, SplittableRandom r, FileDraft d) {
    d.addSymbol(NameRef.of(NameRef.TYPE, i, 0), SummaryWords.MODULE, 0, 1, 1 + plan.callables() * 10);
    addTypeEdges(d, 0, SummaryWords.IMPORTS, PowerLaw.pareto(r, 2.0, 2.0, 100), 0.3, r);
    int line = 2;
    for (int j = 0; j < plan.callables(); j++) {
      int span = 2 + r.nextInt(15);
      int self = d.addSymbol(NameRef.of(NameRef.FIELD_OF, 0, j), SummaryWords.FN, effects(r), line, line + span - 1);
      line += span;
      d.addEdge(0, SummaryWords.CONTAINS, NameRef.symbol(self));
      addCallEdges(d, self, PowerLaw.pareto(r, 3.0, 2.0, 300), r);
      addReferenceEdges(d, self, PowerLaw.pareto(r, 1.0, 2.0, 50), r);
    }
    d.file(NameRef.of(NameRef.PATH, i, 0), "python");
  }

  private void requirements(int i, FilePlan plan, FileDraft d) {
    for (int j = 0; j < plan.callables(); j++) {
      d.addSymbol(NameRef.of(NameRef.REQUIREMENT, i, j), SummaryWords.REQUIREMENT, 0, 1 + 4 * j, 4 + 4 * j);
    }
    d.file(NameRef.of(NameRef.PATH, i, 0), "markdown");
  }

  // ------------------------------------------------------------------------------------------- edges

  /*
   * One method per sort of edge run, shared by the file builders: the draws are the same wherever the run is, and
   * the JIT compiles each run's loop once rather than into every builder (its compile time is a fixed cost, but a
   * large share of a medium-scale run's CPU).
   */

  /** Adds {@code count} edges of {@code type} from {@code source} to type targets. */
  private void addTypeEdges(FileDraft d, int source, int type, int count, double externalShare, SplittableRandom r) {
    for (int k = 0; k < count; k++) {
      d.addEdge(source, type, typeTarget(r, externalShare));
    }
  }

  /** Adds {@code count} {@code calls} edges from {@code source}. */
  private void addCallEdges(FileDraft d, int source, int count, SplittableRandom r) {
    for (int k = 0; k < count; k++) {
      d.addEdge(source, SummaryWords.CALLS, callTarget(r));
    }
  }

  /** Adds {@code count} {@code references} edges from {@code source}. */
  private void addReferenceEdges(FileDraft d, int source, int count, SplittableRandom r) {
    for (int k = 0; k < count; k++) {
      d.addEdge(source, SummaryWords.REFERENCES, referenceTarget(r));
    }
  }

  // ------------------------------------------------------------------------------------------- targets

  private long callTarget(SplittableRandom r) {
    if (r.nextDouble() < EXTERNAL_CALL_SHARE || callStart[fileCount] == 0) {
      return NameRef.ofNumber(NameRef.EXTERNAL_CALLABLE, externalCallRanks.sample(r));
    }
    return internalCallTarget(r);
  }

  private long internalCallTarget(SplittableRandom r) {
    if (callStart[fileCount] == 0) {
      return NameRef.of(NameRef.NO_CALLABLE, 0, 0);
    }
    return NameRef.ofNumber(NameRef.CALLABLE_AT, callPermutation.apply(callRanks.sample(r)));
  }

  private long typeTarget(SplittableRandom r, double externalShare) {
    long total = typeStart[fileCount];
    if (total == 0 || r.nextDouble() < externalShare) {
      return NameRef.ofNumber(NameRef.EXTERNAL_TYPE, externalTypeRanks.sample(r));
    }
    return NameRef.ofNumber(NameRef.TYPE_AT, typePermutation.apply(typeRanks.sample(r)));
  }

  private long referenceTarget(SplittableRandom r) {
    if (r.nextBoolean()) {
      return typeTarget(r, 0.2);
    }
    int file = (int) filePermutation.apply(fileRanks.sample(r));
    int fields = plans.fields(file);
    if (plans.role(file) == FileRole.JAVA_MAIN && fields > 0) {
      return NameRef.of(NameRef.FIELD, file, r.nextInt(fields));
    }
    return typeTarget(r, 0.2);
  }

  private long requirementTarget(SplittableRandom r) {
    long g = r.nextLong(requirementStart[fileCount]);
    int file = requirementOwners.owner(g);
    return NameRef.of(NameRef.REQUIREMENT, file, (int) (g - requirementStart[file]));
  }

  /**
   * Resolves every {@link NameRef#CALLABLE_AT} and {@link NameRef#TYPE_AT} of the draft to its file (and index
   * in the file), and gives every target that names a file's type or member the packed plan of that file, for
   * spelling. Done for all edges at once, after the draws, in a loop of independent look-ups, so that the processor
   * overlaps their cache misses: the prefix sums, owner tables and plans of a 10 M-file graph are hundreds of MB,
   * and a look-up in the middle of each draw would wait for each miss in turn.
   */
  private void resolveTargets(FileDraft d) {
    for (int e = 0, count = d.edgeCount(); e < count; e++) {
      long ref = d.edgeRef(e);
      switch (NameRef.sort(ref)) {
        case NameRef.CALLABLE_AT -> {
          long g = NameRef.number(ref);
          int file = callOwners.owner(g);
          d.resolveTarget(e, NameRef.of(NameRef.CALLABLE, file, (int) (g - callStart[file])), plans.word(file));
        }
        case NameRef.TYPE_AT -> {
          int file = typeOwners.owner(NameRef.number(ref));
          d.resolveTarget(e, NameRef.of(NameRef.TYPE, file, 0), plans.word(file));
        }
        case NameRef.FIELD -> d.resolveTarget(e, ref, plans.word(NameRef.file(ref)));
        default -> d.resolveTarget(e, ref, 0);
      }
    }
  }

  // ------------------------------------------------------------------------------------------- effects

  /** The effects of a function, each drawn independently in the order of {@link #EFFECTS}, as a bit set. */
  private static int effects(SplittableRandom r) {
    int set = 0;
    for (int e = 0; e < EFFECTS.length; e++) {
      if (r.nextDouble() < EFFECT_SHARES[e]) {
        set |= EFFECT_BITS[e];
      }
    }
    return set;
  }

  private static int[] effectBits() {
    int[] bits = new int[EFFECTS.length];
    for (int e = 0; e < EFFECTS.length; e++) {
      bits[e] = SummaryWords.effectBit(EFFECTS[e]);
    }
    return bits;
  }

  private long fileSeed(int index, long salt) {
    return PowerLaw.mix(seed * 0x9E3779B97F4A7C15L + index) ^ salt;
  }
}
