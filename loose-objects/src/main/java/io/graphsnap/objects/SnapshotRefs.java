package io.graphsnap.objects;

import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lock-free access to a store's refs for readers: the ref files under {@code refs/} (each 64 hex digits and a
 * newline, replaced atomically by writers) and the snapshot files they name. Never opens the index, so it
 * works while a writer holds the store. Stateless, thread-safe.
 *
 * <p>A reader that resolves a ref and then opens the snapshot may, rarely, find it gone: a gc between the
 * two deleted it because the ref moved on. Resolve again and retry.
 */
public final class SnapshotRefs {
  /** Fewest hex digits accepted as a snapshot id prefix. */
  public static final int MIN_PREFIX = 4;

  private SnapshotRefs() {}

  /**
   * A snapshot named on a command line.
   *
   * @param id the snapshot id (64 hex digits)
   * @param file its file
   * @param ref the ref it was found through, or empty if it was named by id
   */
  public record Resolved(String id, Path file, Optional<String> ref) {}

  /** The snapshot id ref {@code name} names, if its file exists. */
  public static Optional<String> read(Path storeDir, String name) throws IOException {
    return Refs.read(StoreLayout.of(storeDir), name);
  }

  /**
   * Every ref file of the store and the snapshot id it names, sorted by name. Files whose names are not ref
   * names are ignored. O(refs).
   *
   * @throws IOException naming the file if a ref file does not hold a snapshot id
   */
  public static SortedMap<String, String> all(Path storeDir) throws IOException {
    StoreLayout layout = StoreLayout.of(storeDir);
    StoreGuard.checkForReading(layout);
    SortedMap<String, String> refs = new TreeMap<>();
    if (!SafeFiles.isDirectory(layout.refsDir())) {
      return refs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.refsDir())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (StoreLayout.isRefName(name)) {
          Refs.read(layout, name).ifPresent(id -> refs.put(name, id)); // refuses links, folders and FIFOs
        }
      }
    }
    return Collections.unmodifiableSortedMap(refs);
  }

  /**
   * Resolves {@code spec}: a ref name whose file exists ({@code HEAD}, {@code main}), else a snapshot id or a
   * unique prefix of at least {@value #MIN_PREFIX} hex digits of one in {@code snapshots/}.
   *
   * @throws NoSuchFileException if nothing matches, or the snapshot a ref names is missing
   * @throws IllegalArgumentException if a prefix matches several snapshots (the message lists them)
   */
  public static Resolved resolve(Path storeDir, String spec) throws IOException {
    StoreLayout layout = StoreLayout.of(storeDir);
    StoreGuard.checkForReading(layout);
    if (StoreLayout.isRefName(spec)) {
      Optional<String> id = Refs.read(layout, spec);
      if (id.isPresent()) {
        Path file = layout.snapshotFile(id.get());
        if (!SafeFiles.checkFileIfPresent(file)) {
          throw new NoSuchFileException(file.toString(), null, "ref " + spec + " names snapshot " + id.get()
              + " but its file is missing");
        }
        return new Resolved(id.get(), file, Optional.of(spec));
      }
    }
    String prefix = spec.toLowerCase(Locale.ROOT);
    if (prefix.length() < MIN_PREFIX || prefix.length() > 64 || !prefix.matches("[0-9a-f]+")) {
      throw new NoSuchFileException(spec, null, "no ref of that name in " + layout.refsDir()
          + ", and not a snapshot id or a prefix of " + MIN_PREFIX + "+ hex digits");
    }
    List<String> matches = new ArrayList<>();
    if (Files.isDirectory(layout.snapshotsDir())) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.snapshotsDir(), prefix + "*" + StoreLayout.SNAPSHOT_SUFFIX)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          String id = name.substring(0, name.length() - StoreLayout.SNAPSHOT_SUFFIX.length());
          if (id.matches("[0-9a-f]{64}")) {
            SafeFiles.checkFileIfPresent(file);
            matches.add(id);
          }
        }
      }
    }
    if (matches.isEmpty()) {
      throw new NoSuchFileException(spec, null, "no ref and no snapshot with that id prefix in " + layout.snapshotsDir());
    }
    if (matches.size() > 1) {
      Collections.sort(matches);
      throw new IllegalArgumentException("snapshot prefix " + spec + " is ambiguous: " + String.join(", ", matches));
    }
    return new Resolved(matches.get(0), layout.snapshotFile(matches.get(0)), Optional.empty());
  }
}
