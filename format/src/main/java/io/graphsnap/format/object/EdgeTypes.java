package io.graphsnap.format.object;

/**
 * The edge types graphsnap's own front ends write and its analyses read, named once. Edge types are an open set
 * (any analyzer may add its own in JSON Lines); these are the ones with a meaning the tools rely on:
 * {@link #CALLS} is what {@code graphsnap effects} closes over, {@link #TESTS} and {@link #COVERS} link tests to
 * code and requirements. Stateless.
 */
public final class EdgeTypes {
  /** A function or method calls another. The effect closure follows these. */
  public static final String CALLS = "calls";
  /** A symbol names another (a type in a signature, a field read). */
  public static final String REFERENCES = "references";
  /** A namespace or type declares a member. */
  public static final String CONTAINS = "contains";
  /** A file or module imports a name. */
  public static final String IMPORTS = "imports";
  /** A class or interface extends another. */
  public static final String EXTENDS = "extends";
  /** A class implements an interface. */
  public static final String IMPLEMENTS = "implements";
  /** A method overrides another. */
  public static final String OVERRIDES = "overrides";
  /** A test exercises a symbol. */
  public static final String TESTS = "tests";
  /** A test or symbol covers a requirement. */
  public static final String COVERS = "covers";
  /** A document describes a symbol. */
  public static final String DESCRIBES = "describes";
  /** A module exports a package ({@code module-info.java}). */
  public static final String EXPORTS = "exports";
  /** A module opens a package ({@code module-info.java}). */
  public static final String OPENS = "opens";
  /** A module requires another ({@code module-info.java}). */
  public static final String REQUIRES = "requires";
  /** A module uses a service ({@code module-info.java}). */
  public static final String USES = "uses";
  /** A module provides a service ({@code module-info.java}). */
  public static final String PROVIDES = "provides";

  private EdgeTypes() {}
}
