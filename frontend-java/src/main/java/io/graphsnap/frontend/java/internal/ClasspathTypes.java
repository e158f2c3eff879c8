package io.graphsnap.frontend.java.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.ClassSignature;
import java.lang.classfile.MethodSignature;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes of a class path ({@code --classpath A.jar:B.jar:dir}), read with {@code java.lang.classfile}:
 * which classes each package has, and for each class the same {@link JdkClasses.Info} the JDK's classes give
 * (methods with inherited ones, named after the type that declares them first in the JVM's resolution
 * order; constructors; fields; member types). The first entry of the path that has a class wins, as on a
 * JVM's class path.
 *
 * <p>The class bytes are read once, at {@link #open}, and kept in memory; a class file that does not parse
 * counts as absent. Thread-safe after construction; infos are built on first use and cached.
 */
public final class ClasspathTypes {
  /** No class path. */
  public static final ClasspathTypes EMPTY = new ClasspathTypes(Map.of(), new byte[32]);
  private static final int MAX_DEPTH = 32;

  private final Map<String, byte[]> classes; // internal name → class file bytes
  private final Map<String, Set<String>> byPackage = new HashMap<>(); // dotted package → binary simple names
  private final ConcurrentHashMap<String, Optional<JdkClasses.Info>> cache = new ConcurrentHashMap<>();
  private final byte[] fingerprint;

  private ClasspathTypes(Map<String, byte[]> classes, byte[] fingerprint) {
    this.classes = classes;
    this.fingerprint = fingerprint;
    for (String internal : classes.keySet()) {
      int slash = internal.lastIndexOf('/');
      String pkg = slash < 0 ? "" : internal.substring(0, slash).replace('/', '.');
      byPackage.computeIfAbsent(pkg, k -> new HashSet<>()).add(internal.substring(slash + 1));
    }
  }

  /** Reads every class of the jars and directories in {@code path}, in order. */
  public static ClasspathTypes open(List<Path> path) throws IOException {
    if (path.isEmpty()) {
      return EMPTY;
    }
    Map<String, byte[]> classes = new HashMap<>();
    MessageDigest digest = Sha256.newDigest();
    for (Path entry : path) {
      TreeMap<String, byte[]> found = new TreeMap<>();
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path f : (Iterable<Path>) walk::iterator) {
            String rel = entry.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            if (rel.endsWith(".class") && Files.isRegularFile(f)) {
              found.put(rel, Files.readAllBytes(f));
            }
          }
        }
      } else if (Files.isRegularFile(entry)) {
        try (ZipFile zip = new ZipFile(entry.toFile())) {
          Enumeration<? extends ZipEntry> it = zip.entries();
          while (it.hasMoreElements()) {
            ZipEntry e = it.nextElement();
            if (!e.isDirectory() && e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
              try (InputStream in = zip.getInputStream(e)) {
                found.put(e.getName(), in.readAllBytes());
              }
            }
          }
        }
      } else {
        throw new IOException("no such class path entry: " + entry);
      }
      for (Map.Entry<String, byte[]> e : found.entrySet()) {
        String internal = e.getKey().substring(0, e.getKey().length() - ".class".length());
        if (!internal.endsWith("module-info") && !internal.endsWith("package-info")) {
          classes.putIfAbsent(internal, e.getValue());
        }
        digest.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Sha256.of(e.getValue()));
      }
      digest.update((byte) 1);
    }
    return new ClasspathTypes(Map.copyOf(classes), digest.digest());
  }

  /** SHA-256 over every class file of the path, in path order: equal class paths give equal fingerprints. */
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  public boolean isEmpty() {
    return classes.isEmpty();
  }

  /** True if {@code pkg.simple} ({@code simple} a binary simple name such as {@code Map$Entry}) is on the path. */
  boolean exists(String pkg, String simple) {
    Set<String> s = byPackage.get(pkg);
    return s != null && s.contains(simple);
  }

  /** The members of class {@code qualified} ({@code a.B.C}), or null if the path has no such class. */
  JdkClasses.Info info(String qualified) {
    if (classes.isEmpty() || qualified == null) {
      return null;
    }
    Optional<JdkClasses.Info> cached = cache.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    String internal = internalName(qualified);
    JdkClasses.Info info = internal == null ? null : describe(internal);
    cache.putIfAbsent(qualified, Optional.ofNullable(info));
    return info;
  }

  /** {@code a/B$C} for {@code a.B.C} if that class is on the path, else null. */
  String internalName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    while (dot > 0) {
      String pkg = qualified.substring(0, dot);
      String rest = qualified.substring(dot + 1).replace('.', '$');
      if (exists(pkg, rest)) {
        return pkg.replace('.', '/') + "/" + rest;
      }
      dot = qualified.lastIndexOf('.', dot - 1);
    }
    return exists("", qualified) ? qualified : null;
  }

  private ClassModel model(String internal) {
    byte[] bytes = classes.get(internal);
    if (bytes == null) {
      return null;
    }
    try {
      return ClassFile.of().parse(bytes);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The dotted name graphsnap uses for a class of the path: {@code a.B.C} for {@code a/B$C}. */
  private static String dotted(String internal) {
    return internal.replace('/', '.').replace('$', '.');
  }

  private JdkClasses.Info describe(String internal) {
    ClassModel c = model(internal);
    if (c == null) {
      return null;
    }
    Map<String, String> inner = innerNames(c);
    Map<String, List<JdkClasses.JdkMethod>> methods = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Map<String, TypeRef> fields = new HashMap<>();
    Map<String, TypeRef> staticFields = new HashMap<>();
    Map<String, String> memberTypes = new HashMap<>();
    Map<String, JdkClasses.FieldType> genericFields = new HashMap<>();
    // The JVM's order: the class and its superclasses, then the superinterfaces.
    List<String> order = new ArrayList<>();
    String k = internal;
    for (int depth = 0; k != null && depth < MAX_DEPTH && !order.contains(k); depth++) {
      order.add(k);
      ClassModel m = k.equals(internal) ? c : model(k);
      if (m == null) {
        break;
      }
      k = m.superclass().map(ClassEntry::asInternalName).orElse(null);
    }
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> visited = new HashSet<>(order);
    for (String s : List.copyOf(order)) {
      ClassModel m = s.equals(internal) ? c : model(s);
      if (m != null) {
        m.interfaces().forEach(i -> queue.add(i.asInternalName()));
      }
    }
    while (!queue.isEmpty() && order.size() < 256) {
      String i = queue.poll();
      if (visited.add(i)) {
        order.add(i);
        ClassModel m = model(i);
        if (m != null) {
          m.interfaces().forEach(x -> queue.add(x.asInternalName()));
        }
      }
    }
    if (c.flags().has(AccessFlag.INTERFACE)) {
      order.add("java/lang/Object");
    }
    for (String s : order) {
      ClassModel m = s.equals(internal) ? c : model(s);
      if (m == null) {
        JdkClasses.Info jdk = JdkClasses.info(dotted(s)); // a JDK class: its info has its own supertypes' methods
        if (jdk != null) {
          jdk.methods().forEach((name, list) -> {
            for (JdkClasses.JdkMethod jm : list) {
              if (seen.add(name + jm.params())) {
                methods.computeIfAbsent(name, n -> new ArrayList<>(2)).add(jm);
              }
            }
          });
          jdk.fields().forEach(fields::putIfAbsent);
          jdk.staticFields().forEach(staticFields::putIfAbsent);
          jdk.memberTypes().forEach(memberTypes::putIfAbsent);
          jdk.genericFields().forEach(genericFields::putIfAbsent);
        }
        continue;
      }
      Map<String, String> names = s.equals(internal) ? inner : innerNames(m);
      String owner = dotted(s);
      List<String> typeParams = typeParams(m);
      for (MethodModel mm : m.methods()) {
        String name = mm.methodName().stringValue();
        if (name.equals("<init>") || name.equals("<clinit>") || mm.flags().has(AccessFlag.SYNTHETIC)
            || mm.flags().has(AccessFlag.BRIDGE) || mm.flags().has(AccessFlag.PRIVATE)) {
          continue; // private members are never accessible from the tree
        }
        JdkClasses.JdkMethod jm = method(owner, name, mm, names, 0, typeParams, this::maybeInterface);
        if (seen.add(name + jm.params())) {
          methods.computeIfAbsent(name, n -> new ArrayList<>(2)).add(jm);
        }
      }
      for (FieldModel f : m.fields()) {
        if (f.flags().has(AccessFlag.PRIVATE) || f.flags().has(AccessFlag.SYNTHETIC)) {
          continue;
        }
        TypeRef t = typeRef(f.fieldTypeSymbol());
        String sig = f.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse(null);
        boolean typeVariable = sig != null && sig.startsWith("T");
        String fn = f.fieldName().stringValue();
        if (t != null && !typeVariable) {
          fields.putIfAbsent(fn, t);
          if (f.flags().has(AccessFlag.STATIC)) {
            staticFields.putIfAbsent(fn, t);
          }
        }
        JdkGenerics.Template g = sig == null ? null : template(sig, typeParams, List.of());
        if (g != null && g.generic()) {
          genericFields.putIfAbsent(fn, new JdkClasses.FieldType(owner, g));
        }
      }
      m.findAttribute(Attributes.innerClasses()).ifPresent(a -> {
        for (InnerClassInfo ic : a.classes()) {
          if (ic.outerClass().isPresent() && ic.innerName().isPresent()
              && ic.outerClass().get().asInternalName().equals(s)) {
            memberTypes.putIfAbsent(ic.innerName().get().stringValue(), dotted(ic.innerClass().asInternalName()));
          }
        }
      });
    }
    List<JdkClasses.JdkMethod> constructors = new ArrayList<>();
    boolean innerClass = c.findAttribute(Attributes.innerClasses()).map(a -> a.classes().stream()
        .anyMatch(ic -> ic.innerClass().asInternalName().equals(internal) && ic.outerClass().isPresent()
            && !ic.has(AccessFlag.STATIC))).orElse(false);
    for (MethodModel mm : c.methods()) {
      if (mm.methodName().stringValue().equals("<init>") && !mm.flags().has(AccessFlag.SYNTHETIC)
          && !mm.flags().has(AccessFlag.PRIVATE)) {
        constructors.add(method(dotted(internal), "<init>", mm, inner, innerClass ? 1 : 0, List.of(),
            this::maybeInterface));
      }
    }
    methods.replaceAll((n, v) -> List.copyOf(v));
    return new JdkClasses.Info(c.flags().has(AccessFlag.INTERFACE), Map.copyOf(methods), List.copyOf(constructors),
        Map.copyOf(staticFields), Map.copyOf(fields), Map.copyOf(memberTypes), Map.copyOf(genericFields));
  }

  /** False when {@code d} is certainly no interface: a primitive, an array, or a known class of the path or the JDK. */
  private boolean maybeInterface(ClassDesc d) {
    if (d.isPrimitive() || d.isArray()) {
      return false;
    }
    String desc = d.descriptorString();
    String internal = desc.substring(1, desc.length() - 1);
    ClassModel m = model(internal);
    if (m != null) {
      return m.flags().has(AccessFlag.INTERFACE);
    }
    JdkClasses.Info jdk = JdkClasses.info(dotted(internal));
    return jdk == null || jdk.isInterface();
  }

  /** The erased first bounds of class path class {@code qualified}'s type parameters (null where Object), or null. */
  List<TypeRef> typeParamBounds(String qualified) {
    String internal = classes.isEmpty() || qualified == null ? null : internalName(qualified);
    ClassModel c = internal == null ? null : model(internal);
    if (c == null) {
      return null;
    }
    ClassSignature sig = classSignature(c);
    if (sig == null) {
      return List.of();
    }
    List<TypeRef> out = new ArrayList<>();
    for (java.lang.classfile.Signature.TypeParam tp : sig.typeParameters()) {
      java.lang.classfile.Signature b = tp.classBound().orElse(tp.interfaceBounds().isEmpty() ? null : tp.interfaceBounds().getFirst());
      TypeRef r = b instanceof java.lang.classfile.Signature.ClassTypeSig ct ? typeRef(ct.classDesc()) : null;
      out.add(r == null || r.name().equals("java.lang.Object") ? null : r);
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** The names of a class's own type parameters, from its {@code Signature} attribute (empty when it has none). */
  private static List<String> typeParams(ClassModel c) {
    ClassSignature sig = classSignature(c);
    if (sig == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(sig.typeParameters().size());
    for (java.lang.classfile.Signature.TypeParam tp : sig.typeParameters()) {
      out.add(tp.identifier());
    }
    return out;
  }

  private static ClassSignature classSignature(ClassModel c) {
    try {
      return c.findAttribute(Attributes.signature()).map(a -> ClassSignature.parseFrom(a.signature().stringValue()))
          .orElse(null);
    } catch (IllegalArgumentException e) {
      return null; // a malformed signature: no generic information
    }
  }

  /**
   * A field or result signature as a template over {@code typeParams}, with {@code own} (a generic method's own
   * type parameters) as method variables.
   */
  private static JdkGenerics.Template template(String signature, List<String> typeParams, List<String> own) {
    try {
      return GenericSignatures.of(java.lang.classfile.Signature.parseFrom(signature), typeParams, own, 0);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private final ConcurrentHashMap<String, Optional<List<Generics.Super>>> superCache = new ConcurrentHashMap<>();

  /**
   * The direct supertypes of class path class {@code qualified} with their type arguments as templates over its
   * own type parameters (empty arguments for raw or non-generic ones), or null if the path has no such class.
   */
  List<Generics.Super> genericSupers(String qualified) {
    if (classes.isEmpty() || qualified == null) {
      return null;
    }
    Optional<List<Generics.Super>> cached = superCache.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    String internal = internalName(qualified);
    ClassModel c = internal == null ? null : model(internal);
    List<Generics.Super> out = null;
    if (c != null) {
      out = new ArrayList<>();
      ClassSignature sig = classSignature(c);
      if (sig != null) {
        List<String> params = typeParams(c);
        List<java.lang.classfile.Signature.ClassTypeSig> all = new ArrayList<>();
        if (sig.superclassSignature() != null) {
          all.add(sig.superclassSignature());
        }
        all.addAll(sig.superinterfaceSignatures());
        for (java.lang.classfile.Signature.ClassTypeSig s : all) {
          JdkGenerics.Template t = GenericSignatures.of(s, params, 0);
          if (t != null) {
            out.add(new Generics.Super(t.name(), t.args()));
          }
        }
      } else {
        List<String> raw = new ArrayList<>();
        c.superclass().ifPresent(e -> raw.add(dotted(e.asInternalName())));
        c.interfaces().forEach(i -> raw.add(dotted(i.asInternalName())));
        for (String r : raw) {
          out.add(new Generics.Super(r, List.of()));
        }
      }
      if (c.flags().has(AccessFlag.INTERFACE)) {
        out.add(new Generics.Super("java.lang.Object", List.of()));
      }
      out = List.copyOf(out);
    }
    superCache.putIfAbsent(qualified, Optional.ofNullable(out));
    return out;
  }

  private static Map<String, String> innerNames(ClassModel c) {
    Map<String, String> names = new HashMap<>();
    c.findAttribute(Attributes.innerClasses()).ifPresent(a -> {
      for (InnerClassInfo ic : a.classes()) {
        ic.innerName().ifPresent(n -> names.put(ic.innerClass().asInternalName(), n.stringValue()));
      }
    });
    return names;
  }

  private static JdkClasses.JdkMethod method(String owner, String name, MethodModel mm, Map<String, String> inner,
      int skip, List<String> typeParams, java.util.function.Predicate<ClassDesc> maybeInterface) {
    MethodTypeDesc type = mm.methodTypeSymbol();
    boolean varargs = mm.flags().has(AccessFlag.VARARGS);
    List<String> params = new ArrayList<>(type.parameterCount());
    long classParams = 0;
    String signature = mm.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse(null);
    List<java.lang.classfile.Signature> genericParams = null;
    if (signature != null) {
      try {
        genericParams = MethodSignature.parseFrom(signature).arguments();
      } catch (IllegalArgumentException e) {
        genericParams = null;
      }
    }
    int shift = genericParams == null ? 0 : type.parameterCount() - genericParams.size();
    for (int i = skip; i < type.parameterCount() && i - skip < 64; i++) {
      boolean typeVariable = genericParams != null && i - shift >= 0
          && genericParams.get(i - shift) instanceof java.lang.classfile.Signature.TypeVarSig;
      if (!typeVariable && !maybeInterface.test(type.parameterType(i))) {
        classParams |= 1L << (i - skip);
      }
    }
    for (int i = skip; i < type.parameterCount(); i++) {
      String p = simpleName(type.parameterType(i), inner);
      if (varargs && i == type.parameterCount() - 1 && p.endsWith("[]")) {
        p = p.substring(0, p.length() - 2) + "...";
      }
      params.add(p);
    }
    String sig = mm.findAttribute(Attributes.signature()).map(a -> a.signature().stringValue()).orElse(null);
    String result = sig == null ? null : sig.substring(sig.lastIndexOf(')') + 1);
    boolean typeVariableReturn = result != null && result.startsWith("T");
    TypeRef ret = typeVariableReturn ? null : typeRef(type.returnType());
    JdkGenerics.Template generic = null;
    List<String> own = List.of();
    if (sig != null && sig.startsWith("<")) {
      try {
        own = new ArrayList<>();
        for (java.lang.classfile.Signature.TypeParam tp : MethodSignature.parseFrom(sig).typeParameters()) {
          own.add(tp.identifier());
        }
      } catch (IllegalArgumentException e) {
        own = List.of();
      }
    }
    if (result != null && (!typeParams.isEmpty() || !own.isEmpty() || result.indexOf('<') >= 0)) {
      generic = template(result, typeParams, own);
      if (generic != null && !generic.generic()) {
        generic = null;
      }
    }
    List<JdkGenerics.Template> ownParams = null; // a generic method's parameters, for inferring its variables
    if (!own.isEmpty() && genericParams != null && genericParams.size() == type.parameterCount() - skip) {
      ownParams = new ArrayList<>(genericParams.size());
      for (java.lang.classfile.Signature p : genericParams) {
        ownParams.add(GenericSignatures.of(p, typeParams, own, 0));
      }
      ownParams = java.util.Collections.unmodifiableList(ownParams);
    }
    return new JdkClasses.JdkMethod(owner, name, List.copyOf(params), varargs, ret, generic, classParams, ownParams);
  }

  private static String simpleName(ClassDesc d, Map<String, String> inner) {
    if (d.isPrimitive()) {
      return d.displayName();
    }
    if (d.isArray()) {
      return simpleName(d.componentType(), inner) + "[]";
    }
    String desc = d.descriptorString();
    String internal = desc.substring(1, desc.length() - 1);
    String known = inner.get(internal);
    if (known != null) {
      return known;
    }
    String simple = internal.substring(internal.lastIndexOf('/') + 1);
    int dollar = simple.lastIndexOf('$');
    return dollar >= 0 && dollar < simple.length() - 1 ? simple.substring(dollar + 1) : simple;
  }

  private static TypeRef typeRef(ClassDesc d) {
    int dims = 0;
    ClassDesc t = d;
    while (t.isArray()) {
      dims++;
      t = t.componentType();
    }
    if (t.isPrimitive()) {
      String n = t.displayName();
      return n.equals("void") ? null : new TypeRef(n, dims, null);
    }
    String desc = t.descriptorString();
    return new TypeRef(dotted(desc.substring(1, desc.length() - 1)), dims, null);
  }
}
