package io.graphsnap.builder.internal;

/**
 * The snapshot's files by final id (path order): a view of the collector's {@link CollectedFiles} through the
 * {@link FileOrder}, with final language ids. Holds no copy of the paths or hashes; each accessor is O(1) but
 * {@link #path} (O(length)). Read only; not thread-safe (it shares the collector's columns).
 */
public final class FileTable {
  private final CollectedFiles files;
  private final int[] sortedFiles;
  private final int[] languageRemap;

  FileTable(CollectedFiles files, int[] sortedFiles, int[] languageRemap) {
    this.files = files;
    this.sortedFiles = sortedFiles;
    this.languageRemap = languageRemap;
  }

  /** The number of files. */
  public int count() {
    return sortedFiles.length;
  }

  /** File {@code f}'s path. */
  public String path(int f) {
    return files.path(sortedFiles[f]);
  }

  /** A copy of file {@code f}'s path as UTF-8. */
  byte[] pathUtf8(int f) {
    return files.pathUtf8(sortedFiles[f]);
  }

  /** The UTF-8 length of file {@code f}'s path. */
  int pathLength(int f) {
    return files.pathLength(sortedFiles[f]);
  }

  /** Writes file {@code f}'s path (UTF-8) to {@code out}. */
  void writePath(int f, io.graphsnap.format.snapshot.SectionSink out) throws java.io.IOException {
    files.writePath(sortedFiles[f], out);
  }

  /** A copy of file {@code f}'s source hash (32 bytes), or null if unknown. */
  public byte[] sourceSha256(int f) {
    return files.sourceSha256(sortedFiles[f]);
  }

  /** A copy of file {@code f}'s object id (32 bytes). */
  public byte[] objectId(int f) {
    return files.objectId(sortedFiles[f]);
  }

  /** File {@code f}'s language id (an index into the snapshot's sorted languages). */
  public int language(int f) {
    return languageRemap[files.language(sortedFiles[f])];
  }
}
