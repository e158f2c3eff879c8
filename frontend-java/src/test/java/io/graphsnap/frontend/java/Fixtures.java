package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Access to the fixture sources under {@code src/test/resources/fixtures} and to facts of summaries. */
final class Fixtures {
  private Fixtures() {}

  /** The fixture directory {@code fixtures/<name>} on disk. */
  static Path dir(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    assertNotNull(url, "fixture directory " + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Extracts fixture file {@code path} of directory {@code dir}, the path being its repository-relative name. */
  static FileSummary extract(String dir, String path) throws JavaSyntaxException {
    try {
      return new JavaExtractor().extract(path, Files.readAllBytes(dir(dir).resolve(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SymbolSummary symbol(FileSummary s, String name) {
    for (SymbolSummary y : s.symbols()) {
      if (y.name().equals(name)) {
        return y;
      }
    }
    throw new AssertionError("no symbol " + name + " in " + s.path() + "; symbols: " + names(s));
  }

  static boolean hasSymbol(FileSummary s, String name) {
    return s.symbols().stream().anyMatch(y -> y.name().equals(name));
  }

  static Set<String> names(FileSummary s) {
    Set<String> names = new TreeSet<>();
    s.symbols().forEach(y -> names.add(y.name()));
    return names;
  }

  /** The targets of the edges of {@code type} from symbol {@code source}. */
  static Set<String> targets(FileSummary s, String source, String type) {
    int index = -1;
    for (int i = 0; i < s.symbols().size(); i++) {
      if (s.symbols().get(i).name().equals(source)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new AssertionError("no symbol " + source + " in " + s.path() + "; symbols: " + names(s));
    }
    Set<String> out = new TreeSet<>();
    for (EdgeSummary e : s.edges()) {
      if (e.source() == index && e.type().equals(type)) {
        out.add(e.target());
      }
    }
    return out;
  }

  /** Extracts every file of {@code sources} (path → text, in order) against the declaration table of all of them. */
  static Map<String, FileSummary> extractTree(Map<String, String> sources, ClasspathTypes classpath) throws Exception {
    JavaExtractor x = new JavaExtractor();
    List<FileDeclarations> decls = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      try {
        decls.add(x.declarations(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
      } catch (JavaSyntaxException ignored) {
        // declares nothing
      }
    }
    DeclarationTable table = DeclarationTable.of(decls, classpath);
    Map<String, FileSummary> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      try {
        out.put(e.getKey(), x.extract(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8), table));
      } catch (JavaSyntaxException ignored) {
        // reported by the caller in real runs
      }
    }
    return out;
  }
}
