package io.graphsnap.bench;

import io.graphsnap.bench.internal.AffinePermutation;
import io.graphsnap.bench.internal.FilePlan;
import io.graphsnap.bench.internal.FileRole;
import io.graphsnap.bench.internal.PowerLaw;
import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.ObjectVisitor;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Kinds;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Memory: the plans of all files (about 40 bytes each) and three prefix-sum arrays. Immutable and
 * thread-safe: {@link #file(int)} may be called from several threads.
 */
public final class SyntheticGraph implements ObjectSource {
  /** The seed every command uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20_261_123L;

  private static final String[] EFFECTS = {"log", "io", "db", "net", "fs", "meta", "unsafe"};
  private static final double[] EFFECT_SHARES = {0.10, 0.06, 0.04, 0.04, 0.03, 0.01, 0.005};
  private static final double EXTERNAL_CALL_SHARE = 0.12;
  private static final double CALL_EXPONENT = 0.9;
  private static final double TYPE_EXPONENT = 0.8;
  private static final long CONTENT_SALT = 0x5DEECE66DL;

  private final int fileCount;
  private final long seed;
  private final FilePlan[] plans;
  private final long[] callStart;
  private final long[] typeStart;
  private final long[] requirementStart;
  private final AffinePermutation callPermutation;
  private final AffinePermutation typePermutation;
  private final AffinePermutation filePermutation;
  private final long externalCallables;
  private final long externalTypes;

  private SyntheticGraph(int fileCount, long seed) {
    if (fileCount < 1) {
      throw new IllegalArgumentException("a synthetic graph needs at least 1 file, not " + fileCount);
    }
    this.fileCount = fileCount;
    this.seed = seed;
    int packages = Math.max(1, fileCount / 24);
    this.plans = new FilePlan[fileCount];
    this.callStart = new long[fileCount + 1];
    this.typeStart = new long[fileCount + 1];
    this.requirementStart = new long[fileCount + 1];
    for (int i = 0; i < fileCount; i++) {
      FilePlan plan = FilePlan.draw(new SplittableRandom(fileSeed(i, 0)), packages);
      plans[i] = plan;
      callStart[i + 1] = callStart[i] + plan.callTargets();
      typeStart[i + 1] = typeStart[i] + plan.typeTargets();
      requirementStart[i + 1] = requirementStart[i] + plan.requirementTargets();
    }
    this.callPermutation = new AffinePermutation(Math.max(1, callStart[fileCount]), seed ^ 0x1111);
    this.typePermutation = new AffinePermutation(Math.max(1, typeStart[fileCount]), seed ^ 0x2222);
    this.filePermutation = new AffinePermutation(fileCount, seed ^ 0x3333);
    this.externalCallables = Math.max(64, callStart[fileCount] / 25);
    this.externalTypes = Math.max(32, typeStart[fileCount] / 10);
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
    for (FilePlan p : plans) {
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
    FilePlan plan = plans[index];
    SplittableRandom random = new SplittableRandom(fileSeed(index, CONTENT_SALT));
    return switch (plan.role()) {
      case JAVA_MAIN -> javaMain(index, plan, random);
      case JAVA_TEST -> javaTest(index, plan, random);
      case PYTHON -> python(index, plan, random);
      case REQUIREMENTS -> requirements(index, plan);
    };
  }

  // ------------------------------------------------------------------------------------------- files

  private FileSummary javaMain(int i, FilePlan plan, SplittableRandom r) {
    String pkg = packageName(plan.packageIndex());
    String type = typeName(i);
    List<SymbolSummary> symbols = new ArrayList<>(2 + plan.callables() + plan.fields());
    List<EdgeSummary> edges = new ArrayList<>();
    int members = plan.callables() + plan.fields();
    int end = 2 + members * 12;
    symbols.add(SymbolSummary.of(pkg, Kinds.PACKAGE, 0, 0));
    String typeKind = plan.typeKind() == 1 ? Kinds.INTERFACE : plan.typeKind() == 2 ? Kinds.ENUM : Kinds.CLASS;
    symbols.add(symbol(type, typeKind, r.nextDouble() < 0.02 ? List.of("meta") : List.of(), 1, end));
    edges.add(new EdgeSummary(0, EdgeTypes.CONTAINS, type));
    int imports = PowerLaw.pareto(r, 3.0, 2.0, 200);
    for (int k = 0; k < imports; k++) {
      edges.add(new EdgeSummary(1, EdgeTypes.IMPORTS, typeTarget(r, 0.15)));
    }
    if (plan.typeKind() == 0 && r.nextDouble() < 0.35) {
      edges.add(new EdgeSummary(1, EdgeTypes.EXTENDS, typeTarget(r, 0.2)));
    }
    if (plan.typeKind() != 1 && r.nextDouble() < 0.25) {
      int n = r.nextDouble() < 0.2 ? 2 : 1;
      for (int k = 0; k < n; k++) {
        edges.add(new EdgeSummary(1, EdgeTypes.IMPLEMENTS, typeTarget(r, 0.3)));
      }
    }
    int line = 3;
    for (int j = 0; j < plan.callables(); j++) {
      int self = symbols.size();
      int span = 3 + r.nextInt(20);
      String name = type + "#m" + j;
      symbols.add(symbol(name, Kinds.METHOD, effects(r), line, line + span - 1));
      line += span;
      edges.add(new EdgeSummary(1, EdgeTypes.CONTAINS, name));
      int calls = PowerLaw.pareto(r, 5.0, 2.0, 400);
      for (int k = 0; k < calls; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.CALLS, callTarget(r)));
      }
      int refs = PowerLaw.pareto(r, 2.0, 2.0, 100);
      for (int k = 0; k < refs; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.REFERENCES, referenceTarget(r)));
      }
    }
    for (int j = 0; j < plan.fields(); j++) {
      int self = symbols.size();
      String name = type + ".f" + j;
      symbols.add(symbol(name, "field", List.of(), line, line));
      line++;
      edges.add(new EdgeSummary(1, EdgeTypes.CONTAINS, name));
      if (r.nextDouble() < 0.6) {
        edges.add(new EdgeSummary(self, EdgeTypes.REFERENCES, typeTarget(r, 0.3)));
      }
    }
    return new FileSummary(javaPath("src/main/java/", plan.packageIndex(), "C" + i), "java", null, symbols, edges);
  }

  private FileSummary javaTest(int i, FilePlan plan, SplittableRandom r) {
    String pkg = packageName(plan.packageIndex());
    String type = pkg + ".C" + i + "Test";
    List<SymbolSummary> symbols = new ArrayList<>(2 + plan.callables());
    List<EdgeSummary> edges = new ArrayList<>();
    symbols.add(SymbolSummary.of(pkg, Kinds.PACKAGE, 0, 0));
    symbols.add(symbol(type, Kinds.CLASS, List.of(), 1, 2 + plan.callables() * 15));
    edges.add(new EdgeSummary(0, EdgeTypes.CONTAINS, type));
    int imports = PowerLaw.pareto(r, 2.0, 2.0, 100);
    for (int k = 0; k < imports; k++) {
      edges.add(new EdgeSummary(1, EdgeTypes.IMPORTS, typeTarget(r, 0.25)));
    }
    int line = 3;
    for (int j = 0; j < plan.callables(); j++) {
      int self = symbols.size();
      String name = type + "#test" + j;
      int span = 5 + r.nextInt(20);
      symbols.add(symbol(name, Kinds.TEST, List.of(), line, line + span - 1));
      line += span;
      edges.add(new EdgeSummary(1, EdgeTypes.CONTAINS, name));
      int calls = PowerLaw.pareto(r, 2.0, 2.0, 200);
      for (int k = 0; k < calls; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.CALLS, callTarget(r)));
      }
      int tested = r.nextDouble() < 0.4 ? 2 : 1;
      for (int k = 0; k < tested; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.TESTS, internalCallTarget(r)));
      }
      if (requirementStart[fileCount] > 0 && r.nextDouble() < 0.3) {
        edges.add(new EdgeSummary(self, EdgeTypes.COVERS, requirementTarget(r)));
      }
    }
    return new FileSummary(javaPath("src/test/java/", plan.packageIndex(), "C" + i + "Test"), "java", null,
        symbols, edges);
  }

  private FileSummary python(int i, FilePlan plan, SplittableRandom r) {
    String module = typeName(i);
    List<SymbolSummary> symbols = new ArrayList<>(1 + plan.callables());
    List<EdgeSummary> edges = new ArrayList<>();
    symbols.add(symbol(module, Kinds.MODULE, List.of(), 1, 1 + plan.callables() * 10));
    int imports = PowerLaw.pareto(r, 2.0, 2.0, 100);
    for (int k = 0; k < imports; k++) {
      edges.add(new EdgeSummary(0, EdgeTypes.IMPORTS, typeTarget(r, 0.3)));
    }
    int line = 2;
    for (int j = 0; j < plan.callables(); j++) {
      int self = symbols.size();
      String name = module + ".f" + j;
      int span = 2 + r.nextInt(15);
      symbols.add(symbol(name, Kinds.FN, effects(r), line, line + span - 1));
      line += span;
      edges.add(new EdgeSummary(0, EdgeTypes.CONTAINS, name));
      int calls = PowerLaw.pareto(r, 3.0, 2.0, 300);
      for (int k = 0; k < calls; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.CALLS, callTarget(r)));
      }
      int refs = PowerLaw.pareto(r, 1.0, 2.0, 50);
      for (int k = 0; k < refs; k++) {
        edges.add(new EdgeSummary(self, EdgeTypes.REFERENCES, referenceTarget(r)));
      }
    }
    int p = plan.packageIndex();
    return new FileSummary("py/m" + (p >>> 6) + "/p" + (p & 63) + "/mod" + i + ".py", "python", null, symbols, edges);
  }

  private FileSummary requirements(int i, FilePlan plan) {
    List<SymbolSummary> symbols = new ArrayList<>(plan.callables());
    for (int j = 0; j < plan.callables(); j++) {
      symbols.add(SymbolSummary.of(requirementName(i, j), "requirement", 1 + 4 * j, 4 + 4 * j));
    }
    return new FileSummary("docs/req/R" + i + ".md", "markdown", null, symbols, List.of());
  }

  // ------------------------------------------------------------------------------------------- targets

  private String callTarget(SplittableRandom r) {
    if (r.nextDouble() < EXTERNAL_CALL_SHARE || callStart[fileCount] == 0) {
      long k = PowerLaw.zipf(r, externalCallables, CALL_EXPONENT);
      return "ext.lib" + (k % 41) + ".T" + (k / 41 % 211) + "#op" + k;
    }
    return internalCallTarget(r);
  }

  private String internalCallTarget(SplittableRandom r) {
    long total = callStart[fileCount];
    if (total == 0) {
      return "ext.lib0.T0#op0";
    }
    long g = callPermutation.apply(PowerLaw.zipf(r, total, CALL_EXPONENT));
    int file = owner(callStart, g);
    int j = (int) (g - callStart[file]);
    String type = typeName(file);
    return plans[file].role() == FileRole.JAVA_MAIN ? type + "#m" + j : type + ".f" + j;
  }

  private String typeTarget(SplittableRandom r, double externalShare) {
    long total = typeStart[fileCount];
    if (total == 0 || r.nextDouble() < externalShare) {
      long k = PowerLaw.zipf(r, externalTypes, TYPE_EXPONENT);
      return "ext.lib" + (k % 41) + ".Type" + k;
    }
    long g = typePermutation.apply(PowerLaw.zipf(r, total, TYPE_EXPONENT));
    return typeName(owner(typeStart, g));
  }

  private String referenceTarget(SplittableRandom r) {
    if (r.nextBoolean()) {
      return typeTarget(r, 0.2);
    }
    int file = (int) filePermutation.apply(PowerLaw.zipf(r, fileCount, TYPE_EXPONENT));
    FilePlan plan = plans[file];
    if (plan.role() == FileRole.JAVA_MAIN && plan.fields() > 0) {
      return typeName(file) + ".f" + r.nextInt(plan.fields());
    }
    return typeTarget(r, 0.2);
  }

  private String requirementTarget(SplittableRandom r) {
    long g = r.nextLong(requirementStart[fileCount]);
    int file = owner(requirementStart, g);
    return requirementName(file, (int) (g - requirementStart[file]));
  }

  /** The file whose range [start[f], start[f+1]) holds {@code g}: the last f with start[f] <= g. */
  private int owner(long[] start, long g) {
    int lo = 0;
    int hi = fileCount - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // ------------------------------------------------------------------------------------------- names

  private String typeName(int file) {
    FilePlan plan = plans[file];
    int p = plan.packageIndex();
    return plan.role() == FileRole.PYTHON ? "py.m" + (p >>> 6) + ".p" + (p & 63) + ".mod" + file
        : packageName(p) + ".C" + file;
  }

  private static String packageName(int p) {
    return "org.acme.m" + (p >>> 6) + ".p" + (p & 63);
  }

  private static String requirementName(int file, int j) {
    return "req.R" + file + "." + j;
  }

  private static String javaPath(String root, int p, String simpleName) {
    return root + "org/acme/m" + (p >>> 6) + "/p" + (p & 63) + "/" + simpleName + ".java";
  }

  private static List<String> effects(SplittableRandom r) {
    List<String> out = null;
    for (int e = 0; e < EFFECTS.length; e++) {
      if (r.nextDouble() < EFFECT_SHARES[e]) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(EFFECTS[e]);
      }
    }
    return out == null ? List.of() : out;
  }

  private static SymbolSummary symbol(String name, String kind, List<String> effects, int start, int end) {
    return new SymbolSummary(name, kind, effects, start, end, null, List.of(), null);
  }

  private long fileSeed(int index, long salt) {
    return PowerLaw.mix(seed * 0x9E3779B97F4A7C15L + index) ^ salt;
  }
}
