package io.graphsnap.frontend.java;

/**
 * What a source file's metadata says about its content, read without reading the content ({@link
 * SourceTree#stamp}): a git-index-like stat record. Two equal stamps of the same path in the same tree mean the
 * content is the same, under the rule of the stamp's {@link Kind}:
 *
 * <ul>
 *   <li>{@link Kind#ZIP_ENTRY}: the archive's central directory record: size, compressed size, compression
 *       method, time and CRC-32 of the content. The CRC is computed from the bytes, so a changed entry has the same
 *       stamp only if its CRC-32, size and compressed size all collide; always {@link #trustworthy}.
 *   <li>{@link Kind#POSIX_FILE}: size, modification time, status-change time (ctime, which no program can set
 *       back), inode and device, in nanoseconds where the file system has them. A file written within the time
 *       stamps' granularity of the moment the stamp was taken can keep its stamp ("racily clean", as git calls
 *       it), so such a stamp is {@link #trustworthy} only when both times are older than that moment by
 *       {@link #RACY_SLACK_NANOS}.
 *   <li>{@link Kind#BASIC_FILE}: where the file system has no ctime (size, modification time, creation time):
 *       the same racy rule on the modification time; a file replaced by one of the same size and the same
 *       modification time (copied with its times kept) is not seen, as with git on such systems.
 * </ul>
 *
 * <p>Immutable; a value (equal fields, equal stamps).
 *
 * @param kind what the fields mean
 * @param size the content's length in bytes
 * @param modified the modification time (zip: the entry's time in milliseconds; files: nanoseconds since the epoch)
 * @param changed the status-change time in nanoseconds (files), the creation time (basic files), or the CRC-32 (zip)
 * @param id the inode (posix files), the compressed size (zip), or 0
 * @param extra the device (posix files), the compression method (zip), or 0
 */
public record FileStamp(Kind kind, long size, long modified, long changed, long id, long extra) {
  /** How far a file's times must lie before the moment its stamp was taken for the stamp to be trusted: 2 s. */
  public static final long RACY_SLACK_NANOS = 2_000_000_000L;

  /** What the fields of a stamp mean; the ordinal is stored ({@code STORE/stamps.bin}), so only append. */
  public enum Kind {
    /** An entry of a {@code .zip}/{@code .jar}. */
    ZIP_ENTRY,
    /** A file of a file system with POSIX attributes (ctime, inode, device). */
    POSIX_FILE,
    /** A file of a file system with only basic attributes. */
    BASIC_FILE
  }

  public FileStamp {
    if (kind == null) {
      throw new IllegalArgumentException("kind is null");
    }
  }

  /**
   * True if this stamp, taken at {@code takenAtNanos} (nanoseconds since the epoch, read before the stamp), may
   * stand for the content read after it: a later change of the file must then change the stamp. Zip entries:
   * always. Files: both times lie more than {@link #RACY_SLACK_NANOS} before {@code takenAtNanos} (a file changed
   * in the same clock tick as the stamp could otherwise keep it).
   */
  public boolean trustworthy(long takenAtNanos) {
    long cutoff = takenAtNanos - RACY_SLACK_NANOS;
    return switch (kind) {
      case ZIP_ENTRY -> true;
      case POSIX_FILE -> modified < cutoff && changed < cutoff;
      case BASIC_FILE -> modified < cutoff;
    };
  }
}
