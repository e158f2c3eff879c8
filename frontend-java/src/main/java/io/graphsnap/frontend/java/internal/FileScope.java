package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's package and imports, and the file-level part of simple type name resolution:
 * <ol>
 *   <li>a top-level type of this file;
 *   <li>a single-type import ({@code import a.b.C;}), then a single static import of a member type;
 *   <li>a class of the running JDK's {@code java.lang};
 *   <li>an on-demand import of a JDK package or type whose class list (read from {@code jrt:/}) has it;
 *   <li>otherwise nothing is certain, and {@link #qualify} puts the name in the file's own package.
 * </ol>
 * On-demand imports of packages that are not in the JDK are not consulted: without a classpath their
 * contents are unknown, and the same package is the likelier home.
 *
 * <p>With a whole-tree table ({@link TreeTypes}), the order is javac's instead: top-level types of the file,
 * single-type imports, single static imports of member types, the same package, {@code java.lang}, on-demand
 * imports (of the tree, the JDK or the class path); a name found nowhere stays unresolved. Not thread-safe
 * (caches answers).
 */
final class FileScope {
  final String packageName;
  /** Targets of {@code imports} edges, in source order. */
  final List<String> importTargets = new ArrayList<>();
  private final Map<String, String> singleTypeImports = new LinkedHashMap<>();
  private final List<String> onDemand = new ArrayList<>();
  private final Map<String, String> staticSingle = new LinkedHashMap<>(); // member → its type
  private final List<String> staticOnDemand = new ArrayList<>();
  private final Map<String, TypeDecl> topLevel = new HashMap<>();
  private final Map<String, String> cache = new HashMap<>();
  private final TreeTypes tree;
  private TreeTypes.Scope treeScope;

  FileScope(CompilationUnitTree unit) {
    this(unit, TreeTypes.NONE);
  }

  /** A file's scope; with a whole-tree table, names are resolved against it and never guessed. */
  FileScope(CompilationUnitTree unit, TreeTypes tree) {
    this.tree = tree;
    packageName = unit.getPackage() == null ? "" : String.valueOf(Names.dotted(unit.getPackage().getPackageName()));
    for (ImportTree imp : unit.getImports()) {
      addImport(imp);
    }
  }

  private void addImport(ImportTree imp) {
    String dotted = Names.dotted(imp.getQualifiedIdentifier());
    if (dotted == null) {
      return;
    }
    if (imp.isModule()) {
      importTargets.add(FileExtraction.MODULE_PREFIX + dotted);
      return;
    }
    int dot = dotted.lastIndexOf('.');
    if (dot <= 0) {
      return;
    }
    String prefix = dotted.substring(0, dot);
    String last = dotted.substring(dot + 1);
    if (imp.isStatic()) {
      importTargets.add(prefix); // the type whose members are imported
      if (last.equals("*")) {
        staticOnDemand.add(prefix);
      } else {
        staticSingle.putIfAbsent(last, prefix);
      }
    } else if (last.equals("*")) {
      importTargets.add(prefix);
      onDemand.add(prefix);
    } else {
      importTargets.add(dotted);
      singleTypeImports.putIfAbsent(last, dotted);
    }
  }

  void addTopLevel(TypeDecl t) {
    topLevel.putIfAbsent(t.simpleName, t);
    treeScope = null;
  }

  /** The whole-tree table ({@link TreeTypes#NONE} when the file is resolved alone). */
  TreeTypes tree() {
    return tree;
  }

  /** True when names are resolved against the whole tree's declarations. */
  boolean wholeTree() {
    return tree.wholeTree();
  }

  List<String> singleImportList() {
    return List.copyOf(singleTypeImports.values());
  }

  List<String> onDemandList() {
    return List.copyOf(onDemand);
  }

  List<String> staticSingleList() {
    List<String> out = new ArrayList<>(staticSingle.size());
    staticSingle.forEach((member, type) -> out.add(type + "." + member));
    return out;
  }

  /** The type a single static import names for {@code member} ({@code import static a.B.member;}), or null. */
  String staticImportOf(String member) {
    return staticSingle.get(member);
  }

  /** The types whose static members are imported on demand, in source order. */
  List<String> staticOnDemandTypes() {
    return staticOnDemand;
  }

  /** {@code simple} qualified by the rules above, or {@code null} when only the package default is left. */
  String qualifyOrNull(String simple) {
    String cached = cache.get(simple);
    if (cached == null) {
      String found = lookup(simple);
      cached = found == null ? "" : found;
      cache.put(simple, cached);
    }
    return cached.isEmpty() ? null : cached;
  }

  /** {@code simple} qualified by the rules above, else by the file's package. */
  String qualify(String simple) {
    String q = qualifyOrNull(simple);
    return q != null ? q : Names.qualify(packageName, simple);
  }

  private String lookup(String simple) {
    if (tree.wholeTree()) {
      if (treeScope == null) {
        Map<String, String> top = new HashMap<>();
        topLevel.forEach((n, t) -> top.put(n, t.name));
        treeScope = new TreeTypes.Scope(packageName, top, singleTypeImports, staticSingle, onDemand, staticOnDemand);
      }
      return tree.lookup(treeScope, simple);
    }
    TypeDecl own = topLevel.get(simple);
    if (own != null) {
      return own.name;
    }
    String single = singleTypeImports.get(simple);
    if (single != null) {
      return single;
    }
    String staticOwner = staticSingle.get(simple);
    if (staticOwner != null && Names.looksLikeType(simple)) {
      return staticOwner + "." + simple;
    }
    if (JdkTypes.exists("java.lang", simple)) {
      return "java.lang." + simple;
    }
    for (String container : onDemand) {
      if (jdkHasMember(container, simple)) {
        return container + "." + simple;
      }
    }
    for (String container : staticOnDemand) {
      if (jdkHasMember(container, simple)) {
        return container + "." + simple;
      }
    }
    return null;
  }

  /** True if JDK package {@code container} has class {@code simple}, or JDK type {@code container} has member type {@code simple}. */
  private static boolean jdkHasMember(String container, String simple) {
    if (JdkTypes.exists(container, simple)) {
      return true;
    }
    int dot = container.lastIndexOf('.');
    return dot > 0 && JdkTypes.exists(container.substring(0, dot), container.substring(dot + 1) + "$" + simple);
  }
}
