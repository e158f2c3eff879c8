package io.graphsnap.objects.internal;

/**
 * The byte layout of a pack: many loose objects in one immutable file of the store's {@code packs/} folder, written
 * by one batch ({@link PackWriter}) and read in place ({@link PackFile}). Not API; the only place this layout is
 * written down. Little-endian throughout.
 *
 * <pre>
 * Pack   --&gt; Header, Data, Fanout, Index, Footer
 * Header --&gt; Magic UInt32LE ({@value #MAGIC}), Version UInt32LE ({@value #VERSION_CURRENT})
 * Data   --&gt; the objects' bytes, back to back, in the order they were written
 * Fanout --&gt; UInt32LE^256: Fanout[b] = the number of entries whose id's first byte is at most b
 * Index  --&gt; Entry^Count, sorted by Id as unsigned bytes, each Id at most once
 * Entry  --&gt; Id Byte^32 (the SHA-256 of the object's bytes), Offset UInt64LE (in the file), Length UInt32LE
 *            (of the stored bytes), RawLength UInt32LE (of the object; version 2 on)
 * Footer --&gt; FanoutOffset UInt64LE, Count UInt64LE, Crc32c UInt32LE (of Fanout and Index), Magic UInt32LE
 * </pre>
 *
 * <p>Stored bytes: in version 2, an object whose {@code Length} is less than its {@code RawLength} is stored as one
 * LZ4 block ({@link Lz4Block}) that decompresses to exactly {@code RawLength} bytes; one whose {@code Length} equals
 * it is stored as it is (the writer compresses each object and keeps the block only if it is shorter). Version 1
 * has no {@code RawLength}: every object is stored as it is.
 *
 * <p>{@code FanoutOffset + 4·256 + EntryBytes·Count + 24} is the file's size ({@link #entryBytes(int) EntryBytes}
 * 44 in version 1, 48 in version 2); every object's stored bytes lie within Data ({@code Offset >= 8}, {@code Offset
 * + Length <= FanoutOffset}), {@code Length <= RawLength}, and the object is at most {@link
 * io.graphsnap.format.object.Limits#MAX_OBJECT_BYTES} long. A reader checks all of this and the checksum when it
 * opens a pack, so a damaged or crafted pack is refused whole (naming the file) before any of it is used; the
 * bytes of each object (decompressed) are checked against its id on every read, like a loose object's, so a block
 * that does not decompress, or decompresses to other bytes, is a damaged copy. Versions are only ever added.
 *
 * <p>A pack is named after its content: {@code pack-<SHA-256 of its sorted ids, 64 hex digits>.pack}, so writing
 * the same set of objects again (a repack after an interrupted gc) lands on the same name.
 */
public final class PackFormat {
  /** "GSPK" read as a little-endian int. */
  public static final int MAGIC = 0x4b505347;
  /** The first version: objects stored as they are, entries of 44 bytes. */
  public static final int VERSION_START = 1;
  /** The version that stores objects as LZ4 blocks where that is shorter; entries carry the raw length. */
  public static final int VERSION_COMPRESSED = 2;
  /** The version this code writes; readers accept {@link #VERSION_START} to this. */
  public static final int VERSION_CURRENT = VERSION_COMPRESSED;
  /** Header bytes: magic and version. */
  public static final int HEADER_BYTES = 8;
  /** Buckets of the fan-out table: one per value of an id's first byte. */
  public static final int FANOUT_BUCKETS = 256;
  /** Bytes of the fan-out table. */
  public static final int FANOUT_BYTES = 4 * FANOUT_BUCKETS;
  /** Bytes of an id in an entry. */
  public static final int ID_BYTES = 32;
  /** Offset of Offset within an entry. */
  public static final int ENTRY_OFFSET = ID_BYTES;
  /** Offset of Length within an entry. */
  public static final int ENTRY_LENGTH = ID_BYTES + 8;
  /** Offset of RawLength within an entry (version 2 on). */
  public static final int ENTRY_RAW_LENGTH = ID_BYTES + 8 + 4;
  /** Bytes of one index entry in the version this code writes. */
  public static final int ENTRY_BYTES = ID_BYTES + 8 + 4 + 4;
  /** Footer bytes. */
  public static final int FOOTER_BYTES = 8 + 8 + 4 + 4;
  /** File name prefix of packs. */
  public static final String PREFIX = "pack-";
  /** File name suffix of packs. */
  public static final String SUFFIX = ".pack";
  /** A writer closes a pack once its data reaches this many bytes and goes on in a new one. */
  public static final long TARGET_DATA_BYTES = 1L << 30;

  private PackFormat() {}

  /** Bytes of one index entry in a pack of {@code version}. */
  public static int entryBytes(int version) {
    return version >= VERSION_COMPRESSED ? ENTRY_BYTES : ID_BYTES + 8 + 4;
  }

  /**
   * The file size of a pack of {@code version} whose fan-out table starts at {@code fanoutOffset} and holds {@code
   * count} entries.
   */
  public static long fileBytes(int version, long fanoutOffset, long count) {
    return fanoutOffset + FANOUT_BYTES + entryBytes(version) * count + FOOTER_BYTES;
  }

  /** Whether {@code fileName} has the form of a pack's name ({@code pack-<64 hex>.pack}). */
  public static boolean isPackName(String fileName) {
    if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)
        || fileName.length() != PREFIX.length() + 64 + SUFFIX.length()) {
      return false;
    }
    for (int i = PREFIX.length(); i < PREFIX.length() + 64; i++) {
      char c = fileName.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
