package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses several files in one javac task, for the declaration pass: setting up a task costs about as much
 * as parsing a small file, so a batch of files shares one. Each file is still parsed on its own (javac's
 * parser never looks at another compilation unit); a file javac reports an error in gives no unit. If
 * javac fails on the batch as a whole, its files are parsed one at a time ({@link JavacParser}).
 *
 * <p>Not thread-safe: use one per thread. Same options as {@link JavacParser}.
 */
public final class BatchParser {
  private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
  private static final List<String> OPTIONS = List.of("-proc:none", "-nowarn", "-Xlint:none",
      "--enable-preview", "--source", Integer.toString(Runtime.version().feature()));

  /** One file: its repository-relative path (normalised), decoded text and bytes. */
  public record Source(String path, String text, byte[] bytes) {}

  private final StandardJavaFileManager fileManager;
  private JavacParser single;

  public BatchParser() {
    if (COMPILER == null) {
      throw new IllegalStateException("this Java runtime has no compiler (module jdk.compiler is missing)");
    }
    fileManager = COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  }

  /** The parsed units, in the order of {@code sources}; null for a file with a syntax error. */
  public List<ParsedUnit> parse(List<Source> sources) {
    List<ParsedUnit> out = new ArrayList<>(sources.size());
    Set<URI> failed = new HashSet<>();
    DiagnosticListener<JavaFileObject> listener = d -> {
      if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
        failed.add(d.getSource().toUri());
      }
    };
    List<Text> files = new ArrayList<>(sources.size());
    Map<URI, Integer> index = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      Text t = new Text(i, sources.get(i).path(), sources.get(i).text());
      files.add(t);
      index.put(t.toUri(), i);
    }
    try {
      // javac's own crash report goes to this writer: dropped, the files are parsed one by one instead.
      JavacTask task = (JavacTask) COMPILER.getTask(java.io.Writer.nullWriter(), fileManager, listener, OPTIONS, null,
          files);
      Iterable<? extends CompilationUnitTree> units = task.parse();
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      ParsedUnit[] byIndex = new ParsedUnit[sources.size()];
      for (CompilationUnitTree unit : units) {
        Integer i = index.get(unit.getSourceFile().toUri());
        if (i != null && !failed.contains(unit.getSourceFile().toUri())) {
          Source s = sources.get(i);
          byIndex[i] = new ParsedUnit(s.path(), unit, positions, s.text(), s.bytes());
        }
      }
      for (ParsedUnit u : byIndex) {
        out.add(u);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return oneByOne(sources);
    }
  }

  private List<ParsedUnit> oneByOne(List<Source> sources) {
    if (single == null) {
      single = new JavacParser();
    }
    List<ParsedUnit> out = new ArrayList<>(sources.size());
    for (Source s : sources) {
      try {
        out.add(single.parse(s.path(), s.text(), s.bytes()));
      } catch (io.graphsnap.frontend.java.JavaSyntaxException e) {
        out.add(null);
      }
    }
    return out;
  }

  /** A file's text from memory; the index keeps URIs apart even for equal paths. */
  private static final class Text extends SimpleJavaFileObject {
    private final String text;

    Text(int index, String path, String text) {
      super(uriOf(index, path), Kind.SOURCE);
      this.text = text;
    }

    private static URI uriOf(int index, String path) {
      try {
        return new URI("string", null, "/" + index + "/" + path, null);
      } catch (URISyntaxException e) {
        return URI.create("string:///" + index + "/Unnamed.java");
      }
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
