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
 * <p>Cost: comparing every type is O(types × members) for both tables (every type's members are built); the
 * variant given the files compares only what the change can reach. Stateless.
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
   * As {@link #words(TreeTypes, TreeTypes)}, comparing only the types whose answers can differ. When both tables
   * declare the same type names, it compares the types declared in files whose declarations differ and then,
   * level by level, the readers of every type found different: a type reads another while its own names are
   * resolved when its outer type, written supertypes or type parameters, or the qualifiers of its members' written
   * types, or its file's static and on-demand imports, name it (by its simple name, as a segment of what is
   * written; see {@link #writesAny}); when a changed type's kind changed, every type that writes its name at all.
   *
   * <p>Why that is exact (early cutoff, as incremental compilers use it): a type's answers are a function of its
   * declaration, its file's scope, the set of type names (equal here), the answers of the types it names and the
   * declarations of the types it walks (its supertypes and outer types, transitively). So the search goes on from a
   * type that changed or whose answers differ to the types that name it and to all its {@linkplain
   * StructuralDependents structural dependents}, and stops at a type that neither changed nor differs. A type never
   * compared has an equal declaration and file scope, names only types that are equal, and walks only unchanged
   * declarations of types that are not different; so its answers are equal too, and it adds no word. The same
   * words as comparing every type ({@code TableDiffTest} checks it on random trees with cyclic, invalid and
   * shadowing hierarchies), at the cost of one pass over the declaration strings per level plus the members of
   * the types compared, instead of building every type's members in both tables.
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
      if (was != f && (was == null || !java.util.Arrays.equals(was.encodedBytes(), f.encodedBytes()))) {
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
    // Early cutoff: a type's answers are a function of its own declaration and file scope and of what it reads
    // of other types, so only a changed type, or one whose answers differ, can make its readers' answers differ.
    // Compare the changed types, then the readers of those that changed or differ, level by level.
    Difference difference = new Difference(before, after);
    StructuralDependents dependents = new StructuralDependents(before, after);
    Set<String> queued = new HashSet<>(changedTypes);
    List<String> level = new ArrayList<>(new TreeSet<>(changedTypes));
    while (!level.isEmpty()) {
      Set<String> propagating = new TreeSet<>();
      for (String q : level) {
        if (difference.compare(q) || changedTypes.contains(q)) {
          propagating.add(q);
        }
      }
      List<String> next = new ArrayList<>();
      if (!propagating.isEmpty()) {
        Set<String> simpleNames = new HashSet<>();
        propagating.forEach(q -> simpleNames.add(Names.simpleName(q)));
        for (String reader : readersOf(afterFiles, simpleNames, broad)) {
          if (queued.add(reader)) {
            next.add(reader);
          }
        }
        for (String dependent : dependents.closure(propagating)) {
          if (queued.add(dependent)) {
            next.add(dependent);
          }
        }
      }
      level = next;
    }
    return difference.words();
  }

  /**
   * The types of {@code files} (the after table's; the others' declarations are equal in both) that write one of
   * {@code simpleNames} where writing it reads that type's answers: in their file's static and on-demand imports
   * (all imports when {@code broad}), or among their {@linkplain #writesAny written segments}. One pass over
   * the declarations' written strings; in path and declaration order.
   */
  private static List<String> readersOf(java.util.Collection<FileDeclarations> files, Set<String> simpleNames,
      boolean broad) {
    Predicate<String> named = simpleNames::contains;
    List<String> out = new ArrayList<>();
    for (FileDeclarations f : files) {
      boolean fileReads = false;
      for (List<String> imports : List.of(f.singleImports, f.onDemandImports, f.staticSingleImports,
          f.staticOnDemandImports)) {
        if (broad || imports != f.singleImports) { // a single-type import names a type without reading it
          for (String i : imports) {
            fileReads |= anySegment(i, false, named);
          }
        }
      }
      for (FileDeclarations.Type t : f.types) {
        if (fileReads || writesAny(t, named, broad)) {
          out.add(t.name());
        }
      }
    }
    return out;
  }

  /**
   * True if {@code named} holds for one of the simple names of the types whose answers {@code t}'s answers
   * read: its outer type and every segment of its
   * written supertypes and type parameters (their members, supertypes and member types are read), and of its
   * members' written types only the qualifiers ({@code Map} of {@code Map.Entry}: its member types are read), since
   * a simple or last segment resolves to a name without reading that type's answers; with {@code broad}, every
   * segment (a parameter's type is read for its kind).
   */
  private static boolean writesAny(FileDeclarations.Type t, Predicate<String> named, boolean broad) {
    if (anySegment(t.outer(), false, named) || anySegment(t.superclass(), false, named)) {
      return true;
    }
    for (List<String> written : List.of(t.interfaces(), t.typeParams(), t.genericSupers())) {
      for (String w : written) {
        if (anySegment(w, false, named)) {
          return true;
        }
      }
    }
    for (FileDeclarations.Method m : t.methods()) {
      if (anySegment(m.returnType(), !broad, named) || anySegment(m.genericReturn(), !broad, named)) {
        return true;
      }
      for (String p : m.params()) {
        if (anySegment(p, !broad, named)) {
          return true;
        }
      }
    }
    for (FileDeclarations.Field fd : t.fields()) {
      if (anySegment(fd.type(), !broad, named) || anySegment(fd.genericType(), !broad, named)) {
        return true;
      }
    }
    return false;
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

  static Set<String> words(TreeTypes before, TreeTypes after, Set<String> names) {
    Difference difference = new Difference(before, after);
    for (String q : names) {
      difference.compare(q);
    }
    return difference.words();
  }

  /**
   * The types that read another type's declaration and supertypes directly, without naming it: its subtypes (whose
   * member lists, overriding and subtyping walk every supertype) and the types nested in it (which resolve names
   * through its member types and its supertypes'), transitively, in either table. Such a type can differ while the
   * types between it and the changed one compare equal (a member hidden in a direct supertype's own answers can
   * still reach a subtype through another path), so they are all compared. Built on first use in O(types); not
   * thread-safe.
   */
  private static final class StructuralDependents {
    private final TreeTypes before;
    private final TreeTypes after;
    private Map<String, List<String>> direct;
    private final Set<String> expanded = new HashSet<>();

    StructuralDependents(TreeTypes before, TreeTypes after) {
      this.before = before;
      this.after = after;
    }

    /** Every structural dependent of {@code types} not returned by an earlier call, in search order. */
    List<String> closure(Set<String> types) {
      if (direct == null) {
        direct = new HashMap<>();
        index(before);
        index(after);
      }
      List<String> out = new ArrayList<>();
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
      for (String q : types) {
        if (expanded.add(q)) {
          queue.add(q);
        }
      }
      while (!queue.isEmpty()) {
        for (String d : direct.getOrDefault(queue.poll(), List.of())) {
          if (expanded.add(d)) {
            out.add(d);
            queue.add(d);
          }
        }
      }
      return out;
    }

    private void index(TreeTypes table) {
      for (String t : table.typeNames()) {
        for (String s : table.supersOf(t).all()) {
          direct.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
        }
        String outer = table.declaration(t).outer();
        if (outer != null) {
          direct.computeIfAbsent(outer, k -> new ArrayList<>()).add(t);
        }
      }
    }
  }

  /**
   * The words collected by comparing types of two tables one at a time ({@link #compare}), then completed by
   * {@link #words()}. Not thread-safe; one per diff.
   */
  private static final class Difference {
    private final TreeTypes before;
    private final TreeTypes after;
    private final Set<String> words = new TreeSet<>();
    private final Set<String> mentioned = new HashSet<>(); // simple names whose values may come from members declaring them

    Difference(TreeTypes before, TreeTypes after) {
      this.before = before;
      this.after = after;
    }

    /** Compares every answer of type {@code q} in both tables, adds the words of a difference; true if any differs. */
    boolean compare(String q) {
      String simple = Names.simpleName(q);
      Hierarchy hb = Hierarchy.of(before, q);
      Hierarchy ha = Hierarchy.of(after, q);
      if (hb == null && ha == null) {
        return false;
      }
      if (hb == null || ha == null) {
        // added or removed: a file reaches it only by its name or a member declaring it (or through a subtype,
        // whose own supertypes then changed)
        words.add(simple);
        mentioned.add(simple);
        return true;
      }
      if (!hb.equals(ha)) {
        words.add(simple);
        mentioned.add(simple);
        addAllMemberNames(before, q, words);
        addAllMemberNames(after, q, words);
        return true;
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
      if (changed.isEmpty()) {
        return false;
      }
      words.addAll(changed); // constructors changed: the simple name is among them
      if (hb.isInterface() || IMPLICIT.contains(simple)) { // an interface's single abstract method may type
        // lambdas that name neither it nor the method; the implicit types stay affecting every file
        words.add(simple);
      }
      if (hb.isInterface()) {
        mentioned.add(simple);
      }
      return true;
    }

    /** The words of every difference compared so far, or null when every file is affected. */
    Set<String> words() {
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
