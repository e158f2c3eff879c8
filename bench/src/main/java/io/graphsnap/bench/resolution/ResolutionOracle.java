package io.graphsnap.bench.resolution;

import io.graphsnap.bench.resolution.BytecodeClasses.ClassInfo;
import io.graphsnap.bench.resolution.BytecodeClasses.Declared;
import io.graphsnap.bench.resolution.BytecodeClasses.Invoke;
import io.graphsnap.bench.resolution.BytecodeClasses.Method;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.frontend.java.ExtractionResult;
import io.graphsnap.frontend.java.ParallelExtraction;
import io.graphsnap.frontend.java.SourceTree;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Scores graphsnap's {@code calls} edges against javac's bytecode. The sources are extracted by the real
 * code path ({@link ParallelExtraction}); the compiled classes are read with {@code java.lang.classfile}.
 *
 * <p>What is scored: for each source file, the distinct methods and constructors of the project that its
 * compiled code invokes ({@code invokevirtual}, {@code invokespecial}, {@code invokestatic},
 * {@code invokeinterface}; the target resolved to its declaration as the JVM does, through superclasses and
 * superinterfaces of the project). Each (file, target) pair is
 * <ul>
 *   <li><b>found</b> when the file has a {@code calls} edge to the declared method's graphsnap name, or to
 *       the same signature declared on a supertype of the call's static owner or of the declaring class;
 *   <li><b>wrong</b> when not found but the file has a {@code calls} edge to another method declared in the
 *       project with the same name and number of parameters;
 *   <li><b>unresolved</b> otherwise (the call ended on an external or placeholder node, or is missing).
 * </ul>
 * Left out, and counted as "generated": calls from synthetic methods other than lambda bodies, from bridges,
 * from methods of synthetic classes (the {@code $SwitchMap$} class of a {@code switch} on an enum, whose
 * initializer calls the enum's {@code values()} and {@code ordinal()}), from enum {@code values}/{@code valueOf}; constructors of local and anonymous classes (their compiled
 * parameters include captured variables); and calls whose method name (for a constructor: the class's
 * simple name) is never written as a call in the caller's source file ({@code name(} or {@code ::name}; for a
 * constructor: the class's simple name is not a word of the file), string concatenation's
 * {@code StringBuilder} calls in a file that never names {@code StringBuilder}, and boxing
 * ({@code Integer.valueOf(int)}) in a file that never writes {@code Integer.valueOf}: those are the compiler's
 * own (string {@code switch}, boxing, enhanced {@code for}, {@code Objects.requireNonNull} for method
 * references, implicit {@code super()} of a class that names no superclass).
 *
 * <p>Also counted: {@code calls} edges with an unknown receiver ({@code ?#m}), placeholder targets
 * ({@code (?)} parameters), phantom types (targets of {@code extends}, {@code implements},
 * {@code references} and {@code tests} edges that no file declares and that are not classes of the project,
 * the class path or the running JDK), and {@code tests} edges to such missing classes.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.graphsnap.bench.resolution.ResolutionOracle
 * --sources SRC.zip|DIR [--prefix java.base/] --classes CLASSES.jar|DIR|jrt:/java.base [--classpath A.jar:B.jar]
 * [--misses FILE.tsv] [--label NAME]}. The misses file has one tab-separated line per pair not found
 * ({@code [library-]unresolved|wrong, file, target, closest edge}), per phantom type, and per {@code ?#m} edge
 * ({@code unknown-receiver, file, target, [lines]}).
 */
public final class ResolutionOracle {
  /** The result of one run. */
  public record Score(String label, int files, int failedFiles, long targets, long found, long wrong,
      long unresolved, long generated, long callEdges, long unknownReceiverEdges, long placeholderEdges,
      long phantomTypes, long testsEdges, long testsToMissing, double extractSeconds,
      long libraryTargets, long libraryFound, long libraryWrong, List<String> misses) {
    double pct(long n) {
      return targets == 0 ? 0 : 100.0 * n / targets;
    }

    double pctOfEdges(long n) {
      return callEdges == 0 ? 0 : 100.0 * n / callEdges;
    }

    /** One Markdown table row. */
    public String row() {
      return String.format(Locale.ROOT, "| %s | %,d | %,d | %.2f %% | %.2f %% | %.2f %% | %,d | %.2f %% | %.2f %% | %,d | %,d of %,d | %,d: %.2f %% found, %.2f %% wrong | %.1f s (%.0f files/s) |",
          label, files, targets, pct(found), pct(wrong), pct(unresolved), generated, pctOfEdges(unknownReceiverEdges),
          pctOfEdges(placeholderEdges), phantomTypes, testsToMissing, testsEdges, libraryTargets,
          libraryTargets == 0 ? 0 : 100.0 * libraryFound / libraryTargets,
          libraryTargets == 0 ? 0 : 100.0 * libraryWrong / libraryTargets, extractSeconds,
          files / Math.max(1e-9, extractSeconds));
    }

    public static String header() {
      return "| project | files | (file, target) pairs | found | wrong | unresolved | generated (left out) | `?#m` edges | `(?)` edges | unknown types | tests → missing | library (JDK, class path) pairs | both passes |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }
  }

  private ResolutionOracle() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (!opts.containsKey("sources") || !opts.containsKey("classes")) {
      System.err.println("usage: ResolutionOracle --sources SRC --classes CLASSES [--prefix P] [--classpath A:B] [--misses FILE] [--label NAME] [--threads N]");
      System.exit(2);
    }
    List<Path> classpath = new ArrayList<>();
    if (opts.containsKey("classpath")) {
      for (String p : opts.get("classpath").split(java.io.File.pathSeparator)) {
        if (!p.isBlank()) {
          classpath.add(Path.of(p));
        }
      }
    }
    Score s = run(opts.getOrDefault("label", opts.get("sources")), Path.of(opts.get("sources")),
        opts.getOrDefault("prefix", ""), opts.get("classes"), classpath,
        Integer.parseInt(opts.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors()))));
    PrintStream out = System.out;
    out.println(Score.header());
    out.println(s.row());
    if (opts.containsKey("misses")) {
      Files.write(Path.of(opts.get("misses")), s.misses(), StandardCharsets.UTF_8);
    }
  }

  /** Extracts {@code sources} and scores its calls edges against the classes at {@code classes}. */
  public static Score run(String label, Path sources, String prefix, String classes, List<Path> classpath, int threads)
      throws IOException, InterruptedException {
    BytecodeClasses bytecode = BytecodeClasses.read(classes);
    List<FileSummary> summaries = new ArrayList<>();
    Map<String, Set<String>> words = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    ExtractionResult result;
    long start = System.nanoTime();
    try (SourceTree tree = SourceTree.open(sources, prefix)) {
      result = new ParallelExtraction().threads(threads).classpath(classpath).run(tree, summaries::add);
      for (String path : tree.paths()) {
        String text = new String(tree.read(path).bytes(), StandardCharsets.UTF_8);
        words.put(path, words(text));
        texts.put(path, text);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return score(label, bytecode, summaries, words, texts, result, classpath, seconds);
  }

  static Score score(String label, BytecodeClasses bytecode, List<FileSummary> summaries, Map<String, Set<String>> words,
      Map<String, String> texts, ExtractionResult result, List<Path> classpath, double seconds) throws IOException {
    Set<String> declared = new HashSet<>();
    Map<String, FileSummary> byKey = new HashMap<>();
    for (FileSummary f : summaries) {
      String pkg = "";
      for (SymbolSummary s : f.symbols()) {
        declared.add(s.name());
        if (s.kind().equals("package")) {
          pkg = s.name();
        }
      }
      String file = f.path().substring(f.path().lastIndexOf('/') + 1);
      byKey.put(pkg.isEmpty() ? file : pkg.replace('.', '/') + "/" + file, f);
    }
    List<String> misses = new ArrayList<>();
    long[] project = tally(bytecode, null, byKey, declared, words, texts, misses);
    BytecodeClasses libraries = BytecodeClasses.libraries(classpath);
    libraries.classes.putAll(bytecode.classes); // calls on project types may resolve to inherited library methods
    long[] library = tally(bytecode, libraries, byKey, declared, words, texts, misses);
    long targets = project[0];
    long found = project[1];
    long wrong = project[2];
    long unresolved = project[3];
    long generated = project[4];
    long callEdges = 0;
    long unknownReceiver = 0;
    long placeholders = 0;
    long testsEdges = 0;
    long testsMissing = 0;
    Set<String> classNames = availableClasses(bytecode, classpath);
    Set<String> phantoms = new HashSet<>();
    for (FileSummary f : summaries) {
      for (EdgeSummary edge : f.edges()) {
        switch (edge.type()) {
          case "calls" -> {
            callEdges++;
            if (edge.target().startsWith("?#")) {
              unknownReceiver++;
              misses.add("unknown-receiver\t" + f.path() + "\t" + edge.target() + "\t" + java.util.Arrays.toString(edge.lines()));
            } else if (edge.target().contains("?") || !edge.target().contains("(")) {
              placeholders++;
            }
          }
          case "extends", "implements", "references", "tests" -> {
            String t = edge.target();
            if (t.indexOf('#') < 0 && !declared.contains(t) && !classNames.contains(t)) {
              phantoms.add(t);
              if (edge.type().equals("tests")) {
                testsMissing++;
              }
            }
            if (edge.type().equals("tests")) {
              testsEdges++;
            }
          }
          default -> { }
        }
      }
    }
    for (String p : phantoms) {
      misses.add("phantom\t\t" + p + "\t");
    }
    return new Score(label, result.files(), result.failures().size(), targets, found, wrong, unresolved, generated,
        callEdges, unknownReceiver, placeholders, phantoms.size(), testsEdges, testsMissing, seconds, library[0],
        library[1], library[2], misses);
  }

  /**
   * Scores the (file, target) pairs of the project's own methods ({@code libraries} null), or of the methods
   * of its libraries (the JDK and the class path) that the project calls: {targets, found, wrong,
   * unresolved, generated}.
   */
  private static long[] tally(BytecodeClasses bytecode, BytecodeClasses libraries, Map<String, FileSummary> byKey,
      Set<String> declared, Map<String, Set<String>> words, Map<String, String> texts, List<String> misses) {
    String tag = libraries == null ? "" : "library-";
    long targets = 0;
    long found = 0;
    long wrong = 0;
    long unresolved = 0;
    long generated = 0;
    Map<String, Map<String, List<Invoke>>> perFile = new TreeMap<>();
    BytecodeClasses resolver = libraries == null ? bytecode : libraries;
    for (ClassInfo c : bytecode.classes.values()) {
      if (c.sourceFile == null) {
        continue;
      }
      String pkg = BytecodeClasses.packageOf(c.name);
      String key = pkg.isEmpty() ? c.sourceFile : pkg.replace('.', '/') + "/" + c.sourceFile;
      for (Method m : c.methods.values()) {
        boolean lambda = m.name().startsWith("lambda$");
        if ((m.has(AccessFlag.SYNTHETIC) && !lambda) || m.has(AccessFlag.BRIDGE) || c.isSynthetic
            || c.isEnum && (m.name().equals("values") || m.name().equals("valueOf") || m.name().equals("$values"))) {
          generated += m.invokes().size();
          continue;
        }
        for (Invoke inv : m.invokes()) {
          Declared d = bytecode.resolve(inv.owner(), inv.name(), inv.descriptor());
          if (libraries != null) {
            if (d != null) {
              continue; // the project's own
            }
            d = libraries.resolve(inv.owner(), inv.name(), inv.descriptor());
          }
          if (d == null) {
            continue; // outside what is scored
          }
          String target = resolver.methodName(d.owner(), d.method());
          perFile.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(target, k -> new ArrayList<>()).add(inv);
        }
      }
    }
    for (Map.Entry<String, Map<String, List<Invoke>>> e : perFile.entrySet()) {
      FileSummary f = byKey.get(e.getKey());
      Set<String> text = f == null ? Set.of() : words.getOrDefault(f.path(), Set.of());
      Set<String> calls = new HashSet<>();
      if (f != null) {
        for (EdgeSummary edge : f.edges()) {
          if (edge.type().equals("calls")) {
            calls.add(edge.target());
          }
        }
      }
      Set<String> acceptedInFile = new HashSet<>();
      for (List<Invoke> invs : e.getValue().values()) {
        for (Invoke inv : invs) {
          acceptedInFile.addAll(accepted(resolver, inv, resolver.resolve(inv.owner(), inv.name(), inv.descriptor())));
        }
      }
      for (Map.Entry<String, List<Invoke>> t : e.getValue().entrySet()) {
        Invoke inv = t.getValue().getFirst();
        Declared d = resolver.resolve(inv.owner(), inv.name(), inv.descriptor());
        boolean ctor = d.method().name().equals("<init>");
        if (ctor && d.owner().localOrAnonymous || d.method().has(AccessFlag.SYNTHETIC)) {
          generated++;
          continue;
        }
        if (generated(resolver, d, ctor, text, f == null ? "" : texts.getOrDefault(f.path(), ""))) {
          generated++;
          continue;
        }
        targets++;
        Set<String> accepted = new HashSet<>(); // the same declaration may be reached through several static owners
        for (Invoke other : t.getValue()) {
          accepted.addAll(accepted(resolver, other, resolver.resolve(other.owner(), other.name(), other.descriptor())));
        }
        boolean ok = false;
        for (String a : accepted) {
          if (calls.contains(a)) {
            ok = true;
            break;
          }
        }
        if (ok) {
          found++;
          continue;
        }
        String target = t.getKey();
        String nameAndArity = methodPart(target);
        String wrongTarget = null;
        for (String c : calls) {
          boolean named = libraries == null ? declared.contains(c) : c.indexOf('?') < 0 && !declared.contains(c);
          if (named && !acceptedInFile.contains(c) && methodPart(c).equals(nameAndArity)) {
            wrongTarget = c;
            break;
          }
        }
        if (wrongTarget != null) {
          wrong++;
          misses.add(tag + "wrong\t" + e.getKey() + "\t" + target + "\t" + wrongTarget);
        } else {
          unresolved++;
          misses.add(tag + "unresolved\t" + e.getKey() + "\t" + target + "\t" + closest(calls, target));
        }
      }
    }
    return new long[] {targets, found, wrong, unresolved, generated};
  }

  private static final java.util.Map<String, String> BOXES = java.util.Map.of("java/lang/Integer", "Integer",
      "java/lang/Long", "Long", "java/lang/Short", "Short", "java/lang/Byte", "Byte", "java/lang/Character", "Character",
      "java/lang/Boolean", "Boolean", "java/lang/Float", "Float", "java/lang/Double", "Double");

  /**
   * True for a call the compiler wrote, not the source: the method's name is never written as a call
   * ({@code name(} or {@code ::name}) in the file (for a constructor: the class's simple name is not a word of
   * it); {@code StringBuilder} calls of string concatenation in a file that never names {@code StringBuilder};
   * boxing ({@code Integer.valueOf(int)}) in a file that never writes {@code Integer.valueOf}.
   */
  private static boolean generated(BytecodeClasses bytecode, Declared d, boolean ctor, Set<String> words, String text) {
    String owner = d.owner().name;
    if (ctor) {
      return !words.contains(simple(d.owner(), bytecode));
    }
    String name = d.method().name();
    if (owner.equals("java/lang/StringBuilder") && !words.contains("StringBuilder")) {
      return true;
    }
    String box = BOXES.get(owner);
    if (box != null && name.equals("valueOf") && !text.contains(box + ".valueOf")) {
      return true;
    }
    return !java.util.regex.Pattern.compile("(\\b" + java.util.regex.Pattern.quote(name) + "\\s*\\(|::\\s*"
        + java.util.regex.Pattern.quote(name) + "\\b)").matcher(text).find();
  }

  private static String simple(ClassInfo c, BytecodeClasses bytecode) {
    String n = bytecode.graphsnapName(c.name);
    return n.substring(n.lastIndexOf('.') + 1);
  }

  /** The declared name, and the same signature on every project supertype of the static owner or declaring class. */
  private static Set<String> accepted(BytecodeClasses bytecode, Invoke inv, Declared d) {
    Set<String> out = new HashSet<>();
    out.add(bytecode.methodName(d.owner(), d.method()));
    if (d.method().name().equals("<init>")) {
      return out;
    }
    Set<String> types = new HashSet<>(bytecode.supertypes(inv.owner()));
    types.addAll(bytecode.supertypes(d.owner().name));
    for (String t : types) {
      ClassInfo c = bytecode.classes.get(t);
      Method m = c.methods.get(d.method().name() + d.method().descriptor());
      if (m != null) {
        out.add(bytecode.methodName(c, m));
      }
    }
    return out;
  }

  /** {@code #m/2} for {@code a.B#m(int,String)}. */
  private static String methodPart(String target) {
    int hash = target.indexOf('#');
    int paren = target.indexOf('(', hash);
    if (hash < 0 || paren < 0) {
      return target;
    }
    String params = target.substring(paren + 1, target.length() - 1);
    int arity = params.isEmpty() ? 0 : params.split(",", -1).length;
    return target.substring(hash, paren) + "/" + arity;
  }

  private static String closest(Set<String> calls, String target) {
    String part = methodPart(target);
    for (String c : calls) {
      if (methodPart(c).equals(part)) {
        return c;
      }
    }
    String name = target.substring(target.indexOf('#'), target.indexOf('('));
    for (String c : calls) {
      if (c.contains(name + "(")) {
        return c;
      }
    }
    return "";
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (Character.isJavaIdentifierStart(text.charAt(i))) {
        int s = i;
        while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
          i++;
        }
        out.add(text.substring(s, i));
      } else {
        i++;
      }
    }
    return out;
  }

  /** Dotted names ({@code a.B.C}, nesting with dots) of the project's, the class path's and the JDK's classes. */
  private static Set<String> availableClasses(BytecodeClasses bytecode, List<Path> classpath) throws IOException {
    Set<String> out = new HashSet<>();
    for (String c : bytecode.classes.keySet()) {
      out.add(bytecode.graphsnapName(c));
      out.add(c.replace('/', '.').replace('$', '.'));
    }
    for (Path p : classpath) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> out.add(dotted(p.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))));
        }
      } else {
        try (ZipFile zip = new ZipFile(p.toFile())) {
          Enumeration<? extends ZipEntry> it = zip.entries();
          while (it.hasMoreElements()) {
            String n = it.nextElement().getName();
            if (n.endsWith(".class")) {
              out.add(dotted(n));
            }
          }
        }
      }
    }
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (Stream<Path> modules = Files.list(jrt.getPath("modules"))) {
      for (Path m : (Iterable<Path>) modules::iterator) {
        try (Stream<Path> walk = Files.walk(m)) {
          walk.filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> out.add(dotted(m.relativize(f).toString())));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
    return out;
  }

  private static String dotted(String classFile) {
    String n = classFile.startsWith("META-INF/versions/") ? classFile.replaceFirst("META-INF/versions/\\d+/", "") : classFile;
    return n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('$', '.');
  }
}
