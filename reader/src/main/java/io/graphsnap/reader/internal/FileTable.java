package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import io.graphsnap.format.snapshot.FileRecordFormat;
import java.lang.foreign.MemorySegment;

/**
 * The file table ({@link FileRecordFormat}): FILE_PATHS (F sorted paths, {@link SortedStrings}), FILES
 * ({@code FileRecord^F}) and the LANGUAGES dictionary, decoded at open (it is small). Lengths and counts are checked at open; a language id is
 * checked at each read. Immutable; thread-safe.
 */
public final class FileTable {
  private static final int RECORD = FileRecordFormat.RECORD_BYTES;

  private final SortedStrings paths;
  private final Section records;
  private final MemorySegment bytes;
  private final String[] languages;

  /** Checks that FILES holds one record per path. O(1) plus the languages. */
  public FileTable(SortedStrings paths, Section records, String[] languages) {
    records.requireLength(FileRecordFormat.sectionBytes(paths.count()), paths.count() + " files of " + RECORD + " bytes");
    this.paths = paths;
    this.records = records;
    this.bytes = records.bytes();
    this.languages = languages;
  }

  /** F. */
  public int count() {
    return paths.count();
  }

  /** The sorted paths. */
  public SortedStrings paths() {
    return paths;
  }

  /** File {@code f}'s path. */
  public String path(int f) {
    return paths.get(f);
  }

  /** The SHA-256 of file {@code f}'s source, or {@code null} when unknown (all zero). */
  public byte[] sourceSha256(int f) {
    byte[] sha = FileRecordFormat.sourceSha256(bytes, f).toArray(BYTE);
    for (byte b : sha) {
      if (b != 0) {
        return sha;
      }
    }
    return null;
  }

  /** The loose object id (32 bytes) file {@code f} was built from. */
  public byte[] objectId(int f) {
    return FileRecordFormat.objectId(bytes, f).toArray(BYTE);
  }

  /** File {@code f}'s language id, checked against the LANGUAGES dictionary. */
  public int languageId(int f) {
    long at = FileRecordFormat.offset(f) + FileRecordFormat.LANGUAGE_ID;
    int id = FileRecordFormat.languageId(bytes, f);
    if (id < 0 || id >= languages.length) {
      throw records.corrupt(at, "file " + f + " language id out of range: actual=" + id + " vs expected in [0, "
          + languages.length + ")");
    }
    return id;
  }

  /** File {@code f}'s language tag. */
  public String language(int f) {
    return languages[languageId(f)];
  }

  /** The number of symbols file {@code f} defined (as written by the builder). */
  public int symbolCount(int f) {
    return FileRecordFormat.symbolCount(bytes, f);
  }

  /** Checks every record's language id and symbol count (O(F)) and that the paths are sorted and distinct. */
  public void verify() {
    paths.verify();
    for (int f = 0; f < count(); f++) {
      languageId(f);
      int symbols = symbolCount(f);
      if (symbols < 0) {
        throw records.corrupt(FileRecordFormat.offset(f) + FileRecordFormat.SYMBOL_COUNT, "file " + f + " symbol count is negative: actual="
            + symbols + " vs expected>=0");
      }
    }
  }
}
