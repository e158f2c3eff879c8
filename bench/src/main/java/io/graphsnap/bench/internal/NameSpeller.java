package io.graphsnap.bench.internal;

/**
 * How the synthetic graph spells its names and paths, into a {@link NameArena}: packages
 * ({@code org.acme.m<p/64>.p<p%64>}), Java types ({@code <package>.C<file>}), Python modules
 * ({@code py.m….p….mod<file>}), members ({@code #m<j>}, {@code .f<j>}, {@code #test<j>}), requirements
 * ({@code req.R<file>.<j>}), external names ({@code ext.lib…}) and file paths; and, in one loop,
 * {@linkplain #spellTargets the targets} of a draft's edges from their {@link TargetRef}s. Every piece is a
 * checked {@link NameArena#word}, so names need no escaping. Immutable over the graph's {@link PlanTable}.
 */
public final class NameSpeller {
  private static final byte[] DOCS_REQ_R = NameArena.word("docs/req/R");
  private static final byte[] DOT = NameArena.word(".");
  private static final byte[] DOT_C = NameArena.word(".C");
  private static final byte[] DOT_F = NameArena.word(".f");
  private static final byte[] DOT_JAVA = NameArena.word(".java");
  private static final byte[] DOT_MD = NameArena.word(".md");
  private static final byte[] DOT_MOD = NameArena.word(".mod");
  private static final byte[] DOT_P = NameArena.word(".p");
  private static final byte[] DOT_PY = NameArena.word(".py");
  private static final byte[] DOT_T = NameArena.word(".T");
  private static final byte[] DOT_TYPE = NameArena.word(".Type");
  private static final byte[] EXT_LIB = NameArena.word("ext.lib");
  private static final byte[] HASH_M = NameArena.word("#m");
  private static final byte[] HASH_OP = NameArena.word("#op");
  private static final byte[] HASH_TEST = NameArena.word("#test");
  private static final byte[] MAIN_JAVA_M = NameArena.word("src/main/java/org/acme/m");
  private static final byte[] NO_CALLABLE = NameArena.word("ext.lib0.T0#op0");
  private static final byte[] ORG_ACME_M = NameArena.word("org.acme.m");
  private static final byte[] PY_DIR_M = NameArena.word("py/m");
  private static final byte[] PY_M = NameArena.word("py.m");
  private static final byte[] REQ_R = NameArena.word("req.R");
  private static final byte[] SLASH_C = NameArena.word("/C");
  private static final byte[] SLASH_MOD = NameArena.word("/mod");
  private static final byte[] SLASH_P = NameArena.word("/p");
  private static final byte[] TEST_JAVA = NameArena.word("Test.java");
  private static final byte[] TEST_JAVA_M = NameArena.word("src/test/java/org/acme/m");
  private static final byte[] TEST_SUFFIX = NameArena.word("Test");

  private final PlanTable plans;

  /** Spells the names of the graph whose plans are {@code plans}. */
  public NameSpeller(PlanTable plans) {
    this.plans = plans;
  }

  /** Package {@code p}: {@code org.acme.m<p/64>.p<p%64>}. */
  public int packageName(NameArena n, int p) {
    return appendPackageName(n, p).end();
  }

  /** The type of file {@code file}: its Java class {@code <package>.C<file>} or its Python module. */
  public int typeName(NameArena n, int file) {
    return appendTypeName(n, file).end();
  }

  /** The test class of file {@code file} in the package named {@code packageName}: {@code <package>.C<file>Test}. */
  public int testClassName(NameArena n, int packageName, int file) {
    return n.appendName(packageName).append(DOT_C).appendDecimal(file).append(TEST_SUFFIX).end();
  }

  /** Method {@code j} of the class named {@code type}: {@code <type>#m<j>}. */
  public int methodName(NameArena n, int type, int j) {
    return n.appendName(type).append(HASH_M).appendDecimal(j).end();
  }

  /** Field {@code j} of a class, or function {@code j} of a module, named {@code owner}: {@code <owner>.f<j>}. */
  public int fieldName(NameArena n, int owner, int j) {
    return n.appendName(owner).append(DOT_F).appendDecimal(j).end();
  }

  /** Test method {@code j} of the test class named {@code type}: {@code <type>#test<j>}. */
  public int testName(NameArena n, int type, int j) {
    return n.appendName(type).append(HASH_TEST).appendDecimal(j).end();
  }

  /** Requirement {@code j} of requirements document {@code file}: {@code req.R<file>.<j>}. */
  public int requirementName(NameArena n, int file, int j) {
    return n.append(REQ_R).appendDecimal(file).append(DOT).appendDecimal(j).end();
  }

  /** The path of Java class file {@code file} in package {@code p}. */
  public int javaMainPath(NameArena n, int p, int file) {
    return n.append(MAIN_JAVA_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63).append(SLASH_C)
        .appendDecimal(file).append(DOT_JAVA).end();
  }

  /** The path of Java test file {@code file} in package {@code p}. */
  public int javaTestPath(NameArena n, int p, int file) {
    return n.append(TEST_JAVA_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63).append(SLASH_C)
        .appendDecimal(file).append(TEST_JAVA).end();
  }

  /** The path of Python file {@code file} in folder {@code p}. */
  public int pythonPath(NameArena n, int p, int file) {
    return n.append(PY_DIR_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63).append(SLASH_MOD)
        .appendDecimal(file).append(DOT_PY).end();
  }

  /** The path of requirements document {@code file}. */
  public int requirementsPath(NameArena n, int file) {
    return n.append(DOCS_REQ_R).appendDecimal(file).append(DOT_MD).end();
  }

  /**
   * Spells the target of every edge of {@code draft} from its resolved {@link TargetRef} and
   * {@linkplain FileDraft#targetPlan target's plan}. All target names are spelled here, in one loop, rather than
   * where each is drawn: one small piece of hot code, compiled once.
   */
  public void spellTargets(FileDraft draft) {
    NameArena n = draft.names();
    for (int e = 0, count = draft.edgeCount(); e < count; e++) {
      draft.spellTarget(e, spell(n, draft.edgeRef(e), draft.targetPlan(e)));
    }
  }

  /** Spells {@code ref}; {@code plan} is the packed plan of its file when it names a type or a member. */
  private int spell(NameArena n, long ref, long plan) {
    switch (TargetRef.sort(ref)) {
      case TargetRef.NAMED:
        return TargetRef.index(ref);
      case TargetRef.EXTERNAL_CALLABLE: {
        long k = TargetRef.number(ref);
        return n.append(EXT_LIB).appendDecimal(k % 41).append(DOT_T).appendDecimal(k / 41 % 211).append(HASH_OP)
            .appendDecimal(k).end();
      }
      case TargetRef.CALLABLE:
        appendTypeName(n, TargetRef.file(ref), plan).append(PlanTable.role(plan) == FileRole.JAVA_MAIN ? HASH_M : DOT_F);
        return n.appendDecimal(TargetRef.index(ref)).end();
      case TargetRef.NO_CALLABLE:
        return n.append(NO_CALLABLE).end();
      case TargetRef.EXTERNAL_TYPE: {
        long k = TargetRef.number(ref);
        return n.append(EXT_LIB).appendDecimal(k % 41).append(DOT_TYPE).appendDecimal(k).end();
      }
      case TargetRef.TYPE:
        return appendTypeName(n, TargetRef.file(ref), plan).end();
      case TargetRef.FIELD:
        return appendTypeName(n, TargetRef.file(ref), plan).append(DOT_F).appendDecimal(TargetRef.index(ref)).end();
      case TargetRef.REQUIREMENT:
        return requirementName(n, TargetRef.file(ref), TargetRef.index(ref));
      default:
        throw new IllegalArgumentException("target ref of sort " + TargetRef.sort(ref) + " is not resolved");
    }
  }

  private NameArena appendTypeName(NameArena n, int file) {
    return appendTypeName(n, file, plans.word(file));
  }

  /** Appends the type name of {@code file}, whose packed plan is {@code plan}. */
  private static NameArena appendTypeName(NameArena n, int file, long plan) {
    int p = PlanTable.packageIndex(plan);
    if (PlanTable.role(plan) == FileRole.PYTHON) {
      return n.append(PY_M).appendDecimal(p >>> 6).append(DOT_P).appendDecimal(p & 63).append(DOT_MOD)
          .appendDecimal(file);
    }
    return appendPackageName(n, p).append(DOT_C).appendDecimal(file);
  }

  private static NameArena appendPackageName(NameArena n, int p) {
    return n.append(ORG_ACME_M).appendDecimal(p >>> 6).append(DOT_P).appendDecimal(p & 63);
  }
}
