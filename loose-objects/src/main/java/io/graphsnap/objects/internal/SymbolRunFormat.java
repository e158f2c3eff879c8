package io.graphsnap.objects.internal;

/**
 * The byte layout of a symbol run, one immutable sorted file of the index's symbol table ({@link SymbolRuns}):
 * (symbol name, defining object) keys, each marked added or removed. Not API; the only place this layout is
 * written down. Little-endian throughout.
 *
 * <pre>
 * Run        --&gt; Header, Block^BlockCount, BlockIndex, Footer
 * Header     --&gt; Magic UInt32LE ({@value #MAGIC}), Version UInt32LE ({@value #VERSION_CURRENT})
 * Block      --&gt; Length UInt32LE (of Entries), Crc32c UInt32LE (of Entries), Entries
 * Entries    --&gt; Entry^n, sorted by Key as unsigned bytes, each Key at most once in the run
 * Entry      --&gt; KeyLength UInt16LE, Key ({@link SymbolKeys}: NameUtf8, 0x00, ObjectId Byte^32), Op UInt8
 * Op         --&gt; 1 the object declares the name | 0 it no longer does (a tombstone over older runs)
 * BlockIndex --&gt; (Offset UInt64LE of the block, FirstKeyLength UInt16LE, FirstKey)^BlockCount
 * Footer     --&gt; BlockIndexOffset UInt64LE, BlockCount UInt32LE, EntryCount UInt64LE,
 *                BlockIndexCrc32c UInt32LE, Magic UInt32LE
 * </pre>
 *
 * <p>A block closes once its entries reach {@link #BLOCK_TARGET_BYTES}; a lookup reads the block index once (at
 * open) and then only the blocks that can hold the name's keys. Each block and the block index carry a CRC32C,
 * checked on every read, so a damaged run is reported (naming the file and offset), never served. Versions are
 * only ever added.
 */
public final class SymbolRunFormat {
  /** "GSYR" read as a little-endian int. */
  public static final int MAGIC = 0x52595347;
  /** The first and current version. */
  public static final int VERSION_START = 1;
  /** The version this code writes. */
  public static final int VERSION_CURRENT = VERSION_START;
  /** Header bytes: magic and version. */
  public static final int HEADER_BYTES = 8;
  /** Block head bytes: length and CRC. */
  public static final int BLOCK_HEAD_BYTES = 8;
  /** Footer bytes. */
  public static final int FOOTER_BYTES = 8 + 4 + 8 + 4 + 4;
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
}
