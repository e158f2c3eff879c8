package io.graphsnap.bench.resolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The compiled classes of a project, read with {@code java.lang.classfile}: each class's supertypes, nesting,
 * source file, methods and the {@code invoke*} instructions of their code, and the names graphsnap gives
 * them ({@code pkg.Outer.Inner#m(int,Object...)}). Immutable once read; not thread-safe while reading.
 */
final class BytecodeClasses {
  /** One {@code invoke*} instruction: the static owner (internal name), method name and descriptor. */
  record Invoke(String owner, String name, String descriptor) {}

  /** One method of a class: its flags and the invocations in its code. */
  record Method(String name, String descriptor, int flags, List<Invoke> invokes) {
    boolean has(AccessFlag f) {
      return (flags & f.mask()) != 0;
    }
  }

  /** One class. {@code outer}/{@code innerName} for member classes; {@code enclosing} for local and anonymous ones. */
  static final class ClassInfo {
    String name; // internal name
    String superName;
    List<String> interfaces = List.of();
    boolean isInterface;
    boolean isEnum;
    boolean isSynthetic;
    String outer;
    String innerName;
    boolean staticMember = true;
    boolean localOrAnonymous;
    String enclosing;
    String sourceFile;
    final Map<String, Method> methods = new HashMap<>(); // name + descriptor
  }

  final Map<String, ClassInfo> classes = new HashMap<>();
  /** For a library view: where classes not read up front come from (the running JDK's image); null for a project. */
  private java.util.function.Function<String, byte[]> loader;
  private final Set<String> missing = new HashSet<>();

  /** The class {@code internal}, loaded on first use in a library view; null if unknown. */
  ClassInfo info(String internal) {
    ClassInfo c = classes.get(internal);
    if (c != null || loader == null || internal == null || missing.contains(internal)) {
      return c;
    }
    byte[] bytes = loader.apply(internal);
    if (bytes == null) {
      missing.add(internal);
      return null;
    }
    add(bytes);
    return classes.get(internal);
  }

  /** The classes of the class path (read now) and of the running JDK (read when asked), as libraries of a project. */
  static BytecodeClasses libraries(List<Path> classpath) throws IOException {
    BytecodeClasses out = new BytecodeClasses();
    for (Path p : classpath) {
      BytecodeClasses one = read(p.toString());
      one.classes.forEach(out.classes::putIfAbsent);
    }
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    out.loader = internal -> {
      int slash = internal.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      Path pkg = jrt.getPath("/packages", internal.substring(0, slash).replace('/', '.'));
      if (!Files.isDirectory(pkg)) {
        return null;
      }
      try (Stream<Path> modules = Files.list(pkg)) {
        for (Path m : (Iterable<Path>) modules::iterator) {
          Path f = jrt.getPath("/modules", m.getFileName().toString(), internal + ".class");
          if (Files.isRegularFile(f)) {
            return Files.readAllBytes(f);
          }
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    };
    return out;
  }
  private final Map<String, String> graphsnapNames = new HashMap<>();

  /** Reads every class of a jar, a directory, or {@code jrt:/MODULE}. */
  static BytecodeClasses read(String location) throws IOException {
    BytecodeClasses out = new BytecodeClasses();
    if (location.startsWith("jrt:/")) {
      FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
      out.readTree(jrt.getPath("modules", location.substring("jrt:/".length())));
    } else {
      Path p = Path.of(location);
      if (Files.isDirectory(p)) {
        out.readTree(p);
      } else {
        try (ZipFile zip = new ZipFile(p.toFile())) {
          Enumeration<? extends ZipEntry> it = zip.entries();
          while (it.hasMoreElements()) {
            ZipEntry e = it.nextElement();
            if (e.getName().endsWith(".class") && !e.getName().contains("module-info")
                && !e.getName().startsWith("META-INF/")) {
              try (InputStream in = zip.getInputStream(e)) {
                out.add(in.readAllBytes());
              }
            }
          }
        }
      }
    }
    return out;
  }

  private void readTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : (Iterable<Path>) walk::iterator) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString();
        if (n.endsWith(".class") && !n.equals("module-info.class") && !f.toString().contains("META-INF")) {
          try {
            add(Files.readAllBytes(f));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }

  private void add(byte[] bytes) {
    ClassModel cm = ClassFile.of().parse(bytes);
    ClassInfo c = new ClassInfo();
    c.name = cm.thisClass().asInternalName();
    c.superName = cm.superclass().map(ClassEntry::asInternalName).orElse(null);
    c.interfaces = cm.interfaces().stream().map(ClassEntry::asInternalName).toList();
    c.isInterface = cm.flags().has(AccessFlag.INTERFACE);
    c.isEnum = cm.flags().has(AccessFlag.ENUM);
    c.isSynthetic = cm.flags().has(AccessFlag.SYNTHETIC);
    cm.findAttribute(Attributes.sourceFile()).ifPresent(s -> c.sourceFile = s.sourceFile().stringValue());
    cm.findAttribute(Attributes.innerClasses()).ifPresent(a -> {
      for (InnerClassInfo ic : a.classes()) {
        if (ic.innerClass().asInternalName().equals(c.name)) {
          if (ic.outerClass().isPresent() && ic.innerName().isPresent()) {
            c.outer = ic.outerClass().get().asInternalName();
            c.innerName = ic.innerName().get().stringValue();
            c.staticMember = ic.has(AccessFlag.STATIC) || ic.has(AccessFlag.INTERFACE) || ic.has(AccessFlag.ENUM);
          } else {
            c.localOrAnonymous = true;
          }
        }
      }
    });
    cm.findAttribute(Attributes.enclosingMethod()).ifPresent(a -> {
      c.localOrAnonymous = true;
      c.enclosing = a.enclosingClass().asInternalName();
    });
    for (MethodModel mm : cm.methods()) {
      List<Invoke> invokes = new ArrayList<>();
      mm.code().ifPresent(code -> {
        for (CodeElement e : code) {
          if (e instanceof InvokeInstruction ii) {
            invokes.add(new Invoke(ii.owner().asInternalName(), ii.name().stringValue(), ii.type().stringValue()));
          }
        }
      });
      Method m = new Method(mm.methodName().stringValue(), mm.methodType().stringValue(), mm.flags().flagsMask(),
          invokes);
      c.methods.put(m.name() + m.descriptor(), m);
    }
    classes.putIfAbsent(c.name, c);
  }

  /** The package of an internal name, dotted ({@code java.util}), or empty. */
  static String packageOf(String internal) {
    int slash = internal.lastIndexOf('/');
    return slash < 0 ? "" : internal.substring(0, slash).replace('/', '.');
  }

  /** graphsnap's name for a class of this project ({@code pkg.Outer.Inner}, {@code pkg.Outer$1}). */
  String graphsnapName(String internal) {
    String cached = graphsnapNames.get(internal);
    if (cached != null) {
      return cached;
    }
    String name = computeName(internal, 0);
    graphsnapNames.put(internal, name);
    return name;
  }

  private String computeName(String internal, int depth) {
    ClassInfo c = info(internal);
    if (c == null || depth > 32) {
      return internal.replace('/', '.');
    }
    if (c.outer != null && c.innerName != null) {
      return computeName(c.outer, depth + 1) + "." + c.innerName;
    }
    if (c.localOrAnonymous && c.enclosing != null && internal.startsWith(c.enclosing + "$")) {
      return computeName(c.enclosing, depth + 1) + internal.substring(c.enclosing.length());
    }
    return internal.replace('/', '.');
  }

  /** The simple name graphsnap writes for a parameter type: {@code int}, {@code String[]}, {@code Entry}. */
  String simpleName(ClassDesc d) {
    if (d.isPrimitive()) {
      return d.displayName();
    }
    if (d.isArray()) {
      return simpleName(d.componentType()) + "[]";
    }
    String internal = d.descriptorString().substring(1, d.descriptorString().length() - 1);
    ClassInfo c = info(internal);
    if (c != null && c.innerName != null) {
      return c.innerName;
    }
    String simple = internal.substring(internal.lastIndexOf('/') + 1);
    int dollar = simple.lastIndexOf('$');
    return dollar >= 0 && dollar < simple.length() - 1 ? simple.substring(dollar + 1) : simple;
  }

  /**
   * graphsnap's name for a method declared by {@code owner}: parameters as written in source (an inner
   * class's outer instance and an enum constructor's name and ordinal dropped), varargs as {@code X...}.
   */
  String methodName(ClassInfo owner, Method m) {
    MethodTypeDesc type = MethodTypeDesc.ofDescriptor(m.descriptor());
    int skip = 0;
    if (m.name().equals("<init>")) {
      if (owner.isEnum) {
        skip = 2;
      } else if (owner.outer != null && !owner.staticMember) {
        skip = 1;
      }
    }
    List<String> params = new ArrayList<>();
    for (int i = skip; i < type.parameterCount(); i++) {
      String p = simpleName(type.parameterType(i));
      if (i == type.parameterCount() - 1 && m.has(AccessFlag.VARARGS) && p.endsWith("[]")) {
        p = p.substring(0, p.length() - 2) + "...";
      }
      params.add(p);
    }
    return graphsnapName(owner.name) + "#" + m.name() + "(" + String.join(",", params) + ")";
  }

  /** A method found by JVM-style resolution: the class that declares it and the method. */
  record Declared(ClassInfo owner, Method method) {}

  /**
   * Resolves a call as the JVM does, within this project's classes: the owner, its superclasses, then its
   * superinterfaces; bridges are skipped. Null when the declaration is outside the project (or missing).
   */
  Declared resolve(String owner, String name, String descriptor) {
    Declared d = resolveDirect(owner, name, descriptor);
    return d == null ? null : unwrapSynthetic(d);
  }

  /**
   * Code compiled for Java 8 and earlier reaches private members of nested classes through synthetic
   * methods: a constructor with an extra {@code Outer$1} parameter, or a static {@code access$NNN} method
   * that calls the real one. The real target is the one written in the source.
   */
  private Declared unwrapSynthetic(Declared d) {
    Method m = d.method();
    if (!m.has(AccessFlag.SYNTHETIC)) {
      return d;
    }
    if (m.name().equals("<init>")) {
      MethodTypeDesc type = MethodTypeDesc.ofDescriptor(m.descriptor());
      if (type.parameterCount() > 0) {
        String shorter = type.dropParameterTypes(type.parameterCount() - 1, type.parameterCount()).descriptorString();
        Method real = d.owner().methods.get("<init>" + shorter);
        if (real != null && !real.has(AccessFlag.SYNTHETIC)) {
          return new Declared(d.owner(), real);
        }
      }
      return d;
    }
    if (m.name().startsWith("access$")) {
      for (Invoke inv : m.invokes()) {
        Declared inner = resolveDirect(inv.owner(), inv.name(), inv.descriptor());
        if (inner != null && !inner.method().has(AccessFlag.SYNTHETIC)) {
          return inner;
        }
      }
    }
    return d;
  }

  private Declared resolveDirect(String owner, String name, String descriptor) {
    String key = name + descriptor;
    if (name.equals("<init>")) {
      ClassInfo c = info(owner);
      Method m = c == null ? null : c.methods.get(key);
      return m == null ? null : new Declared(c, m);
    }
    List<String> order = new ArrayList<>();
    for (String k = owner; k != null && info(k) != null && order.size() < 64; k = info(k).superName) {
      order.add(k);
    }
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>(order);
    for (String k : List.copyOf(order)) {
      queue.addAll(info(k).interfaces);
    }
    while (!queue.isEmpty()) {
      String i = queue.poll();
      ClassInfo ic = info(i);
      if (ic != null && seen.add(i)) {
        order.add(i);
        queue.addAll(ic.interfaces);
      }
    }
    for (String k : order) {
      ClassInfo c = info(k);
      Method m = c.methods.get(key);
      if (m != null && !m.has(AccessFlag.BRIDGE)) {
        return new Declared(c, m);
      }
    }
    return null;
  }

  /** Every project supertype of {@code internal} (itself included), transitively. */
  Set<String> supertypes(String internal) {
    Set<String> out = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    queue.add(internal);
    while (!queue.isEmpty() && out.size() < 256) {
      String k = queue.poll();
      ClassInfo c = info(k);
      if (c != null && out.add(k)) {
        if (c.superName != null) {
          queue.add(c.superName);
        }
        queue.addAll(c.interfaces);
      }
    }
    return out;
  }
}
