package io.graphsnap.objects.internal;

/**
 * The byte layout of a symbol run, one immutable sorted file of the index's symbol table ({@link SymbolRuns}):
 * (symbol name, defining object) keys, each marked added or removed. Not API; the only place this layout is
 * written down. Little-endian throughout.
 *
 * <pre>
 * Run        --&gt; Header, Block^BlockCount, BlockIndex, Footer                  (version 1)
 *              | Header, Block^BlockCount, BlockIndex, GroupFilter, FooterV2     (version 2)
 * Header     --&gt; Magic UInt32LE ({@value #MAGIC}), Version UInt32LE (1 or 2)
 * Block      --&gt; Length UInt32LE (of Entries), Crc32c UInt32LE (of Entries), Entries
 * Entries    --&gt; Entry^n, sorted by Key as unsigned bytes, each Key at most once in the run
 * Entry      --&gt; KeyLength UInt16LE, Key ({@link SymbolKeys}: NameUtf8, 0x00, ObjectId Byte^32), Op UInt8
 * Op         --&gt; 1 the object declares the name | 0 it no longer does (a tombstone over older runs)
 * BlockIndex --&gt; (Offset UInt64LE of the block, FirstKeyLength UInt16LE, FirstKey)^BlockCount
 * Footer     --&gt; BlockIndexOffset UInt64LE, BlockCount UInt32LE, EntryCount UInt64LE,
 *                BlockIndexCrc32c UInt32LE, Magic UInt32LE
 * GroupFilter --&gt; Word UInt64LE^FilterWords: a blocked Bloom filter ({@link HashFilter}) of the XXH64 (seed 0) of
 *                each key's group, the key's bytes before its first 0x00 (the whole key if it has none)
 * FooterV2   --&gt; BlockIndexOffset UInt64LE, BlockCount UInt32LE, EntryCount UInt64LE,
 *                BlockIndexCrc32c UInt32LE, FilterOffset UInt64LE, FilterWords UInt32LE (at least 1),
 *                FilterCrc32c UInt32LE (of the GroupFilter's bytes), Magic UInt32LE
 * </pre>
 *
 * <p>Version 2 is written only by the runs that are looked up a group at a time, most groups absent (the index's
 * path → entry runs: "is this path indexed?" asks every run, and the filter answers no for nearly every run that
 * does not hold the path without reading a block); version 1 everywhere else, byte for byte as before.
 *
 * <p>A block closes once its entries reach {@link #BLOCK_TARGET_BYTES}; a lookup reads the block index once (at
 * open) and then only the blocks that can hold the name's keys. Each block and the block index carry a CRC32C,
 * checked on every read, so a damaged run is reported (naming the file and offset), never served. Versions are
 * only ever added.
 */
public final class SymbolRunFormat {
  /** "GSYR" read as a little-endian int. */
  public static final int MAGIC = 0x52595347;
  /** The first version, without a filter. */
  public static final int VERSION_START = 1;
  /** The version with a group filter. */
  public static final int VERSION_FILTERED = 2;
  /** The newest version this code reads. */
  public static final int VERSION_CURRENT = VERSION_FILTERED;
  /** Header bytes: magic and version. */
  public static final int HEADER_BYTES = 8;
  /** Block head bytes: length and CRC. */
  public static final int BLOCK_HEAD_BYTES = 8;
  /** Footer bytes (version 1). */
  public static final int FOOTER_BYTES = 8 + 4 + 8 + 4 + 4;
  /** Footer bytes (version 2). */
  public static final int FOOTER_V2_BYTES = 8 + 4 + 8 + 4 + 8 + 4 + 4 + 4;
  /** The byte that ends a key's group. */
  public static final byte GROUP_END = 0;
  /** The XXH64 seed of the group filter's hash. */
  public static final long GROUP_HASH_SEED = 0L;
  /** Entries are added to a block until it holds at least this many bytes. */
  public static final int BLOCK_TARGET_BYTES = 32 << 10;
  /** The largest block a reader accepts (a target block plus one largest entry, with room to spare). */
  public static final int MAX_BLOCK_BYTES = 1 << 20;
  /** Op byte of an added definition. */
  public static final byte ADD = 1;
  /** Op byte of a removed definition. */
  public static final byte REMOVE = 0;
  /** File name suffix of runs. */
  public static final String SUFFIX = ".run";

  private SymbolRunFormat() {}

  /** The length of {@code key}'s group: the bytes before its first {@link #GROUP_END}, or the whole key. */
  public static int groupLength(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == GROUP_END) {
        return i;
      }
    }
    return key.length;
  }

  /** The group filter's hash of {@code key[0, length)}. */
  public static long groupHash(byte[] key, int length) {
    return io.graphsnap.bloom.BloomHash.hash64(key, 0, length, GROUP_HASH_SEED);
  }
}
