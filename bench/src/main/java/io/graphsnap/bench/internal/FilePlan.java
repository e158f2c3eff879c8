package io.graphsnap.bench.internal;

import java.util.SplittableRandom;

/**
 * The shape of one synthetic file, drawn from its own seeded generator before its content: its role, package,
 * and how many symbols of each sort it declares. The shapes of all files are known up front (a few bytes each),
 * so that an edge can name a symbol of any other file without generating that file.
 *
 * @param role what the file is
 * @param packageIndex the package (Java) or folder (Python) the file lives in
 * @param typeKind for Java main files: 0 class, 1 interface, 2 enum; otherwise 0
 * @param callables methods (Java main), test methods (tests), functions (Python), requirements (requirements files)
 * @param fields fields (Java main only)
 */
public record FilePlan(FileRole role, int packageIndex, int typeKind, int callables, int fields) {
  /** Most symbols of one sort in one file. */
  public static final int MAX_PER_FILE = 4_000;

  /** The plan of the file whose generator is {@code random}, with {@code packages} packages in all. */
  public static FilePlan draw(SplittableRandom random, int packages) {
    double u = random.nextDouble();
    int pkg = random.nextInt(packages);
    if (u < 0.02) {
      return new FilePlan(FileRole.REQUIREMENTS, pkg, 0, 1 + PowerLaw.pareto(random, 2.4, 2.0, MAX_PER_FILE), 0);
    }
    if (u < 0.17) {
      return new FilePlan(FileRole.JAVA_TEST, pkg, 0, 1 + PowerLaw.pareto(random, 3.0, 2.2, MAX_PER_FILE), 0);
    }
    if (u < 0.27) {
      return new FilePlan(FileRole.PYTHON, pkg, 0, 1 + PowerLaw.pareto(random, 4.5, 2.2, MAX_PER_FILE), 0);
    }
    double t = random.nextDouble();
    int typeKind = t < 0.10 ? 1 : t < 0.13 ? 2 : 0;
    int members = 1 + PowerLaw.pareto(random, 6.0, 2.2, MAX_PER_FILE);
    int methods = Math.max(1, (int) Math.round(members * 0.7));
    return new FilePlan(FileRole.JAVA_MAIN, pkg, typeKind, methods, members - methods);
  }

  /** Functions and methods other files may call: the callables of Java main and Python files. */
  public int callTargets() {
    return role == FileRole.JAVA_MAIN || role == FileRole.PYTHON ? callables : 0;
  }

  /** Types (classes, modules) other files may import or extend: one for Java main and Python files. */
  public int typeTargets() {
    return role == FileRole.JAVA_MAIN || role == FileRole.PYTHON ? 1 : 0;
  }

  /** Requirements tests may cover. */
  public int requirementTargets() {
    return role == FileRole.REQUIREMENTS ? callables : 0;
  }
}
