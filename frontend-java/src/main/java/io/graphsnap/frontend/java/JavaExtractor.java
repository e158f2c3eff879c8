package io.graphsnap.frontend.java;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.frontend.java.internal.FileExtraction;
import io.graphsnap.frontend.java.internal.JavacParser;
import io.graphsnap.frontend.java.internal.ParsedUnit;
import io.graphsnap.frontend.java.internal.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Turns one Java source file into its {@link FileSummary} (language {@code java}): symbols for the package,
 * module, types, methods, constructors, fields and enum constants, and their {@code contains},
 * {@code extends}, {@code implements}, {@code imports}, {@code calls}, {@code references},
 * {@code overrides} and {@code tests} edges, with effects. The file is only parsed (javac's
 * {@code JavacTask.parse()}), never attributed, so no classpath is needed and names are resolved by the
 * approximate rules described in this module's README.
 *
 * <p>Naming: types {@code pkg.Outer.Inner}, local classes {@code pkg.Outer$1Local}, anonymous classes
 * {@code pkg.Outer$1}; members {@code pkg.Type#field}, {@code pkg.Type#method(int,String)} with the erased
 * simple parameter types as written, no spaces, varargs as {@code Object...}; constructors
 * {@code pkg.Type#<init>(…)}; the module {@code module:name}.
 *
 * <p>Cost: one parse and two passes over the tree, O(file size). Not thread-safe (it reuses a javac file
 * manager); use one extractor per thread. Deeply nested code needs a deep stack: call it from a thread with
 * a few megabytes of stack, as {@link ParallelExtraction} does.
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
    String path = RepoPaths.normalise(repoRelativePath);
    String text = decode(sourceBytes);
    try {
      ParsedUnit parsed = parser.parse(path, text, sourceBytes);
      return FileExtraction.extract(parsed, sourceSha256);
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
