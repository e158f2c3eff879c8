package io.graphsnap.bench.internal;

/** What a synthetic file is: it decides the file's path, language, symbol kinds and edge types. */
public enum FileRole {
  /** A Java class file: a package, a class (or interface or enum), methods and fields. */
  JAVA_MAIN,
  /** A Java test class: a package, a class and test methods that call, test and cover. */
  JAVA_TEST,
  /** A Python module: a module and its functions. */
  PYTHON,
  /** A requirements document: requirement symbols, the targets of {@code covers} edges. */
  REQUIREMENTS
}
