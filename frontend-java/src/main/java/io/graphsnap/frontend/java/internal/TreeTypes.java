package io.graphsnap.frontend.java.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole tree's declaration table: every named type the source tree declares ({@link FileDeclarations}),
 * with the running JDK's classes ({@link JdkClasses}, {@link JdkTypes}) and a class path
 * ({@link ClasspathTypes}) behind it, in that order of precedence. It answers what a file cannot see alone:
 * which types a package has, the member types a type inherits, and the methods, constructors and fields of
 * a type of another file (as a {@link JdkClasses.Info}, inherited members included).
 *
 * <p>Names written in another file are resolved in that file's scope, as javac would: the lexically
 * enclosing types and the member types they declare or inherit, the file's own top-level types,
 * single-type imports, single static imports of member types, the same package, {@code java.lang}, then
 * on-demand imports. Nothing is guessed: a name that resolves nowhere stays unresolved ({@code null}).
 *
 * <p>Determinism: the supertypes of every type are resolved once, at construction, in name order, so that
 * the answers depend only on the declarations (also for cyclic or broken inheritance, where depth limits
 * and an in-progress guard stop the walk). Two types of the same name: the file whose path sorts first wins.
 *
 * <p>Member infos are built by {@link MemberInfos}, supertype questions answered by {@link TreeHierarchy}; the
 * generic signatures of JDK classes come from {@link JdkGenerics}, and {@link TableDiff} compares two tables.
 *
 * <p>Thread-safe after construction; member infos are built on first use and cached.
 */
public final class TreeTypes {
  /** No source tree and no class path: only the running JDK. Files are then resolved alone (legacy rules). */
  public static final TreeTypes NONE = new TreeTypes(List.of(), ClasspathTypes.EMPTY, false);
  /** Bump when what extraction derives from the table changes, so that stored summaries are redone. */
  static final int RESOLUTION_VERSION = 4; // 3: calls edges carry their lines (sites); 4: inferred method type variables, implicit close()
  static final int MAX_DEPTH = 32;

  /** A type's supertypes, resolved: the superclass (null for interfaces, unresolved or Object itself) and interfaces. */
  record Supers(String superclass, List<String> interfaces) {
    static final Supers NONE = new Supers(null, List.of());

    List<String> all() {
      if (superclass == null) {
        return interfaces;
      }
      List<String> out = new ArrayList<>(interfaces.size() + 1);
      out.add(superclass);
      out.addAll(interfaces);
      return out;
    }
  }

  /** A file's import scope, for resolving the names it writes. */
  record Scope(String packageName, Map<String, String> topLevel, Map<String, String> singleImports,
      Map<String, String> staticSingle, List<String> onDemand, List<String> staticOnDemand) {}

  private final boolean wholeTree;
  private final ClasspathTypes classpath;
  private final Map<String, FileDeclarations.Type> types = new HashMap<>();
  private final Map<String, FileDeclarations> fileOf = new HashMap<>();
  private final Map<String, Map<String, String>> topLevelByPackage = new HashMap<>();
  private final Map<FileDeclarations, Scope> scopes = new HashMap<>();
  private final Map<String, Supers> supers = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final ConcurrentHashMap<String, Optional<JdkClasses.Info>> infos = new ConcurrentHashMap<>();

  private TreeTypes(Collection<FileDeclarations> files, ClasspathTypes classpath, boolean wholeTree) {
    this.wholeTree = wholeTree;
    this.classpath = classpath;
    List<FileDeclarations> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileDeclarations::path));
    for (FileDeclarations f : sorted) {
      for (FileDeclarations.Type t : f.types) {
        if (types.putIfAbsent(t.name(), t) == null) {
          fileOf.put(t.name(), f);
          if (t.outer() == null) {
            topLevelByPackage.computeIfAbsent(f.packageName, k -> new HashMap<>()).putIfAbsent(t.simpleName(), t.name());
          }
        }
      }
    }
    for (FileDeclarations f : sorted) {
      scopes.put(f, scopeOf(f));
    }
    for (String name : new TreeMap<>(types).keySet()) {
      supersOf(name);
    }
  }

  /**
   * SHA-256 of what a table holds besides the tree's declarations: the resolution rules' version, the
   * declarations' encoding version, the running JDK's version and the class path's class files.
   */
  public static byte[] externalFingerprint(ClasspathTypes classpath) {
    MessageDigest digest = Sha256.newDigest();
    digest.update(("graphsnap-java-resolution " + RESOLUTION_VERSION + " " + FileDeclarations.VERSION + " jdk "
        + Runtime.version()).getBytes(StandardCharsets.UTF_8));
    digest.update(classpath.fingerprint());
    return digest.digest();
  }

  /**
   * The fingerprint of the table of {@code files} with {@code classpath} behind it, without building the table:
   * the {@link #externalFingerprint} and each file's path and declarations, in path order. O(declaration bytes).
   */
  public static byte[] fingerprint(Collection<FileDeclarations> files, ClasspathTypes classpath) {
    List<FileDeclarations> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileDeclarations::path));
    MessageDigest digest = Sha256.newDigest();
    digest.update(externalFingerprint(classpath));
    for (FileDeclarations f : sorted) {
      digest.update(f.path.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(f.encodedSha256());
    }
    return digest.digest();
  }

  /** A table of {@code files} with {@code classpath} and the running JDK behind them. */
  public static TreeTypes of(Collection<FileDeclarations> files, ClasspathTypes classpath) {
    return new TreeTypes(files, classpath, true);
  }

  /** True when built from a whole source tree; false for {@link #NONE}. */
  boolean wholeTree() {
    return wholeTree;
  }

  /** The number of types declared by the tree. */
  public int size() {
    return types.size();
  }

  private Scope scopeOf(FileDeclarations f) {
    Map<String, String> top = new HashMap<>();
    for (FileDeclarations.Type t : f.types) {
      if (t.outer() == null) {
        top.putIfAbsent(t.simpleName(), t.name());
      }
    }
    Map<String, String> single = new LinkedHashMap<>();
    for (String s : f.singleImports) {
      single.putIfAbsent(s.substring(s.lastIndexOf('.') + 1), s);
    }
    Map<String, String> staticSingle = new LinkedHashMap<>();
    for (String s : f.staticSingleImports) {
      int dot = s.lastIndexOf('.');
      if (dot > 0) {
        staticSingle.putIfAbsent(s.substring(dot + 1), s.substring(0, dot));
      }
    }
    return new Scope(f.packageName, top, single, staticSingle, f.onDemandImports, f.staticOnDemandImports);
  }

  // ---- types and packages

  /** The qualified names of every type the tree declares (unordered, unmodifiable). */
  Set<String> typeNames() {
    return java.util.Collections.unmodifiableSet(types.keySet());
  }

  /** The declaration of tree type {@code qualified} (the file whose path sorts first wins), or null. */
  FileDeclarations.Type declaration(String qualified) {
    return types.get(qualified);
  }

  boolean declares(String qualified) {
    return types.containsKey(qualified);
  }

  /** True if {@code qualified} names a class of the tree, the JDK or the class path. */
  boolean exists(String qualified) {
    return qualified != null && (types.containsKey(qualified) || info(qualified) != null);
  }

  /** The type {@code pkg.simple} of the tree, the JDK or the class path, or null. */
  String typeInPackage(String pkg, String simple) {
    Map<String, String> top = topLevelByPackage.get(pkg);
    String q = top == null ? null : top.get(simple);
    if (q != null) {
      return q;
    }
    if (JdkTypes.exists(pkg, simple) || classpath.exists(pkg, simple)) {
      return Names.qualify(pkg, simple);
    }
    return null;
  }

  /** {@code simple} in package or type {@code container} (an on-demand import), or null. */
  String typeInContainer(String container, String simple) {
    String q = typeInPackage(container, simple);
    return q != null ? q : memberType(container, simple);
  }

  boolean isInterface(String qualified) {
    FileDeclarations.Type t = types.get(qualified);
    if (t != null) {
      return t.isInterface();
    }
    JdkClasses.Info i = info(qualified);
    return i != null && i.isInterface();
  }

  /** A member type named {@code simple} that {@code owner} declares or inherits, or null. */
  String memberType(String owner, String simple) {
    return memberType(owner, simple, new HashSet<>(), 0);
  }

  private String memberType(String owner, String simple, Set<String> visited, int depth) {
    if (owner == null || depth > MAX_DEPTH || !visited.add(owner)) {
      return null;
    }
    FileDeclarations.Type t = types.get(owner);
    if (t == null) {
      if (!wholeTree && JdkClasses.info(owner) == null) {
        return null;
      }
      JdkClasses.Info i = info(owner);
      return i == null ? null : i.memberTypes().get(simple);
    }
    if (t.memberTypes().contains(simple)) {
      return owner + "." + simple;
    }
    for (String s : supersOf(owner).all()) {
      String m = memberType(s, simple, visited, depth + 1);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  /** The resolved supertypes of a tree type ({@link Supers#NONE} for others). */
  Supers supersOf(String name) {
    Supers s = supers.get(name);
    if (s != null) {
      return s;
    }
    FileDeclarations.Type t = types.get(name);
    if (t == null || !inProgress.add(name)) {
      return Supers.NONE; // not a tree type, or a cycle being resolved (only during construction)
    }
    try {
      FileDeclarations f = fileOf.get(name);
      FileDeclarations.Type outer = t.outer() == null ? null : types.get(t.outer());
      String superclass = t.superclass() == null ? null : resolveWritten(outer, f, t.superclass());
      List<String> interfaces = new ArrayList<>(t.interfaces().size());
      for (String i : t.interfaces()) {
        String r = resolveWritten(outer, f, i);
        if (r != null && !r.equals(name)) {
          interfaces.add(r);
        }
      }
      s = new Supers(name.equals(superclass) ? null : superclass, List.copyOf(interfaces));
      supers.put(name, s);
      return s;
    } finally {
      inProgress.remove(name);
    }
  }

  // ---- resolving written names

  /**
   * The qualified name of a type written {@code written} (no array brackets) in file {@code file}, seen from
   * inside type {@code from} (null: at the top level of the file), or null if it resolves nowhere.
   */
  String resolveWritten(FileDeclarations.Type from, FileDeclarations file, String written) {
    if (written == null || written.equals(FileDeclarations.TYPE_VARIABLE) || written.isEmpty()) {
      return null;
    }
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String head = resolveSimple(from, file, first);
    if (head == null) {
      return dot < 0 ? null : written; // a qualified name as written
    }
    if (dot < 0) {
      return head;
    }
    String cur = head;
    for (String seg : written.substring(dot + 1).split("\\.")) {
      String m = memberType(cur, seg);
      cur = m != null ? m : cur + "." + seg;
    }
    return cur;
  }

  private String resolveSimple(FileDeclarations.Type from, FileDeclarations file, String n) {
    FileDeclarations.Type x = from;
    for (int depth = 0; x != null && depth < MAX_DEPTH; depth++) {
      if (x.simpleName().equals(n)) {
        return x.name();
      }
      String m = memberType(x.name(), n);
      if (m != null) {
        return m;
      }
      x = x.outer() == null ? null : types.get(x.outer());
    }
    Scope scope = scopes.get(file);
    return scope == null ? null : lookup(scope, n);
  }

  /** A simple type name at file level: own top-level types, imports, same package, {@code java.lang}, on demand. */
  String lookup(Scope s, String n) {
    String own = s.topLevel().get(n);
    if (own != null) {
      return own;
    }
    String single = s.singleImports().get(n);
    if (single != null) {
      return single;
    }
    String staticOwner = s.staticSingle().get(n);
    if (staticOwner != null) {
      String m = memberType(staticOwner, n);
      if (m != null) {
        return m;
      }
    }
    String same = typeInPackage(s.packageName(), n);
    if (same != null) {
      return same;
    }
    String lang = typeInPackage("java.lang", n);
    if (lang != null) {
      return lang;
    }
    for (String c : s.onDemand()) {
      String q = typeInContainer(c, n);
      if (q != null) {
        return q;
      }
    }
    for (String c : s.staticOnDemand()) {
      String q = memberType(c, n);
      if (q != null) {
        return q;
      }
    }
    if (staticOwner != null && Names.looksLikeType(n)) {
      return staticOwner + "." + n;
    }
    return null;
  }

  /** An erased type as written in {@code from}'s file ({@code Map.Entry[]}), or null if unknown. */
  TypeRef typeRef(FileDeclarations.Type from, String written) {
    if (written == null || written.equals(FileDeclarations.TYPE_VARIABLE)) {
      return null;
    }
    int dims = 0;
    String base = written;
    while (base.endsWith("[]")) {
      dims++;
      base = base.substring(0, base.length() - 2);
    }
    if (Erasure.isPrimitive(base)) {
      return base.equals("void") ? null : new TypeRef(base, dims, null);
    }
    String q = resolveWritten(from, fileOf.get(from.name()), base);
    return q == null ? null : new TypeRef(q, dims, null);
  }

  // ---- members

  /** The members of {@code qualified}: a tree type's (built here), else the JDK's, else the class path's; or null. */
  JdkClasses.Info info(String qualified) {
    if (qualified == null) {
      return null;
    }
    if (!types.containsKey(qualified)) {
      JdkClasses.Info jdk = JdkClasses.info(qualified);
      return jdk != null ? jdk : classpath.info(qualified);
    }
    Optional<JdkClasses.Info> cached = infos.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    JdkClasses.Info built = MemberInfos.build(this, qualified);
    infos.putIfAbsent(qualified, Optional.of(built));
    return built;
  }

  private final TreeHierarchy hierarchy = new TreeHierarchy(this);
  private final Generics generics = new Generics(this);

  /** Type arguments through the supertypes of this table's types, the JDK's and the class path's. */
  Generics generics() {
    return generics;
  }

  /**
   * The direct supertypes of tree type {@code name} (resolved, as {@link #supersOf}) with the type arguments
   * written for them, as templates over the type's own type parameters.
   */
  List<Generics.Super> genericSupers(String name) {
    FileDeclarations.Type t = types.get(name);
    if (t == null) {
      return null;
    }
    FileDeclarations f = fileOf.get(name);
    FileDeclarations.Type outer = t.outer() == null ? null : types.get(t.outer());
    List<JdkGenerics.Template> written = new ArrayList<>(t.genericSupers().size());
    for (String g : t.genericSupers()) {
      JdkGenerics.Template tpl = GenericSignatures.parse(g, typeParamNames(t), w -> resolveWritten(outer, f, w));
      if (tpl != null && tpl.typeVar() < 0) {
        written.add(tpl);
      }
    }
    Supers s = supersOf(name);
    List<String> all = new ArrayList<>(s.all());
    if ((t.isInterface() || all.isEmpty()) && !name.equals("java.lang.Object")) {
      all.add("java.lang.Object");
    }
    List<Generics.Super> out = new ArrayList<>(all.size());
    for (String sup : all) {
      List<JdkGenerics.Template> args = List.of();
      for (JdkGenerics.Template w : written) {
        if (w.name().equals(sup)) {
          args = w.args();
          break;
        }
      }
      out.add(new Generics.Super(sup, args));
    }
    return List.copyOf(out);
  }

  /** A written generic form ({@link GenericSignatures}) of a member of tree type {@code t}, as a template; or null. */
  JdkGenerics.Template template(FileDeclarations.Type t, String written) {
    if (written == null) {
      return null;
    }
    FileDeclarations f = fileOf.get(t.name());
    return GenericSignatures.parse(written, typeParamNames(t), w -> resolveWritten(t, f, w));
  }

  private static List<String> typeParamNames(FileDeclarations.Type t) {
    List<String> out = new ArrayList<>(t.typeParams().size());
    for (String p : t.typeParams()) {
      int colon = p.indexOf(':');
      out.add(colon < 0 ? p : p.substring(0, colon));
    }
    return out;
  }

  /** The erased first bounds of tree type {@code name}'s type parameters (null where none or unknown), or null. */
  List<TypeRef> typeParamBounds(String name) {
    FileDeclarations.Type t = types.get(name);
    if (t == null) {
      return null;
    }
    List<TypeRef> out = new ArrayList<>(t.typeParams().size());
    for (String p : t.typeParams()) {
      int colon = p.indexOf(':');
      out.add(colon < 0 ? null : typeRef(t, p.substring(colon + 1)));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** See {@link TreeHierarchy#overridden}. */
  String overridden(String supertype, String name, List<String> params) {
    return hierarchy.overridden(supertype, name, params);
  }

  /** See {@link TreeHierarchy#supertypeSimpleNames}. */
  Set<String> supertypeSimpleNames(String qualified) {
    return hierarchy.supertypeSimpleNames(qualified);
  }

  /**
   * The superclass of class {@code qualified} of the tree or the JDK ({@code java.lang.Object} for a tree class
   * that names none); null for Object, interfaces, class path classes and unknown types.
   */
  String superclassOf(String qualified) {
    if (declares(qualified)) {
      FileDeclarations.Type t = declaration(qualified);
      if (t.isInterface()) {
        return null;
      }
      String s = supersOf(qualified).superclass();
      return s != null ? s : t.superclass() == null ? "java.lang.Object" : null;
    }
    return JdkClasses.superclass(qualified);
  }

  /** See {@link TreeHierarchy#allSupertypes}. */
  List<String> allSupertypes(String name) {
    return hierarchy.allSupertypes(name);
  }

  /** The class path behind the table. */
  ClasspathTypes classpath() {
    return classpath;
  }
}
