package io.graphsnap.frontend.java;

import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code .java} files of a directory or of a {@code .zip}/{@code .jar} of sources (or one {@code .java}
 * file), listed once in sorted path order and read lazily, one file at a time.
 *
 * <p>Paths are repository-relative and normalised ({@link RepoPaths#normalise}): relative to the directory,
 * or the entry names of the archive. Archive entries whose names are absolute, contain {@code ..}, a
 * backslash or a control character are skipped and listed by {@link #skipped()}; so are such file names
 * in a directory. An optional prefix keeps only the paths that start with it, e.g. {@link #JAVA_BASE} for
 * the JDK's {@code lib/src.zip}, whose entries are {@code <module>/<package path>/<Name>.java}.
 *
 * <p>Opening lists the names only (O(files) small strings); {@link #read} and the {@link #iterator()}
 * read one file's bytes at a time, so memory stays bounded by the largest file. {@link #read} may be called
 * from several threads at once (a directory's files are read by path; {@link ZipFile} serves concurrent entry
 * streams); everything else from one thread. Owns the open archive until {@link #close()}.
 */
public final class SourceTree implements Iterable<SourceFile>, AutoCloseable {
  /** The prefix that selects module {@code java.base} in the JDK's {@code lib/src.zip}. */
  public static final String JAVA_BASE = "java.base/";
  /** Largest source file read, in bytes; larger ones make {@link #read} throw. */
  public static final int MAX_FILE_BYTES = 16 << 20;

  private final Path root;
  private final ZipFile zip; // null for a directory
  private final Map<String, ZipEntry> entries; // null for a directory
  private final List<String> paths;
  private final List<String> skipped;
  private boolean posixAttributes = true; // false once the file system turned out not to have the "unix" view

  private SourceTree(Path root, ZipFile zip, Map<String, ZipEntry> entries, List<String> paths, List<String> skipped) {
    this.root = root;
    this.zip = zip;
    this.entries = entries;
    this.paths = Collections.unmodifiableList(paths);
    this.skipped = Collections.unmodifiableList(skipped);
  }

  /**
   * Opens every {@code .java} file under {@code root}, a directory or a {@code .zip}/{@code .jar}, or the one
   * {@code .java} file {@code root}.
   */
  public static SourceTree open(Path root) throws IOException {
    return open(root, "");
  }

  /**
   * Opens the {@code .java} files under {@code root} whose normalised path starts with {@code pathPrefix}.
   *
   * @param root a directory, a regular file named {@code *.java}, or a regular file in zip format
   *     ({@code .zip}, {@code .jar}, …)
   * @param pathPrefix a plain string prefix of the repository-relative path; empty keeps everything
   * @throws NoSuchFileException if {@code root} does not exist
   * @throws java.util.zip.ZipException if {@code root} is a regular file that is not in zip format
   * @throws IOException if the directory cannot be walked or the archive cannot be opened
   */
  public static SourceTree open(Path root, String pathPrefix) throws IOException {
    String prefix = pathPrefix == null ? "" : pathPrefix;
    if (Files.isDirectory(root)) {
      return openDirectory(root, prefix);
    }
    if (!Files.isRegularFile(root)) {
      throw new NoSuchFileException(root.toString(), null, "not a directory nor a source archive");
    }
    if (root.getFileName().toString().endsWith(".java")) {
      return openFile(root, prefix);
    }
    return openArchive(root, prefix);
  }

  /** One {@code .java} file: its path is its file name, and {@link #root()} is its directory. */
  private static SourceTree openFile(Path file, String prefix) {
    String name = file.getFileName().toString();
    String normal = normalOrNull(name);
    List<String> paths = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (normal == null) {
      skipped.add(name);
    } else if (normal.startsWith(prefix)) {
      paths.add(normal);
    }
    return new SourceTree(file.toAbsolutePath().getParent(), null, null, paths, skipped);
  }

  /**
   * The running JDK's source archive, {@code $java.home/lib/src.zip}. The file may not exist: some JDK
   * packages leave the sources out; check with {@link Files#isRegularFile}.
   */
  public static Path jdkSourceZip() {
    return Path.of(System.getProperty("java.home"), "lib", "src.zip");
  }

  private static SourceTree openDirectory(Path root, String prefix) throws IOException {
    List<String> paths = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      Iterator<Path> it = walk.iterator();
      while (it.hasNext()) {
        Path p = it.next();
        if (!p.getFileName().toString().endsWith(".java") || !Files.isRegularFile(p)) {
          continue;
        }
        String relative = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        String normal = normalOrNull(relative);
        if (normal == null) {
          skipped.add(relative);
        } else if (normal.startsWith(prefix)) {
          paths.add(normal);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Collections.sort(paths);
    Collections.sort(skipped);
    return new SourceTree(root, null, null, paths, skipped);
  }

  private static SourceTree openArchive(Path root, String prefix) throws IOException {
    ZipFile zip = new ZipFile(root.toFile());
    boolean ok = false;
    try {
      TreeMap<String, ZipEntry> entries = new TreeMap<>();
      List<String> skipped = new ArrayList<>();
      var it = zip.entries();
      while (it.hasMoreElements()) {
        ZipEntry e = it.nextElement();
        String name = e.getName();
        if (e.isDirectory() || !name.endsWith(".java")) {
          continue;
        }
        String normal = name.indexOf('\\') >= 0 ? null : normalOrNull(name);
        if (normal == null) {
          skipped.add(name);
        } else if (normal.startsWith(prefix)) {
          entries.putIfAbsent(normal, e); // a duplicated entry name: the first one wins
        }
      }
      Collections.sort(skipped);
      SourceTree tree = new SourceTree(root, zip, entries, new ArrayList<>(entries.keySet()), skipped);
      ok = true;
      return tree;
    } finally {
      if (!ok) {
        zip.close();
      }
    }
  }

  private static String normalOrNull(String path) {
    try {
      return RepoPaths.normalise(path);
    } catch (InvalidSummaryException e) {
      return null;
    }
  }

  /** The directory or archive this tree reads (for a single {@code .java} file, its directory). */
  public Path root() {
    return root;
  }

  /** The repository-relative paths of the {@code .java} files, sorted, distinct. */
  public List<String> paths() {
    return paths;
  }

  /** The number of {@code .java} files. */
  public int size() {
    return paths.size();
  }

  /** Names of files or entries left out because their path is absolute or unsafe, sorted. */
  public List<String> skipped() {
    return skipped;
  }

  /**
   * Reads one file of this tree.
   *
   * @param path one of {@link #paths()}
   * @throws IOException if it cannot be read or is larger than {@link #MAX_FILE_BYTES}
   * @throws IllegalArgumentException if {@code path} is not one of {@link #paths()}
   */
  public SourceFile read(String path) throws IOException {
    byte[] bytes;
    if (zip != null) {
      ZipEntry e = entries.get(path);
      if (e == null) {
        throw new IllegalArgumentException(path + " is not a source file of " + root);
      }
      try (InputStream in = zip.getInputStream(e)) {
        bytes = readBounded(in, path);
      }
    } else {
      if (Collections.binarySearch(paths, path) < 0) {
        throw new IllegalArgumentException(path + " is not a source file of " + root);
      }
      Path file = root.resolve(path);
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new IOException(path + " in " + root + " is " + size + " bytes, more than " + MAX_FILE_BYTES);
      }
      bytes = Files.readAllBytes(file);
    }
    return new SourceFile(path, bytes);
  }

  /**
   * The metadata stamp of one file of this tree, read without reading its content (for an archive, from the
   * central directory read when the tree was opened; for a directory, one {@code stat} that follows links, as
   * {@link #read} does). Take the stamp before reading the file: a change after the stamp then changes it.
   *
   * @param path one of {@link #paths()}
   * @throws IOException if the file's attributes cannot be read
   * @throws IllegalArgumentException if {@code path} is not one of {@link #paths()}
   */
  public FileStamp stamp(String path) throws IOException {
    if (zip != null) {
      ZipEntry e = entries.get(path);
      if (e == null) {
        throw new IllegalArgumentException(path + " is not a source file of " + root);
      }
      return new FileStamp(FileStamp.Kind.ZIP_ENTRY, e.getSize(), e.getTime(), e.getCrc(), e.getCompressedSize(),
          e.getMethod());
    }
    if (Collections.binarySearch(paths, path) < 0) {
      throw new IllegalArgumentException(path + " is not a source file of " + root);
    }
    Path file = root.resolve(path);
    if (posixAttributes) {
      try {
        Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
        return new FileStamp(FileStamp.Kind.POSIX_FILE, (Long) a.get("size"), nanos(a.get("lastModifiedTime")),
            nanos(a.get("ctime")), (Long) a.get("ino"), (Long) a.get("dev"));
      } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
        posixAttributes = false; // no "unix" view here: basic attributes from now on
      }
    }
    var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return new FileStamp(FileStamp.Kind.BASIC_FILE, a.size(), nanos(a.lastModifiedTime()), nanos(a.creationTime()), 0,
        0);
  }

  private static long nanos(Object fileTime) {
    return ((java.nio.file.attribute.FileTime) fileTime).to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private byte[] readBounded(InputStream in, String path) throws IOException {
    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException(path + " in " + root + " is more than " + MAX_FILE_BYTES + " bytes");
    }
    return bytes;
  }

  /**
   * Iterates over the files in path order, reading each when {@code next()} is called.
   *
   * @throws UncheckedIOException from {@code next()} if a file cannot be read
   */
  @Override
  public Iterator<SourceFile> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < paths.size();
      }

      @Override
      public SourceFile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String path = paths.get(next++);
        try {
          return read(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** Closes the archive, if any. Idempotent. */
  @Override
  public void close() throws IOException {
    if (zip != null) {
      zip.close();
    }
  }
}
