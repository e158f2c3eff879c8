package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import io.graphsnap.format.snapshot.FileRecordFormat;
import java.lang.foreign.MemorySegment;

/**
 * The file table ({@link FileRecordFormat}): FILE_PATHS (F sorted paths, {@link SortedStrings}), FILES
 * ({@code FileRecord^F}, or the hashes and a packed tail in compact files from version 10) and the LANGUAGES
 * dictionary, decoded at open (it is small). Lengths, widths and counts are checked at open; a language id is
 * checked at each read. Immutable; thread-safe.
 */
public final class FileTable {
  private final SortedStrings paths;
  private final Section records;
  private final FileRecordFormat.View view;
  private final String[] languages;

  /** Checks that FILES holds one record per path, in the layout {@code packed} says. O(1) plus the languages. */
  public FileTable(SortedStrings paths, Section records, String[] languages, boolean packed) {
    long count = paths.count();
    long least = FileRecordFormat.tailOffset(count) + FileRecordFormat.TAIL_HEADER_BYTES;
    if (packed && records.length() < least) {
      throw records.corrupt(0, "section too short: actual=" + records.length() + " vs expected>=" + least + " (the"
          + " hashes of " + count + " files and a tail's header)");
    }
    this.view = new FileRecordFormat.View(records.bytes(), count, packed);
    if (records.length() != view.soundLength()) {
      throw records.corrupt(packed ? FileRecordFormat.tailOffset(count) : 0, "section length mismatch or a damaged"
          + " tail: actual=" + records.length() + " vs expected=" + view.soundLength() + " (" + count + " files"
          + (packed ? " of " + FileRecordFormat.PACKED_RECORD_BYTES + " bytes, packed fields of widths "
              + view.languageBits() + " and " + view.countBits() + " at most " + FileRecordFormat.MAX_PACKED_BITS
              + ", zero fields " + view.tailZero() : " of " + FileRecordFormat.RECORD_BYTES + " bytes") + ")");
    }
    this.paths = paths;
    this.records = records;
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
    byte[] sha = view.sourceSha256(f).toArray(BYTE);
    for (byte b : sha) {
      if (b != 0) {
        return sha;
      }
    }
    return null;
  }

  /** The loose object id (32 bytes) file {@code f} was built from. */
  public byte[] objectId(int f) {
    return view.objectId(f).toArray(BYTE);
  }

  /** File {@code f}'s language id, checked against the LANGUAGES dictionary. */
  public int languageId(int f) {
    int id = view.languageId(f);
    if (id < 0 || id >= languages.length) {
      throw records.corrupt(view.languageIdOffset(f), "file " + f + " language id out of range: actual=" + id + " vs expected in [0, "
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
    return view.symbolCount(f);
  }

  /** Checks every record's language id and symbol count (O(F)) and that the paths are sorted and distinct. */
  public void verify() {
    paths.verify();
    for (int f = 0; f < count(); f++) {
      languageId(f);
      int symbols = symbolCount(f);
      if (symbols < 0) {
        throw records.corrupt(view.languageIdOffset(f), "file " + f + " symbol count is negative: actual="
            + symbols + " vs expected>=0");
      }
    }
  }
}
