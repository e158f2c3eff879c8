package io.graphsnap.frontend.java.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * <p>Thread-safe after construction; member infos are built on first use and cached.
 */
public final class TreeTypes {
  /** No source tree and no class path: only the running JDK. Files are then resolved alone (legacy rules). */
  public static final TreeTypes NONE = new TreeTypes(List.of(), ClasspathTypes.EMPTY, false);
  /** Bump when what extraction derives from the table changes, so that stored summaries are redone. */
  static final int RESOLUTION_VERSION = 1;
  private static final int MAX_DEPTH = 32;

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
  private final byte[] fingerprint;

  private TreeTypes(Collection<FileDeclarations> files, ClasspathTypes classpath, boolean wholeTree) {
    this.wholeTree = wholeTree;
    this.classpath = classpath;
    List<FileDeclarations> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileDeclarations::path));
    MessageDigest digest = Sha256.newDigest();
    digest.update(("graphsnap-java-resolution " + RESOLUTION_VERSION + " " + FileDeclarations.VERSION + " jdk "
        + Runtime.version()).getBytes(StandardCharsets.UTF_8));
    digest.update(classpath.fingerprint());
    for (FileDeclarations f : sorted) {
      digest.update(f.path.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Sha256.of(f.bytes()));
      for (FileDeclarations.Type t : f.types) {
        if (types.putIfAbsent(t.name(), t) == null) {
          fileOf.put(t.name(), f);
          if (t.outer() == null) {
            topLevelByPackage.computeIfAbsent(f.packageName, k -> new HashMap<>()).putIfAbsent(t.simpleName(), t.name());
          }
        }
      }
    }
    this.fingerprint = digest.digest();
    for (FileDeclarations f : sorted) {
      scopes.put(f, scopeOf(f));
    }
    for (String name : new TreeMap<>(types).keySet()) {
      supersOf(name);
    }
  }

  /** A table of {@code files} with {@code classpath} and the running JDK behind them. */
  public static TreeTypes of(Collection<FileDeclarations> files, ClasspathTypes classpath) {
    return new TreeTypes(files, classpath, true);
  }

  /** SHA-256 of everything the table holds (every file's declarations, the class path, the JDK version). */
  public byte[] fingerprint() {
    return fingerprint.clone();
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
    JdkClasses.Info built = build(qualified);
    infos.putIfAbsent(qualified, Optional.of(built));
    return built;
  }

  /** The tree types and the first non-tree supertypes of {@code name}, in the JVM's method resolution order. */
  private JdkClasses.Info build(String name) {
    FileDeclarations.Type self = types.get(name);
    List<String> order = new ArrayList<>(); // tree types
    List<String> external = new ArrayList<>(); // non-tree supertypes, in order
    String k = name;
    for (int depth = 0; k != null && depth < MAX_DEPTH && !order.contains(k); depth++) {
      if (!types.containsKey(k)) {
        external.add(k);
        break;
      }
      order.add(k);
      k = supersOf(k).superclass();
    }
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> seenTypes = new HashSet<>(order);
    for (String c : List.copyOf(order)) {
      queue.addAll(supersOf(c).interfaces());
    }
    while (!queue.isEmpty() && order.size() + external.size() < 512) {
      String i = queue.poll();
      if (!seenTypes.add(i)) {
        continue;
      }
      if (types.containsKey(i)) {
        order.add(i);
        queue.addAll(supersOf(i).interfaces());
      } else {
        external.add(i);
      }
    }
    if (self.isInterface()) {
      external.add("java.lang.Object");
    }
    Map<String, List<JdkClasses.JdkMethod>> methods = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Map<String, TypeRef> fields = new HashMap<>();
    Map<String, TypeRef> staticFields = new HashMap<>();
    Map<String, String> memberTypes = new HashMap<>();
    List<JdkClasses.JdkMethod> constructors = new ArrayList<>();
    // The superclass chain of tree classes, then the first non-tree superclass, then the interfaces.
    int chain = 0;
    while (chain < order.size() && (chain == 0 || !types.get(order.get(chain)).isInterface())) {
      chain++;
    }
    List<String> sequence = new ArrayList<>(order.subList(0, chain));
    boolean externalSuperclass = !self.isInterface() && !external.isEmpty() && k != null && k.equals(external.getFirst());
    if (externalSuperclass) {
      sequence.add(external.getFirst());
    }
    sequence.addAll(order.subList(chain, order.size()));
    sequence.addAll(externalSuperclass ? external.subList(1, external.size()) : external);
    for (String s : sequence) {
      FileDeclarations.Type t = types.get(s);
      if (t == null) {
        JdkClasses.Info i = JdkClasses.info(s);
        if (i == null) {
          i = classpath.info(s);
        }
        if (i != null) {
          for (Map.Entry<String, List<JdkClasses.JdkMethod>> e : i.methods().entrySet()) {
            for (JdkClasses.JdkMethod m : e.getValue()) {
              if (seen.add(m.name() + m.params())) {
                methods.computeIfAbsent(m.name(), n -> new ArrayList<>(2)).add(m);
              }
            }
          }
          i.fields().forEach(fields::putIfAbsent);
          i.staticFields().forEach(staticFields::putIfAbsent);
          i.memberTypes().forEach(memberTypes::putIfAbsent);
        }
        continue;
      }
      boolean own = s.equals(name);
      for (FileDeclarations.Method m : t.methods()) {
        if (m.name().equals("<init>")) {
          if (own) {
            constructors.add(new JdkClasses.JdkMethod(name, "<init>", m.params(), m.varargs(), null));
          }
          continue;
        }
        if (!own && (m.isPrivate() || m.isStatic() && t.isInterface())) {
          continue;
        }
        if (seen.add(m.name() + m.params())) {
          methods.computeIfAbsent(m.name(), n -> new ArrayList<>(2))
              .add(new JdkClasses.JdkMethod(s, m.name(), m.params(), m.varargs(), typeRef(t, m.returnType())));
        }
      }
      for (FileDeclarations.Field f : t.fields()) {
        if (!own && f.isPrivate()) {
          continue;
        }
        if (!fields.containsKey(f.name())) {
          TypeRef type = typeRef(t, f.type());
          if (type != null) {
            fields.put(f.name(), type);
            if (f.isStatic()) {
              staticFields.putIfAbsent(f.name(), type);
            }
          }
        }
      }
      for (String m : t.memberTypes()) {
        memberTypes.putIfAbsent(m, s + "." + m);
      }
    }
    methods.replaceAll((n, v) -> List.copyOf(v));
    return new JdkClasses.Info(self.isInterface(), Map.copyOf(methods), List.copyOf(constructors),
        Map.copyOf(staticFields), Map.copyOf(fields), Map.copyOf(memberTypes));
  }

  /**
   * The method that a method {@code name(params)} of a subtype overrides in {@code supertype} or its
   * supertypes: the nearest non-private, non-static declaration with the same erased parameters (a
   * parameter typed by a type variable there, or {@code Object} in a JDK or class path type, matches
   * anything); its symbol name, or null.
   */
  String overridden(String supertype, String name, List<String> params) {
    return overridden(supertype, name, params, new HashSet<>(), 0);
  }

  private String overridden(String s, String name, List<String> params, Set<String> visited, int depth) {
    if (s == null || depth > MAX_DEPTH || !visited.add(s)) {
      return null;
    }
    FileDeclarations.Type t = types.get(s);
    if (t == null) {
      JdkClasses.Info i = info(s);
      if (i == null) {
        return null;
      }
      JdkClasses.JdkMethod loose = null;
      int looseCount = 0;
      for (JdkClasses.JdkMethod c : i.methodsNamed(name)) {
        if (c.params().equals(params)) {
          return c.symbolName();
        }
        if (objectMatches(c.params(), params)) {
          loose = c;
          looseCount++;
        }
      }
      return looseCount == 1 ? loose.symbolName() : null;
    }
    for (FileDeclarations.Method m : t.methods()) {
      if (m.name().equals(name) && !m.isPrivate() && !m.isStatic() && m.params().size() == params.size()) {
        boolean same = true;
        for (int i = 0; i < params.size() && same; i++) {
          same = m.params().get(i).equals(params.get(i)) || m.typeVariableParam(i);
        }
        if (same) {
          return s + "#" + name + "(" + String.join(",", m.params()) + ")";
        }
      }
    }
    for (String up : supersOf(s).all()) {
      String found = overridden(up, name, params, visited, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean objectMatches(List<String> sup, List<String> sub) {
    if (sup.size() != sub.size()) {
      return false;
    }
    for (int i = 0; i < sup.size(); i++) {
      String p = sup.get(i);
      if (!p.equals(sub.get(i)) && !p.equals("Object") && !p.equals("Object[]") && !p.equals("Object...")) {
        return false;
      }
    }
    return true;
  }

  private final ConcurrentHashMap<String, Optional<Set<String>>> supertypeNames = new ConcurrentHashMap<>();

  /**
   * The simple names of {@code qualified} and of all its supertypes (tree, JDK and class path, {@code Object}
   * included), or null when the type or one of its supertypes is unknown (then nothing can be ruled out).
   */
  Set<String> supertypeSimpleNames(String qualified) {
    Optional<Set<String>> cached = supertypeNames.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    Set<String> names = new HashSet<>();
    names.add("Object");
    boolean known = collectSupertypeNames(qualified, names, new HashSet<>(), 0);
    Set<String> result = known ? Set.copyOf(names) : null;
    supertypeNames.putIfAbsent(qualified, Optional.ofNullable(result));
    return result;
  }

  private boolean collectSupertypeNames(String q, Set<String> names, Set<String> visited, int depth) {
    if (depth > MAX_DEPTH || !visited.add(q)) {
      return true;
    }
    names.add(Names.simpleName(q));
    if (types.containsKey(q)) {
      FileDeclarations.Type t = types.get(q);
      Supers s = supersOf(q);
      if (t.superclass() != null && s.superclass() == null && !q.equals("java.lang.Object")) {
        return false; // an unresolved superclass
      }
      if (s.interfaces().size() < t.interfaces().size()) {
        return false; // an unresolved interface
      }
      for (String up : s.all()) {
        if (!collectSupertypeNames(up, names, visited, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    List<String> jdk = JdkClasses.supertypes(q);
    if (jdk == null) {
      return false; // not a JDK class (class path types are not walked): unknown
    }
    for (String up : jdk) {
      names.add(Names.simpleName(up));
    }
    return true;
  }

  /** Every supertype of {@code name} (tree, JDK, class path), nearest first, without {@code name}. */
  List<String> allSupertypes(String name) {
    Set<String> out = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(supersOf(name).all());
    while (!queue.isEmpty() && out.size() < 256) {
      String s = queue.poll();
      if (!s.equals(name) && out.add(s)) {
        queue.addAll(supersOf(s).all());
      }
    }
    return new ArrayList<>(out);
  }
}
