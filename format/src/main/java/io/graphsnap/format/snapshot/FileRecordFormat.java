package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The file table: {@link SectionId#FILE_PATHS} (a sorted {@link StringListFormat StringList} of F
 * repository-relative paths; file id = index), {@link SectionId#FILES} (one record per file id) and
 * {@link SectionId#LANGUAGES} (a sorted StringList of language tags). The grammar of FILES:
 *
 * <pre>
 * Files      --&gt; FileRecord^F
 * FileRecord --&gt; SourceSha256 Byte^32, ObjectId Byte^32, LanguageId Int32, SymbolCount Int32   (72 bytes)
 * </pre>
 *
 * <ul>
 *   <li>File f's record starts at {@link #offset(long) offset(f)} = 72·f; its fields at {@link #SOURCE_SHA256},
 *       {@link #OBJECT_ID}, {@link #LANGUAGE_ID} and {@link #SYMBOL_COUNT}.
 *   <li>SourceSha256 is all zero when unknown; ObjectId is the SHA-256 of the loose object the file was built
 *       from; LanguageId indexes LANGUAGES; SymbolCount is the number of symbols the file declared.
 *   <li>The first {@link #HASHES_BYTES} bytes (the two hashes) do not depend on any dictionary, so the
 *       incremental builder copies them raw and rewrites only the language id.
 * </ul>
 *
 * <h2>Packed language ids and symbol counts (compact files from format version {@link
 * SnapshotFormat#VERSION_BIT_HEADERS})</h2>
 *
 * A file whose FILES is {@link #packed} keeps each file's two hashes and moves the two Int32 into a bit-packed tail
 * at the widths the table needs:
 *
 * <pre>
 * Files      --&gt; Hashes^F, Tail
 * Hashes     --&gt; SourceSha256 Byte^32, ObjectId Byte^32                                  (64 bytes; file f's at 64·f)
 * Tail       --&gt; LanguageBits UInt8, CountBits UInt8, Zero UInt16, Zero UInt32, Fields      (at offset 64·F)
 * Fields     --&gt; {@link BitPacking Packed} of F · (LanguageBits + CountBits) bits: file f's LanguageId at bit
 *                f · (LanguageBits + CountBits), its SymbolCount right after it
 * </pre>
 * LanguageBits = {@link BitPacking#widthFor}(the largest LanguageId), CountBits = widthFor(the largest SymbolCount),
 * each at most 31 (0 when every value is 0; both 0 when F = 0). The section is {@link #packedSectionBytes} long.
 *
 * <p>Stateless and thread-safe; the reads are unchecked (the reader checks the language id, the widths and the
 * lengths). {@link View} reads either layout.
 */
public final class FileRecordFormat {
  /** Bytes of one record. */
  public static final int RECORD_BYTES = 72;
  /** Bytes of a SHA-256. */
  public static final int HASH_BYTES = 32;
  /** Offset of SourceSha256 in a record. */
  public static final int SOURCE_SHA256 = 0;
  /** Offset of ObjectId in a record. */
  public static final int OBJECT_ID = 32;
  /** Offset of LanguageId in a record. */
  public static final int LANGUAGE_ID = 64;
  /** Offset of SymbolCount in a record. */
  public static final int SYMBOL_COUNT = 68;
  /** Bytes of the two hashes at the start of a record. */
  public static final int HASHES_BYTES = LANGUAGE_ID;

  private static final byte[] ZEROS = new byte[HASH_BYTES];

  private FileRecordFormat() {}

  /** Offset of file {@code f}'s record. */
  public static long offset(long f) {
    return RECORD_BYTES * f;
  }

  /** The section's length for {@code fileCount} files. */
  public static long sectionBytes(long fileCount) {
    return RECORD_BYTES * fileCount;
  }

  /** File {@code f}'s SourceSha256 bytes (a slice; all zero when unknown). */
  public static MemorySegment sourceSha256(MemorySegment files, long f) {
    return files.asSlice(offset(f) + SOURCE_SHA256, HASH_BYTES);
  }

  /** File {@code f}'s ObjectId bytes (a slice). */
  public static MemorySegment objectId(MemorySegment files, long f) {
    return files.asSlice(offset(f) + OBJECT_ID, HASH_BYTES);
  }

  /** File {@code f}'s LanguageId. */
  public static int languageId(MemorySegment files, long f) {
    return files.get(INT, offset(f) + LANGUAGE_ID);
  }

  /** File {@code f}'s SymbolCount. */
  public static int symbolCount(MemorySegment files, long f) {
    return files.get(INT, offset(f) + SYMBOL_COUNT);
  }

  /** Bytes of a packed file's Hashes. */
  public static final int PACKED_RECORD_BYTES = HASHES_BYTES;
  /** Bytes of the packed Tail's header (LanguageBits, CountBits, the zero fields). */
  public static final int TAIL_HEADER_BYTES = 8;
  /** The widest packed field. */
  public static final int MAX_PACKED_BITS = 31;

  /** Whether FILES of a file of {@code formatVersion} with {@code layout} is packed: compact files from version 10. */
  public static boolean packed(int formatVersion, CompactCsrFormat.Layout layout) {
    return formatVersion >= SnapshotFormat.VERSION_BIT_HEADERS && layout == CompactCsrFormat.Layout.COMPACT;
  }

  /** {@link #packed(int, CompactCsrFormat.Layout)} for a file with this header. */
  public static boolean packed(SnapshotHeader header) {
    return packed(header.formatVersion(), CompactCsrFormat.layoutOf(header));
  }

  /** Offset of file {@code f}'s hashes in either layout. */
  public static long hashesOffset(long f, boolean packed) {
    return (packed ? PACKED_RECORD_BYTES : RECORD_BYTES) * f;
  }

  /** Offset of a packed FILES' Tail for {@code fileCount} files. */
  public static long tailOffset(long fileCount) {
    return PACKED_RECORD_BYTES * fileCount;
  }

  /** The length of a packed FILES of {@code fileCount} files at the given widths. */
  public static long packedSectionBytes(long fileCount, int languageBits, int countBits) {
    return tailOffset(fileCount) + TAIL_HEADER_BYTES + BitPacking.areaBytes(fileCount * (languageBits + countBits));
  }

  /**
   * Writes a packed FILES' Tail for {@code fileCount} files from their language ids and symbol counts (each ≥ 0),
   * after their hashes.
   */
  public static void writeTail(SectionSink out, int[] languageIds, int[] symbolCounts, int fileCount)
      throws IOException {
    int maxLanguage = 0;
    int maxCount = 0;
    for (int f = 0; f < fileCount; f++) {
      maxLanguage = Math.max(maxLanguage, languageIds[f]);
      maxCount = Math.max(maxCount, symbolCounts[f]);
    }
    int languageBits = BitPacking.widthFor(maxLanguage);
    int countBits = BitPacking.widthFor(maxCount);
    out.putByte(languageBits);
    out.putByte(countBits);
    out.putShort(0);
    out.putInt(0);
    BitPacking.Writer fields = new BitPacking.Writer(out);
    for (int f = 0; f < fileCount; f++) {
      fields.add(languageIds[f], languageBits);
      fields.add(symbolCounts[f], countBits);
    }
    fields.finish();
  }

  /**
   * Reads one FILES section in either layout. Unchecked: the caller compares the section's length with {@link
   * #soundLength} (which covers a packed tail's widths and zero fields) before reading fields.
   * Immutable; thread-safe; reads {@code files}, which the caller owns.
   */
  public static final class View {
    private final MemorySegment files;
    private final long fileCount;
    private final boolean packed;
    private final long area;
    private final int languageBits;
    private final int countBits;

    /** A view of {@code files} holding {@code fileCount} files, {@code packed} or not. */
    public View(MemorySegment files, long fileCount, boolean packed) {
      this.files = files;
      this.fileCount = fileCount;
      this.packed = packed;
      long tail = tailOffset(fileCount);
      boolean hasTail = packed && files.byteSize() >= tail + TAIL_HEADER_BYTES;
      this.area = tail + TAIL_HEADER_BYTES;
      this.languageBits = hasTail ? files.get(LittleEndian.BYTE, tail) & 0xFF : 0;
      this.countBits = hasTail ? files.get(LittleEndian.BYTE, tail + 1) & 0xFF : 0;
    }

    /**
     * The length a sound FILES of this view's files and layout has: {@link #sectionBytes} of fixed records; for a
     * packed one, {@link #packedSectionBytes} at the stored widths, or -1 when the section is too short for its tail's
     * header, a width is above {@link #MAX_PACKED_BITS} or a zero field is not zero. A reader compares it with the
     * section's length before reading a field.
     */
    public long soundLength() {
      if (!packed) {
        return sectionBytes(fileCount);
      }
      if (files.byteSize() < area || languageBits > MAX_PACKED_BITS || countBits > MAX_PACKED_BITS
          || tailZero() != 0) {
        return -1;
      }
      return packedSectionBytes(fileCount, languageBits, countBits);
    }

    /** Whether the section is packed. */
    public boolean packed() {
      return packed;
    }

    /** LanguageBits as stored (packed only). */
    public int languageBits() {
      return languageBits;
    }

    /** CountBits as stored (packed only). */
    public int countBits() {
      return countBits;
    }

    /** The Tail's two zero fields or-ed together (zero in a sound section; packed only). */
    public long tailZero() {
      return (files.get(LittleEndian.SHORT, area - 6) & 0xFFFF) | (long) files.get(INT, area - 4);
    }

    /** File {@code f}'s SourceSha256 bytes (a slice; all zero when unknown). */
    public MemorySegment sourceSha256(long f) {
      return files.asSlice(hashesOffset(f, packed) + SOURCE_SHA256, HASH_BYTES);
    }

    /** File {@code f}'s ObjectId bytes (a slice). */
    public MemorySegment objectId(long f) {
      return files.asSlice(hashesOffset(f, packed) + OBJECT_ID, HASH_BYTES);
    }

    /** File {@code f}'s LanguageId. */
    public int languageId(long f) {
      return packed ? (int) BitPacking.get(files, area, f * (languageBits + countBits), languageBits)
          : FileRecordFormat.languageId(files, f);
    }

    /** File {@code f}'s SymbolCount. */
    public int symbolCount(long f) {
      return packed ? (int) BitPacking.get(files, area, f * (languageBits + countBits) + languageBits, countBits)
          : FileRecordFormat.symbolCount(files, f);
    }

    /** The offset of file {@code f}'s LanguageId (its byte, packed), for error messages. */
    public long languageIdOffset(long f) {
      return packed ? area + f * (languageBits + countBits) / 8 : offset(f) + LANGUAGE_ID;
    }
  }

  /** Writes one record; a {@code null} source hash is written as 32 zero bytes. */
  public static void write(SectionSink out, byte[] sourceSha256, byte[] objectId, int languageId, int symbolCount)
      throws IOException {
    writeHashes(out, sourceSha256, objectId);
    writeTail(out, languageId, symbolCount);
  }

  /** Writes a record's first {@link #HASHES_BYTES} bytes (all of a packed file's record); a {@code null} source hash as zeros. */
  public static void writeHashes(SectionSink out, byte[] sourceSha256, byte[] objectId) throws IOException {
    out.put(sourceSha256 == null ? ZEROS : sourceSha256);
    out.put(objectId);
  }

  /** Writes a record's LanguageId and SymbolCount, after its hashes. */
  public static void writeTail(SectionSink out, int languageId, int symbolCount) throws IOException {
    out.putInt(languageId);
    out.putInt(symbolCount);
  }
}
