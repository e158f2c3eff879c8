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
 * Stateless and thread-safe; the reads are unchecked (the reader checks the language id).
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

  /** Writes one record; a {@code null} source hash is written as 32 zero bytes. */
  public static void write(SectionSink out, byte[] sourceSha256, byte[] objectId, int languageId, int symbolCount)
      throws IOException {
    writeHashes(out, sourceSha256, objectId);
    writeTail(out, languageId, symbolCount);
  }

  /** Writes a record's first {@link #HASHES_BYTES} bytes; a {@code null} source hash as zeros. */
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
