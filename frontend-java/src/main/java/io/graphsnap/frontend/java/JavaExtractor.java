package io.graphsnap.frontend.java;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.frontend.java.internal.FileExtraction;
import io.graphsnap.frontend.java.internal.JavacParser;
import io.graphsnap.frontend.java.internal.ParsedUnit;
import io.graphsnap.frontend.java.internal.Sha256;
import io.graphsnap.frontend.java.internal.SkeletonCollector;
import io.graphsnap.frontend.java.internal.TreeTypes;
import java.nio.charset.StandardCharsets;

/**
 * Turns one Java source file into its {@link FileSummary} (language {@code java}): symbols for the package,
 * module, types, methods, constructors, fields and enum constants, and their {@code contains},
 * {@code extends}, {@code implements}, {@code imports}, {@code calls}, {@code references},
 * {@code overrides} and {@code tests} edges, with effects. The file is only parsed (javac's
 * {@code JavacTask.parse()}), never attributed, so no classpath is needed; names are resolved by the
 * approximate rules in this module's README, helped by the running JDK's own class list and declarations
 * for names that are JDK classes.
 *
 * <p>Naming: types {@code pkg.Outer.Inner}, local classes {@code pkg.Outer$1Local}, anonymous classes
 * {@code pkg.Outer$1} (javac's numbering, per enclosing type); members {@code pkg.Type#field},
 * {@code pkg.Type#method(int,String)} with the erased simple parameter types as written, comma-separated
 * without spaces, type variables erased to their first bound ({@code Object} when unbounded), varargs as
 * {@code Object...}; constructors {@code pkg.Type#<init>(…)}; the module {@code module:name}. A name that
 * would repeat (only in code javac rejects) gets {@code ~2}, {@code ~3}, ….
 *
 * <p>Kinds: {@code package}, {@code module}, {@code class}, {@code interface}, {@code enum}, {@code record},
 * {@code annotation}, {@code method}, {@code constructor}, {@code test} (a method annotated {@code @Test} and
 * the like), {@code field}, {@code enum-constant}. Implicit members (default constructor, a record's
 * canonical constructor and accessors, an enum's {@code values()} and {@code valueOf(String)}) are symbols
 * with metadata {@code implicit=true}; metadata {@code modifiers} lists the modifiers as written.
 *
 * <p>Effects of a method, constructor, field initializer or initializer block: the union over the types
 * it references (signature and body) and the declaring types of the methods it calls, types declared in
 * the same file excepted, and over its modifiers and statements:
 * <table>
 *   <caption>Effect rules</caption>
 *   <tr><th>effect</th><th>from</th></tr>
 *   <tr><td>{@code io}</td><td>{@code java.io.*} (not {@code Serializable}, {@code Serial}),
 *       {@code java.nio.file.*}, {@code java.nio.channels.*}</td></tr>
 *   <tr><td>{@code net}</td><td>{@code java.net.*}, {@code java.net.http.*}</td></tr>
 *   <tr><td>{@code db}</td><td>{@code java.sql.*}, {@code javax.sql.*}</td></tr>
 *   <tr><td>{@code reflect}</td><td>{@code java.lang.reflect.*}, {@code MethodHandles} (and its nested
 *       types), {@code MethodHandle}, {@code MethodType}; calls of {@code Class.forName},
 *       {@code getDeclaredMethod} and the like</td></tr>
 *   <tr><td>{@code concurrency}</td><td>{@code java.util.concurrent.*}, {@code Thread}, {@code ThreadLocal},
 *       {@code ThreadGroup}; {@code synchronized} methods and blocks; {@code wait()}, {@code notify()},
 *       {@code notifyAll()}</td></tr>
 *   <tr><td>{@code unsafe}</td><td>{@code sun.misc.Unsafe}, {@code jdk.internal.misc.*}</td></tr>
 *   <tr><td>{@code native}</td><td>{@code native} methods, and calls of a native method of the same
 *       file</td></tr>
 * </table>
 *
 * <p>Cost: one parse and two passes over the tree, O(file size). Not thread-safe (it reuses a javac file
 * manager); use one extractor per thread. Deeply nested code needs a deep stack: call it from a thread with
 * a few megabytes of stack, as {@link ParallelExtraction} does. The result depends only on the bytes, the
 * path and the running JDK (whose class list and declarations resolve names of JDK classes).
 */
public final class JavaExtractor {
  private final JavacParser parser = new JavacParser();

  /** Creates an extractor; throws {@link IllegalStateException} if the runtime has no Java compiler. */
  public JavaExtractor() {}

  /**
   * Extracts one file.
   *
   * @param repoRelativePath the file's repository-relative path (normalised by {@link RepoPaths#normalise})
   * @param sourceBytes the file's bytes, UTF-8 (malformed bytes are read as U+FFFD); not modified, not kept
   * @return the file's summary, with {@code sourceSha256} the SHA-256 of {@code sourceBytes}
   * @throws JavaSyntaxException if javac reports an error, with the path, line and javac's message
   * @throws InvalidSummaryException if the path is not a valid repository-relative path, or the file
   *     exceeds a limit of the loose-object format
   */
  public FileSummary extract(String repoRelativePath, byte[] sourceBytes) throws JavaSyntaxException {
    return extract(repoRelativePath, sourceBytes, Sha256.of(sourceBytes));
  }

  /** As {@link #extract(String, byte[])}, with the SHA-256 of the bytes already computed. */
  FileSummary extract(String repoRelativePath, byte[] sourceBytes, byte[] sourceSha256) throws JavaSyntaxException {
    return extract(repoRelativePath, sourceBytes, sourceSha256, null);
  }

  /**
   * Extracts one file of a source tree, resolving its names against the whole tree's declarations (and the
   * JDK's and the class path's): types of other files, their methods, fields and member types. The result
   * depends on the bytes, the path and the table (its {@link DeclarationTable#fingerprint() fingerprint}).
   *
   * @param table the tree's declarations, or {@code null} to resolve the file alone
   */
  public FileSummary extract(String repoRelativePath, byte[] sourceBytes, DeclarationTable table)
      throws JavaSyntaxException {
    return extract(repoRelativePath, sourceBytes, Sha256.of(sourceBytes), table);
  }

  FileSummary extract(String repoRelativePath, byte[] sourceBytes, byte[] sourceSha256, DeclarationTable table)
      throws JavaSyntaxException {
    String path = RepoPaths.normalise(repoRelativePath);
    String text = decode(sourceBytes);
    try {
      ParsedUnit parsed = parser.parse(path, text, sourceBytes);
      return FileExtraction.extract(parsed, sourceSha256, table == null ? TreeTypes.NONE : table.types());
    } catch (StackOverflowError e) {
      throw new JavaSyntaxException(path, 0, 0, "code nested too deeply for the extractor (stack overflow)");
    }
  }

  /** Extracts a file the declaration pass parsed already (the same as parsing its bytes again). */
  FileSummary extract(ParsedUnit parsed, byte[] sourceSha256, DeclarationTable table) throws JavaSyntaxException {
    try {
      return FileExtraction.extract(parsed, sourceSha256, table == null ? TreeTypes.NONE : table.types());
    } catch (StackOverflowError e) {
      throw new JavaSyntaxException(parsed.path(), 0, 0, "code nested too deeply for the extractor (stack overflow)");
    }
  }

  /**
   * The first pass: what this file declares that other files can see (see {@link DeclarationTable}).
   *
   * @throws JavaSyntaxException if javac reports an error
   */
  public FileDeclarations declarations(String repoRelativePath, byte[] sourceBytes) throws JavaSyntaxException {
    String path = RepoPaths.normalise(repoRelativePath);
    try {
      return SkeletonCollector.collect(parser.parse(path, decode(sourceBytes), sourceBytes));
    } catch (StackOverflowError e) {
      throw new JavaSyntaxException(path, 0, 0, "code nested too deeply for the extractor (stack overflow)");
    }
  }

  /** UTF-8 with malformed bytes replaced; a byte-order mark becomes a space, which keeps every later offset. */
  private static String decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? ' ' + text.substring(1) : text;
  }
}
