package io.graphsnap.objects.internal;

import io.graphsnap.objects.UnsafeStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * File operations on store entries that never follow a symbolic link and never open a special file. Every
 * check reads the entry's own attributes ({@link LinkOption#NOFOLLOW_LINKS}); every open adds {@code
 * NOFOLLOW_LINKS} (O_NOFOLLOW), so a link swapped in after the check fails the open instead of being followed;
 * a FIFO is refused before it is opened, so no open blocks. Failures are {@link UnsafeStoreException}s naming
 * the entry. The folders above an entry are checked by {@link io.graphsnap.objects.StoreGuard} when the store is
 * opened. Not API. Stateless, thread-safe.
 */
public final class SafeFiles {
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private SafeFiles() {}

  /**
   * The entry's own attributes (a link is described, not followed), or empty if it does not exist. Not free for an
   * absent entry: without following links, the JDK's {@code readAttributesIfExists} (JDK 25) falls back to catching
   * {@code NoSuchFileException}, two exceptions a call, so a hot path asks once and remembers ({@code ObjectBatch}
   * notes the fan-out folders it found absent).
   */
  public static Optional<BasicFileAttributes> attributes(Path entry) throws IOException {
    return Optional.ofNullable(
        entry.getFileSystem().provider().readAttributesIfExists(entry, BasicFileAttributes.class, NO_FOLLOW));
  }

  /** True if {@code entry} is a regular file and not a link. */
  public static boolean isRegularFile(Path entry) {
    return Files.isRegularFile(entry, NO_FOLLOW);
  }

  /** True if {@code entry} is a folder and not a link. */
  public static boolean isDirectory(Path entry) {
    return Files.isDirectory(entry, NO_FOLLOW);
  }

  /**
   * Checks that {@code entry}, if it exists, is a regular file and not a link.
   *
   * @return whether it exists
   * @throws UnsafeStoreException if it exists and is anything else
   */
  public static boolean checkFileIfPresent(Path entry) throws IOException {
    Optional<BasicFileAttributes> attributes = attributes(entry);
    if (attributes.isEmpty()) {
      return false;
    }
    if (!attributes.get().isRegularFile()) {
      throw new UnsafeStoreException(entry, describe(entry, attributes.get()) + " where a regular file belongs; "
          + fix(entry));
    }
    return true;
  }

  /**
   * Checks that {@code entry}, if it exists, is a folder and not a link.
   *
   * @return whether it exists
   * @throws UnsafeStoreException if it exists and is anything else
   */
  public static boolean checkDirectoryIfPresent(Path entry) throws IOException {
    Optional<BasicFileAttributes> attributes = attributes(entry);
    if (attributes.isEmpty()) {
      return false;
    }
    if (!attributes.get().isDirectory()) {
      throw new UnsafeStoreException(entry, describe(entry, attributes.get()) + " where a folder belongs; "
          + fix(entry));
    }
    return true;
  }

  /**
   * Opens a store file with {@code options} plus {@code NOFOLLOW_LINKS}, after checking that it is a regular
   * file if it exists (so a FIFO never blocks the open).
   *
   * @throws NoSuchFileException if it does not exist and {@code options} do not create it
   * @throws UnsafeStoreException if it is a link or not a regular file
   */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    checkFileIfPresent(file);
    OpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
    all[options.length] = LinkOption.NOFOLLOW_LINKS;
    try {
      return FileChannel.open(file, all);
    } catch (java.nio.file.FileSystemException e) {
      if (Files.isSymbolicLink(file)) { // swapped in between the check and the open: O_NOFOLLOW refused it
        throw new UnsafeStoreException(file, "is a symbolic link; " + fix(file));
      }
      throw e;
    }
  }

  /**
   * Makes sure store folder {@code dir} exists (its parent must): creates it and forces the parent if it is
   * missing.
   *
   * @throws UnsafeStoreException if it exists and is a link or not a folder
   */
  public static void ensureDirectory(Path dir) throws IOException {
    if (checkDirectoryIfPresent(dir)) {
      return;
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      checkDirectoryIfPresent(dir); // created concurrently, or something else appeared
      return;
    }
    FileSync.forceDirectory(dir.getParent());
  }

  /**
   * The first {@code max + 1} bytes at most of the small file {@code file} (a ref), opened as {@link #open} does; empty
   * if it does not exist. A caller that gets more than {@code max} bytes knows the file is too long.
   */
  public static Optional<byte[]> readSmall(Path file, int max) throws IOException {
    try (InputStream in = newInputStream(file)) {
      return Optional.of(in.readNBytes(max + 1));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** {@link #open} for reading, as a stream. */
  public static InputStream newInputStream(Path file) throws IOException {
    return Channels.newInputStream(open(file, StandardOpenOption.READ));
  }

  /**
   * Deletes {@code file} if it is a regular file; returns false if it does not exist.
   *
   * @throws UnsafeStoreException if it is a link, a folder or a special file: nothing is deleted
   */
  public static boolean deleteRegularFile(Path file) throws IOException {
    if (!checkFileIfPresent(file)) {
      return false;
    }
    return Files.deleteIfExists(file);
  }

  /**
   * Deletes the regular files directly in {@code dir} whose names match {@code glob}, leaving links and other
   * entries alone.
   */
  public static void deleteRegularFiles(Path dir, String glob) throws IOException {
    if (!isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      for (Path entry : entries) {
        if (isRegularFile(entry)) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  /** A few words on what {@code entry} is: "is a symbolic link (to X)", "is a FIFO or device", "is a folder". */
  public static String describe(Path entry, BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      String target;
      try {
        target = " (to " + Files.readSymbolicLink(entry) + ")";
      } catch (IOException | UnsupportedOperationException e) {
        target = "";
      }
      return "is a symbolic link" + target;
    }
    if (attributes.isDirectory()) {
      return "is a folder";
    }
    if (attributes.isOther()) {
      return "is a FIFO, socket or device";
    }
    return "is a regular file";
  }

  private static String fix(Path entry) {
    return "graphsnap does not follow links or open special files inside a store (a store can come with a cloned "
        + "repository); remove " + entry + " if you did not put it there, or use a fresh store";
  }
}
