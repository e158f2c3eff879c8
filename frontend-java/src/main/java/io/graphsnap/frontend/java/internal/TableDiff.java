package io.graphsnap.frontend.java.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The names through which a file can see that one declaration table differs from another: a file that
 * writes none of them (as an identifier anywhere in its text) resolves exactly as before, so its stored
 * summary stays valid. Both tables must have the same class path and JDK behind them.
 *
 * <p>The rule. A file reads the table only through queries keyed by a type: its members ({@code info}), its
 * declared methods ({@code overridden}), its supertypes ({@code supersOf}, {@code allSupertypes},
 * {@code supertypeSimpleNames}), its kind, its member types, and whether a type {@code pkg.Name} exists. For
 * every tree type of either table, this class compares all of these answers (resolved, not as written), and
 * for each type whose answers differ it adds:
 * <ol>
 *   <li>the type's simple name, when it was added or removed, its supertypes or kind changed, its constructors
 *       changed, or it is an interface whose members changed: a file reaches a type by writing its name
 *       (qualified names and imports included), or through a member of another type whose declared type is it,
 *       or through a literal or an implicit supertype (the {@link #IMPLICIT} names, which every file is taken to
 *       write). When only a class's members changed (its hierarchy and constructors equal) and it is not one of
 *       the {@link #IMPLICIT} types, its name is not a word: every question a file asks about a member is keyed by the member's name (calls, field reads,
 *       member types, overriding, static imports), so a file that writes none of the changed members' names
 *       asks only questions whose answers are equal (the implicit {@code close()} of {@code try} is counted as
 *       written, {@link io.graphsnap.frontend.java.DeclarationChange}; an enhanced {@code for} reads the
 *       supertypes, which are equal);
 *   <li>the names of its members whose entries differ (methods, constructors as the type's name, fields,
 *       member types), inherited members included: a file reaches a member by writing its name, or declares
 *       an overriding method of that name;
 *   <li>when its supertypes or kind changed (subtyping decides overloads, and any member may now be found
 *       elsewhere), the names of all its members in both tables;
 *   <li>when its supertypes, kind or existence changed, or it is an interface whose members changed (its single
 *       abstract method types lambdas), the names of every member of any tree type whose declared signature
 *       mentions the type's simple name (generic forms included: {@code List<Foo> items()}), since a value of
 *       the type may come from that member without the file ever writing the type's name; and the names of all
 *       members of any tree type that passes it as a type argument to a supertype ({@code extends Base<Foo>}). (A type that is added or removed has no values a file could reach
 *       otherwise: a subtype that now resolves to it has changed supertypes itself.)
 * </ol>
 * A type whose answers are all equal contributes nothing, even if its declaration was edited. When an
 * {@link #IMPLICIT} name is among the words, every file is affected ({@link #words} returns null).
 *
 * <p>Cost: O(types × members) for both tables (every type's members are built). Stateless.
 */
public final class TableDiff {
  /**
   * Types a file may use without writing their names (literals, implicit supertypes, boxing, enhanced
   * {@code for}, annotations every class may carry): a change to any of them affects every file.
   */
  public static final Set<String> IMPLICIT = Set.of("Object", "String", "Class", "Enum", "Record", "Annotation",
      "Boolean", "Byte", "Character", "Short", "Integer", "Long", "Float", "Double", "Void", "Number", "Comparable",
      "CharSequence", "Iterable", "Iterator", "Throwable", "Exception", "RuntimeException", "Error", "AutoCloseable",
      "Serializable", "Cloneable", "StringBuilder", "Override", "Deprecated", "SuppressWarnings",
      "FunctionalInterface", "SafeVarargs");

  private TableDiff() {}

  /** The hierarchy answers for one type: equal answers, equal subtyping. */
  private record Hierarchy(String kind, boolean isInterface, String outer, TreeTypes.Supers supers,
      List<String> allSupertypes, Set<String> supertypeSimpleNames, List<String> typeParams,
      List<Generics.Super> genericSupers) {
    static Hierarchy of(TreeTypes table, String q) {
      FileDeclarations.Type t = table.declaration(q);
      if (t == null) {
        return null;
      }
      return new Hierarchy(t.kind(), t.isInterface(), t.outer(), table.supersOf(q), table.allSupertypes(q),
          table.supertypeSimpleNames(q), t.typeParams(), table.genericSupers(q));
    }
  }

  /** A declared method with its resolved return type (what {@code overridden} and callers read). */
  private record Declared(String name, List<String> params, boolean varargs, boolean isStatic, boolean isPrivate,
      long typeVariableParams, TypeRef returnType, JdkGenerics.Template genericReturn) {}

  /** The words of the difference between {@code before} and {@code after}, or null when every file is affected. */
  public static Set<String> words(TreeTypes before, TreeTypes after) {
    Set<String> names = new TreeSet<>(before.typeNames());
    names.addAll(after.typeNames());
    return words(before, after, names);
  }

  /**
   * As {@link #words(TreeTypes, TreeTypes)}, comparing only the types whose answers can differ: when both tables
   * declare the same type names, those are the types declared in files whose declarations differ and, repeatedly,
   * every type that can read one of them while its own names are resolved: a type whose outer type, written
   * supertypes or type parameters, or the qualifiers of its members' written types, or whose file's static and
   * on-demand imports, name it (by its simple name, as a segment of what is written; see {@link
   * #writtenSegments}); when a changed type's kind changed, every type that writes its name at all. A type outside that closure has the same declaration, the same file scope, and
   * resolves its written names against the same type names and the same answers of the types it reads (its
   * supertypes, outer types, imported and statically imported types), so its answers are equal. The same words
   * as comparing every type, at the cost of the changed files' neighbourhood: O(declaration strings) for the
   * closure instead of building every type's members in both tables.
   */
  public static Set<String> words(TreeTypes before, java.util.Collection<FileDeclarations> beforeFiles,
      TreeTypes after, java.util.Collection<FileDeclarations> afterFiles) {
    if (!before.typeNames().equals(after.typeNames())) {
      return words(before, after);
    }
    Map<String, FileDeclarations> old = new HashMap<>();
    for (FileDeclarations f : beforeFiles) {
      old.put(f.path(), f);
    }
    Set<String> changedTypes = new HashSet<>();
    Set<String> afterPaths = new HashSet<>();
    for (FileDeclarations f : afterFiles) {
      afterPaths.add(f.path());
      FileDeclarations was = old.get(f.path());
      if (was == null || !java.util.Arrays.equals(was.bytes(), f.bytes())) {
        f.typeNames(changedTypes);
        if (was != null) {
          was.typeNames(changedTypes);
        }
      }
    }
    for (FileDeclarations f : beforeFiles) {
      if (!afterPaths.contains(f.path())) {
        f.typeNames(changedTypes);
      }
    }
    if (changedTypes.isEmpty()) {
      return words(before, after, Set.of());
    }
    // a type whose kind changed is read by every type that writes its name (a parameter of that type decides
    // whether a lambda may be passed); otherwise only through the tight readings below
    boolean broad = false;
    for (String q : changedTypes) {
      FileDeclarations.Type b = before.declaration(q);
      FileDeclarations.Type a = after.declaration(q);
      broad |= b == null || a == null || !b.kind().equals(a.kind());
    }
    // simple name -> the types (of the after table; the others' declarations are equal in both) that write it
    Map<String, List<String>> readers = new HashMap<>();
    for (FileDeclarations f : afterFiles) {
      Set<String> fileSegments = new HashSet<>();
      for (List<String> imports : List.of(f.singleImports, f.onDemandImports, f.staticSingleImports,
          f.staticOnDemandImports)) {
        if (broad || imports != f.singleImports) { // a single-type import names a type without reading it
          imports.forEach(i -> segments(i, fileSegments, true));
        }
      }
      for (FileDeclarations.Type t : f.types) {
        Set<String> written = new HashSet<>(fileSegments);
        writtenSegments(t, written, broad);
        for (String w : written) {
          readers.computeIfAbsent(w, k -> new ArrayList<>()).add(t.name());
        }
      }
    }
    Set<String> closure = new TreeSet<>(changedTypes);
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(changedTypes);
    while (!queue.isEmpty()) {
      String q = queue.poll();
      for (String reader : readers.getOrDefault(Names.simpleName(q), List.of())) {
        if (closure.add(reader)) {
          queue.add(reader);
        }
      }
    }
    return words(before, after, closure);
  }

  /**
   * The simple names of the types whose answers {@code t}'s answers read: its outer type and every segment of its
   * written supertypes and type parameters (their members, supertypes and member types are read), and of its
   * members' written types only the qualifiers ({@code Map} of {@code Map.Entry}: its member types are read), since
   * a simple or last segment resolves to a name without reading that type's answers; with {@code broad}, every
   * segment (a parameter's type is read for its kind).
   */
  private static void writtenSegments(FileDeclarations.Type t, Set<String> out, boolean broad) {
    segments(t.outer(), out, true);
    segments(t.superclass(), out, true);
    t.interfaces().forEach(i -> segments(i, out, true));
    t.typeParams().forEach(p -> segments(p, out, true));
    t.genericSupers().forEach(g -> segments(g, out, true));
    for (FileDeclarations.Method m : t.methods()) {
      segments(m.returnType(), out, broad);
      segments(m.genericReturn(), out, broad);
      m.params().forEach(p -> segments(p, out, broad));
    }
    for (FileDeclarations.Field f : t.fields()) {
      segments(f.type(), out, broad);
      segments(f.genericType(), out, broad);
    }
  }

  /** Adds the identifier segments of {@code written}: all of them, or only those followed by a dot. */
  private static void segments(String written, Set<String> out, boolean all) {
    anySegment(written, !all, segment -> {
      out.add(segment);
      return false;
    });
  }

  /**
   * True if {@code test} holds for an identifier segment of {@code written} (only the segments followed by a dot
   * when {@code qualifiersOnly}), tried in order until one holds.
   */
  private static boolean anySegment(String written, boolean qualifiersOnly, Predicate<String> test) {
    if (written == null) {
      return false;
    }
    int start = -1;
    for (int i = 0; i <= written.length(); i++) {
      boolean part = i < written.length() && Character.isJavaIdentifierPart(written.charAt(i));
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        if ((!qualifiersOnly || i < written.length() && written.charAt(i) == '.')
            && test.test(written.substring(start, i))) {
          return true;
        }
        start = -1;
      }
    }
    return false;
  }

  private static Set<String> words(TreeTypes before, TreeTypes after, Set<String> names) {
    Set<String> words = new TreeSet<>();
    Set<String> mentioned = new HashSet<>(); // simple names whose values may come from members declaring them
    for (String q : names) {
      String simple = Names.simpleName(q);
      Hierarchy hb = Hierarchy.of(before, q);
      Hierarchy ha = Hierarchy.of(after, q);
      if (hb == null || ha == null) {
        // added or removed: a file reaches it only by its name or a member declaring it (or through a subtype,
        // whose own supertypes then changed)
        words.add(simple);
        mentioned.add(simple);
        continue;
      }
      if (!hb.equals(ha)) {
        words.add(simple);
        mentioned.add(simple);
        addAllMemberNames(before, q, words);
        addAllMemberNames(after, q, words);
        continue;
      }
      Set<String> changed = new TreeSet<>();
      diffByName(declared(before, q), declared(after, q), changed);
      JdkClasses.Info ib = before.info(q);
      JdkClasses.Info ia = after.info(q);
      diffByName(ib.methods(), ia.methods(), changed);
      diffByName(ib.fields(), ia.fields(), changed);
      diffByName(ib.staticFields(), ia.staticFields(), changed);
      diffByName(ib.memberTypes(), ia.memberTypes(), changed);
      diffByName(ib.genericFields(), ia.genericFields(), changed);
      if (!ib.constructors().equals(ia.constructors()) || ib.isInterface() != ia.isInterface()) {
        changed.add(simple);
      }
      if (!changed.isEmpty()) {
        words.addAll(changed); // constructors changed: the simple name is among them
        if (hb.isInterface() || IMPLICIT.contains(simple)) { // an interface's single abstract method may type
          // lambdas that name neither it nor the method; the implicit types stay affecting every file
          words.add(simple);
        }
        if (hb.isInterface()) {
          mentioned.add(simple);
        }
      }
    }
    if (!mentioned.isEmpty()) {
      addMentioning(before, mentioned, words);
      addMentioning(after, mentioned, words);
    }
    words.remove("<init>");
    for (String w : words) {
      if (IMPLICIT.contains(w)) {
        return null;
      }
    }
    return words;
  }

  private static Map<String, List<Declared>> declared(TreeTypes table, String q) {
    Map<String, List<Declared>> out = new HashMap<>();
    FileDeclarations.Type t = table.declaration(q);
    for (FileDeclarations.Method m : t.methods()) {
      out.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(new Declared(m.name(), m.params(), m.varargs(),
          m.isStatic(), m.isPrivate(), m.typeVariableParams(), table.typeRef(t, m.returnType()),
          table.template(t, m.genericReturn())));
    }
    return out;
  }

  private static <V> void diffByName(Map<String, V> before, Map<String, V> after, Set<String> out) {
    for (Map.Entry<String, V> e : before.entrySet()) {
      if (!Objects.equals(e.getValue(), after.get(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    for (String k : after.keySet()) {
      if (!before.containsKey(k)) {
        out.add(k);
      }
    }
  }

  private static void addAllMemberNames(TreeTypes table, String q, Set<String> out) {
    FileDeclarations.Type t = table.declaration(q);
    if (t == null) {
      return;
    }
    JdkClasses.Info info = table.info(q);
    out.addAll(info.methods().keySet());
    out.addAll(info.fields().keySet());
    out.addAll(info.staticFields().keySet());
    out.addAll(info.memberTypes().keySet());
    out.addAll(info.genericFields().keySet());
    for (FileDeclarations.Method m : t.methods()) {
      out.add(m.name());
    }
  }

  /** Adds the name of every member of {@code table} whose written signature mentions one of {@code simpleNames}. */
  private static void addMentioning(TreeTypes table, Set<String> simpleNames, Set<String> out) {
    for (String q : table.typeNames()) {
      FileDeclarations.Type t = table.declaration(q);
      for (String g : t.genericSupers()) {
        if (mentions(g, simpleNames)) { // a type argument of a supertype: any inherited member may now yield it
          addAllMemberNames(table, q, out);
          break;
        }
      }
      for (FileDeclarations.Method m : t.methods()) {
        boolean mentions = mentions(m.returnType(), simpleNames) || mentions(m.genericReturn(), simpleNames);
        for (int i = 0; i < m.params().size() && !mentions; i++) {
          mentions = mentions(m.params().get(i), simpleNames);
        }
        if (mentions) {
          out.add(m.name().equals("<init>") ? t.simpleName() : m.name());
        }
      }
      for (FileDeclarations.Field f : t.fields()) {
        if (mentions(f.type(), simpleNames) || mentions(f.genericType(), simpleNames)) {
          out.add(f.name());
        }
      }
    }
  }

  /** True if a written type ({@code a.b.Map.Entry[]}) has one of {@code simpleNames} as a segment. */
  static boolean mentions(String written, Set<String> simpleNames) {
    return anySegment(written, false, simpleNames::contains);
  }
}
