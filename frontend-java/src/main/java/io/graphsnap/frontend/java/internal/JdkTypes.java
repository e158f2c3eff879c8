package io.graphsnap.frontend.java.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class names of the running JDK's packages, read from its {@code jrt:/} image: used to resolve
 * simple names against {@code java.lang} and against on-demand imports of JDK packages
 * ({@code import java.util.*;}). Names of nested classes keep their {@code $} ({@code Map$Entry}).
 *
 * <p>Thread-safe; each package is listed once and cached for the life of the JVM (a few thousand short
 * strings at most). A runtime without a {@code jrt:/} image answers with empty sets.
 */
final class JdkTypes {
  private static final FileSystem JRT = openJrt();
  private static final ConcurrentHashMap<String, Set<String>> CACHE = new ConcurrentHashMap<>();

  private JdkTypes() {}

  private static FileSystem openJrt() {
    try {
      return FileSystems.getFileSystem(URI.create("jrt:/"));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The class names (without {@code .class}) in JDK package {@code pkg}, or an empty set if it is not one. */
  static Set<String> classesIn(String pkg) {
    return CACHE.computeIfAbsent(pkg, JdkTypes::list);
  }

  /** True if {@code pkg.simple} is a class of the running JDK. */
  static boolean exists(String pkg, String simple) {
    return classesIn(pkg).contains(simple);
  }

  private static Set<String> list(String pkg) {
    if (JRT == null || pkg.isEmpty() || pkg.indexOf('/') >= 0) {
      return Set.of();
    }
    Path modules = JRT.getPath("/packages", pkg);
    if (!Files.isDirectory(modules)) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    try (DirectoryStream<Path> moduleLinks = Files.newDirectoryStream(modules)) {
      for (Path link : moduleLinks) {
        Path dir = JRT.getPath("/modules", link.getFileName().toString(), pkg.replace('.', '/'));
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, "*.class")) {
          for (Path c : classes) {
            String file = c.getFileName().toString();
            names.add(file.substring(0, file.length() - ".class".length()));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
    return Set.copyOf(names);
  }
}
