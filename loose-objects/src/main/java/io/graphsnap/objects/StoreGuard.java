package io.graphsnap.objects;

import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store's trust boundary: checks that a store folder holds only what graphsnap itself creates there, before
 * anything is opened, created, renamed or deleted in it. A store may come with a cloned repository, so its
 * entries are not trusted: a symbolic link anywhere in the store (the store folder itself included), a FIFO,
 * socket or device where a file belongs, or a file where a folder belongs is refused with an {@link
 * UnsafeStoreException} naming the entry, and nothing is changed.
 *
 * <p>What is checked when:
 * <ol>
 *   <li>{@link #checkForWriting} (every {@link Store#open}, {@link IndexRebuild}): the store folder; {@code
 *       objects/}, {@code tmp/}, {@code snapshots/}, {@code refs/}, {@code logs/}, {@code symbols/}, {@code pending/}, {@code records/}, {@code packs/},
 *       {@code layers/} and every fan-out folder {@code objects/ab/}; {@code lock}, every {@code index*} and
 *       {@code resolution*} file, every ref file, ref log, snapshot, pack, delta, layer ref and temporary. O(fan-out folders + refs + snapshots + temporaries); loose objects themselves
 *       are checked when they are used.
 *   <li>{@link #checkForReading} (lock-free readers: the published snapshot, refs, ref logs): the store folder,
 *       {@code refs/}, {@code logs/}, {@code snapshots/} and {@code layers/}. O(1); ref files, logs, snapshots, the
 *       layer ref and deltas are checked as they are opened.
 *   <li>On use, everywhere: every open adds {@code NOFOLLOW_LINKS}, every file is checked to be regular before
 *       it is opened (a FIFO would block), every delete deletes only a regular file ({@link SafeFiles}).
 * </ol>
 * With every folder on the way checked not to be a link, every path the store touches resolves inside the
 * store's real path. To use a store folder that is itself a link (one you made), pass its target instead: the
 * command line's {@code --follow-store-link} does exactly that. Stateless, thread-safe.
 */
public final class StoreGuard {
  private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");

  private StoreGuard() {}

  /**
   * Checks the store folder itself: not a link, and a folder if it exists.
   *
   * @throws UnsafeStoreException if it is a link (the message says how to opt in) or not a folder
   */
  public static void checkRoot(StoreLayout layout) throws IOException {
    Path root = layout.root();
    Optional<BasicFileAttributes> attributes = SafeFiles.attributes(root);
    if (attributes.isPresent() && attributes.get().isSymbolicLink()) {
      String target;
      try {
        target = root.toRealPath().toString();
      } catch (IOException e) {
        target = "a missing target";
      }
      throw new UnsafeStoreException(root, "the store folder is a symbolic link (to " + target + "); a store can "
          + "come with a cloned repository, so graphsnap does not follow it: if you made this link yourself, pass "
          + "--follow-store-link (or --store " + target + ")");
    }
    if (attributes.isPresent() && !attributes.get().isDirectory()) {
      throw new UnsafeStoreException(root, SafeFiles.describe(root, attributes.get()) + ", not a store folder");
    }
  }

  /**
   * Checks what a lock-free reader relies on: the store folder, {@code refs/}, {@code logs/}, {@code snapshots/} and
   * {@code layers/}.
   */
  public static void checkForReading(StoreLayout layout) throws IOException {
    checkRoot(layout);
    SafeFiles.checkDirectoryIfPresent(layout.refsDir());
    SafeFiles.checkDirectoryIfPresent(layout.logsDir());
    SafeFiles.checkDirectoryIfPresent(layout.snapshotsDir());
    SafeFiles.checkDirectoryIfPresent(layout.layersDir());
  }

  /** Checks every entry a writer touches; see the class documentation. */
  public static void checkForWriting(StoreLayout layout) throws IOException {
    checkRoot(layout);
    if (!SafeFiles.isDirectory(layout.root())) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.root())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("index") || name.equals("lock") || name.startsWith("resolution")) {
          SafeFiles.checkFileIfPresent(entry);
        }
      }
    }
    checkFolderOfFiles(layout.refsDir());
    checkFolderOfFiles(layout.logsDir());
    checkFolderOfFiles(layout.snapshotsDir());
    checkFolderOfFiles(layout.tmpDir());
    checkFolderOfFiles(layout.filesDir());
    checkFolderOfFiles(layout.symbolsDir());
    checkFolderOfFiles(layout.pendingDir());
    checkFolderOfFiles(layout.recordsDir());
    checkFolderOfFiles(layout.packsDir());
    checkFolderOfFiles(layout.layersDir());
    if (SafeFiles.checkDirectoryIfPresent(layout.objectsDir())) {
      try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(layout.objectsDir())) {
        for (Path fanOut : fanOuts) {
          if (FAN_OUT.matcher(fanOut.getFileName().toString()).matches()) {
            SafeFiles.checkDirectoryIfPresent(fanOut);
          }
        }
      }
    }
  }

  /** {@code dir}, if present, is a folder (not a link) whose entries are all regular files (not links). */
  private static void checkFolderOfFiles(Path dir) throws IOException {
    if (!SafeFiles.checkDirectoryIfPresent(dir)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        SafeFiles.checkFileIfPresent(entry);
      }
    }
  }
}
