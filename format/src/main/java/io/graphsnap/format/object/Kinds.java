package io.graphsnap.format.object;

import java.util.List;

/**
 * The symbol kinds graphsnap's own front ends write and its tools treat specially, named once. Kinds are an open
 * set (any analyzer may add its own); {@link #NAMESPACES} may be declared by several files and merge, and
 * {@link #EXTERNAL} is the builder's kind for a target no file defines. Stateless.
 */
public final class Kinds {
  /** A Java package (a namespace). */
  public static final String PACKAGE = "package";
  /** A module (a namespace). */
  public static final String MODULE = "module";
  /** A namespace of any other language. */
  public static final String NAMESPACE = "namespace";
  /** The kinds that several files may declare, merged into one node: module, namespace, package (sorted). */
  public static final List<String> NAMESPACES = List.of(MODULE, NAMESPACE, PACKAGE);
  /** The kind of a node no file defines (an unresolved edge target); set only by the builder. */
  public static final String EXTERNAL = "external";
  /** A class. */
  public static final String CLASS = "class";
  /** An interface. */
  public static final String INTERFACE = "interface";
  /** An enum type. */
  public static final String ENUM = "enum";
  /** A record type. */
  public static final String RECORD = "record";
  /** An annotation type. */
  public static final String ANNOTATION = "annotation";
  /** A method. */
  public static final String METHOD = "method";
  /** A constructor. */
  public static final String CONSTRUCTOR = "constructor";
  /** A field. */
  public static final String FIELD = "field";
  /** An enum constant. */
  public static final String ENUM_CONSTANT = "enum-constant";
  /** A test (a test method, or a test of any language). */
  public static final String TEST = "test";
  /** A function of a language without classes. */
  public static final String FN = "fn";
  /** A requirement that tests cover. */
  public static final String REQUIREMENT = "requirement";

  private Kinds() {}
}
