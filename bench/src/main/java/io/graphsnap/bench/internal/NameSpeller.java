package io.graphsnap.bench.internal;

/**
 * How the synthetic graph spells its names, from the {@link NameRef}s it draws into a {@link FileDraft}: packages
 * ({@code org.acme.m<p/64>.p<p%64>}), Java classes ({@code <package>.C<file>}, tests {@code <package>.C<file>Test}),
 * Python modules ({@code py.m<p/64>.p<p%64>.mod<file>}), members ({@code <owner>#m<j>}, {@code <owner>.f<j>},
 * {@code <owner>#test<j>}), requirements ({@code req.R<file>.<j>}), external names ({@code ext.lib…}) and file
 * paths. All spelling is here, so that the generator deals in numbers and one piece of hot code writes the bytes.
 * Every piece is a checked {@link NameArena#word}, so names need no escaping. Immutable over the graph's
 * {@link PlanTable}; thread-safe.
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

  /**
   * Spells every name of {@code draft} into its arena: the path, the symbols in order (a member after its owner),
   * then the targets of the edges, which must be {@linkplain FileDraft#resolveTarget resolved}. O(size of the file).
   */
  public void spell(FileDraft draft) {
    NameArena n = draft.names();
    long path = draft.pathRef();
    draft.spellPath(spell(n, draft, path, plans.word(NameRef.file(path))));
    for (int i = 0, count = draft.symbolCount(); i < count; i++) {
      long ref = draft.symbolRef(i);
      int sort = NameRef.sort(ref);
      long plan = sort == NameRef.TYPE || sort == NameRef.TEST_CLASS ? plans.word(NameRef.file(ref)) : 0;
      draft.spellSymbol(i, spell(n, draft, ref, plan));
    }
    for (int e = 0, count = draft.edgeCount(); e < count; e++) {
      draft.spellTarget(e, spell(n, draft, draft.edgeRef(e), draft.targetPlan(e)));
    }
  }

  /**
   * Spells {@code ref} and returns its name number; {@code plan} is the packed plan of the file it names when it
   * names a file's type, member or path. (One method for every sort: it is compiled once, not into each loop.)
   */
  private int spell(NameArena n, FileDraft draft, long ref, long plan) {
    switch (NameRef.sort(ref)) {
      case NameRef.SYMBOL:
        return draft.symbolName(NameRef.index(ref));
      case NameRef.EXTERNAL_CALLABLE: {
        long k = NameRef.number(ref);
        return n.append(EXT_LIB).appendDecimal(k % 41).append(DOT_T).appendDecimal(k / 41 % 211).append(HASH_OP)
            .appendDecimal(k).end();
      }
      case NameRef.CALLABLE:
        appendTypeName(n, NameRef.file(ref), plan).append(PlanTable.role(plan) == FileRole.JAVA_MAIN ? HASH_M : DOT_F);
        return n.appendDecimal(NameRef.index(ref)).end();
      case NameRef.NO_CALLABLE:
        return n.append(NO_CALLABLE).end();
      case NameRef.EXTERNAL_TYPE: {
        long k = NameRef.number(ref);
        return n.append(EXT_LIB).appendDecimal(k % 41).append(DOT_TYPE).appendDecimal(k).end();
      }
      case NameRef.TYPE:
        return appendTypeName(n, NameRef.file(ref), plan).end();
      case NameRef.FIELD:
        return appendTypeName(n, NameRef.file(ref), plan).append(DOT_F).appendDecimal(NameRef.index(ref)).end();
      case NameRef.REQUIREMENT:
        return n.append(REQ_R).appendDecimal(NameRef.file(ref)).append(DOT).appendDecimal(NameRef.index(ref)).end();
      case NameRef.PACKAGE:
        return appendPackageName(n, NameRef.index(ref)).end();
      case NameRef.TEST_CLASS:
        return appendPackageName(n, PlanTable.packageIndex(plan)).append(DOT_C).appendDecimal(NameRef.file(ref))
            .append(TEST_SUFFIX).end();
      case NameRef.METHOD_OF:
        return appendMember(n, draft, ref, HASH_M);
      case NameRef.FIELD_OF:
        return appendMember(n, draft, ref, DOT_F);
      case NameRef.TEST_OF:
        return appendMember(n, draft, ref, HASH_TEST);
      case NameRef.PATH:
        return appendPath(n, NameRef.file(ref), plan).end();
      default:
        throw new IllegalArgumentException("name ref of sort " + NameRef.sort(ref) + " is not resolved");
    }
  }

  /** {@code <owner>SEPARATOR<j>}, the owner a symbol of the draft spelled before. */
  private static int appendMember(NameArena n, FileDraft draft, long ref, byte[] separator) {
    return n.appendName(draft.symbolName(NameRef.file(ref))).append(separator).appendDecimal(NameRef.index(ref)).end();
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

  /** Appends the path of {@code file}, whose packed plan is {@code plan}. */
  private static NameArena appendPath(NameArena n, int file, long plan) {
    int p = PlanTable.packageIndex(plan);
    return switch (PlanTable.role(plan)) {
      case JAVA_MAIN -> n.append(MAIN_JAVA_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63)
          .append(SLASH_C).appendDecimal(file).append(DOT_JAVA);
      case JAVA_TEST -> n.append(TEST_JAVA_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63)
          .append(SLASH_C).appendDecimal(file).append(TEST_JAVA);
      case PYTHON -> n.append(PY_DIR_M).appendDecimal(p >>> 6).append(SLASH_P).appendDecimal(p & 63)
          .append(SLASH_MOD).appendDecimal(file).append(DOT_PY);
      case REQUIREMENTS -> n.append(DOCS_REQ_R).appendDecimal(file).append(DOT_MD);
    };
  }
}
