package io.graphsnap.frontend.java.internal;

import java.io.Writer;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import io.graphsnap.frontend.java.JavaSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses one Java file with the JDK's own compiler ({@code jdk.compiler}), without attribution: no
 * classpath is needed and no other file is read.
 *
 * <p>Preview language features of the running JDK are enabled so that its own sources parse. Not
 * thread-safe: the file manager is reused across calls; use one parser per thread. The file manager is
 * only used to create tasks, never to open files, so there is nothing to close.
 */
public final class JavacParser {
  private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
  private static final List<String> OPTIONS = List.of("-proc:none", "-nowarn", "-Xlint:none",
      "--enable-preview", "--source", Integer.toString(Runtime.version().feature()));

  private final StandardJavaFileManager fileManager;

  /** Creates a parser; throws {@link IllegalStateException} if the runtime has no Java compiler. */
  public JavacParser() {
    if (COMPILER == null) {
      throw new IllegalStateException("this Java runtime has no compiler (module jdk.compiler is missing)");
    }
    fileManager = COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  }

  /**
   * Parses {@code text}, the contents of {@code path}.
   *
   * @throws JavaSyntaxException with the first error javac reports, if any
   */
  public ParsedUnit parse(String path, String text, byte[] bytes) throws JavaSyntaxException {
    FirstError firstError = new FirstError();
    // javac prints its own crash report ("An exception has occurred in the compiler ...") to this writer, not
    // through the listener; the failure is reported as this file's error instead, so the text is dropped.
    JavacTask task = (JavacTask) COMPILER.getTask(Writer.nullWriter(), fileManager, firstError, OPTIONS, null,
        List.of(new SourceText(path, text)));
    Iterator<? extends CompilationUnitTree> units;
    try {
      units = task.parse().iterator();
    } catch (IOException e) {
      throw new JavaSyntaxException(path, 0, 0, "cannot read: " + e.getMessage());
    } catch (RuntimeException e) { // javac failed internally on this input: report it as this file's error
      if (e.getCause() instanceof OutOfMemoryError oom) {
        throw oom; // javac wraps it; the caller turns it into this file's "not enough memory" failure
      }
      if (e.getCause() instanceof StackOverflowError) {
        throw new JavaSyntaxException(path, 0, 0, "code nested too deeply for javac's parser (stack overflow)");
      }
      throw new JavaSyntaxException(path, 0, 0, "javac failed: " + e);
    }
    if (firstError.error != null) {
      Diagnostic<? extends JavaFileObject> d = firstError.error;
      throw new JavaSyntaxException(path, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
          d.getMessage(Locale.ROOT));
    }
    if (!units.hasNext()) {
      throw new JavaSyntaxException(path, 0, 0, "javac returned no compilation unit");
    }
    CompilationUnitTree unit = units.next();
    return new ParsedUnit(path, unit, Trees.instance(task).getSourcePositions(), text, bytes);
  }

  /** Keeps the first error; warnings and notes are dropped. */
  private static final class FirstError implements DiagnosticListener<JavaFileObject> {
    Diagnostic<? extends JavaFileObject> error;

    @Override
    public void report(Diagnostic<? extends JavaFileObject> d) {
      if (error == null && d.getKind() == Diagnostic.Kind.ERROR) {
        error = d;
      }
    }
  }

  /** The file's text, handed to javac from memory. */
  private static final class SourceText extends SimpleJavaFileObject {
    private final String text;

    SourceText(String path, String text) {
      super(uriOf(path), Kind.SOURCE);
      this.text = text;
    }

    private static URI uriOf(String path) {
      try {
        return new URI("string", null, "/" + path, null);
      } catch (URISyntaxException e) {
        return URI.create("string:///Unnamed.java");
      }
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
