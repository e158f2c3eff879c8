package io.graphsnap.format.snapshot;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The snapshot header (see {@link SnapshotFormat} for its grammar): encode for writers, decode and check
 * for readers. Immutable; thread-safe.
 *
 * @param formatVersion the version written in the file
 * @param flags reserved, 0
 * @param fileLength the file's total size in bytes
 * @param sections the section table, in file order
 */
public record SnapshotHeader(int formatVersion, int flags, long fileLength, List<SectionEntry> sections) {

  private static final ValueLayout.OfInt INT = LittleEndian.INT;
  private static final ValueLayout.OfLong LONG = LittleEndian.LONG;

  /** Copies the section list. */
  public SnapshotHeader {
    sections = List.copyOf(sections);
  }

  /** Bytes the header occupies, padding included: where the first section may start. */
  public long paddedLength() {
    return SnapshotFormat.align(SnapshotFormat.headerBytes(sections.size()));
  }

  /** The entry for {@code id}, or {@code null} if the file has no such section. */
  public SectionEntry entry(SectionId id) {
    return entry(id.id());
  }

  /** The entry for numeric section id {@code id} (of any container), or {@code null} if the file has none. */
  public SectionEntry entry(int id) {
    for (SectionEntry e : sections) {
      if (e.id() == id) {
        return e;
      }
    }
    return null;
  }

  /** Encodes the header of a snapshot, its CRC and the zero padding up to {@link #paddedLength()}. */
  public byte[] encode() {
    return encode(SnapshotFormat.CONTAINER);
  }

  /**
   * Encodes the header of a file of {@code container} (its magic; the rest of the grammar is shared), its CRC and
   * the zero padding up to {@link #paddedLength()}.
   */
  public byte[] encode(Container container) {
    ByteBuffer b = ByteBuffer.allocate((int) paddedLength()).order(LittleEndian.ORDER);
    b.put(container.magic()).putInt(formatVersion).putInt(flags).putInt(sections.size()).putInt(0).putLong(fileLength);
    for (SectionEntry e : sections) {
      b.putInt(e.id()).putInt(e.crc32c()).putLong(e.offset()).putLong(e.length());
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * Decodes and checks the header at the start of {@code file}: magic, version in
   * [{@link SnapshotFormat#VERSION_START}, {@link SnapshotFormat#VERSION_CURRENT}], header CRC, file length,
   * and that every section is aligned, inside the file, after the header and after the previous one, with ids
   * strictly increasing. O(section count); reads only the header's bytes.
   *
   * @param file the whole mapped file
   * @param resource the file's name for messages
   * @throws CorruptSnapshotException if any check fails (an {@link UnsupportedFormatVersionException} for a
   *     version outside the supported range)
   */
  public static SnapshotHeader decode(MemorySegment file, String resource) {
    return decode(file, resource, SnapshotFormat.CONTAINER);
  }

  /**
   * Decodes and checks the header of a file of {@code container} as {@link #decode(MemorySegment, String)} does a
   * snapshot's: its magic, a version in [{@link Container#versionStart()}, {@link Container#versionCurrent()}], and
   * the same container rules. Messages name sections by {@link Container#sectionName()}.
   */
  public static SnapshotHeader decode(MemorySegment file, String resource, Container container) {
    long size = file.byteSize();
    if (size < SnapshotFormat.headerBytes(0)) {
      throw new CorruptSnapshotException(resource, "header", 0,
          "file is " + size + " bytes, shorter than a header (" + SnapshotFormat.headerBytes(0) + ")");
    }
    byte[] magic = file.asSlice(0, SnapshotFormat.MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
    if (!Arrays.equals(magic, container.magic())) {
      throw new CorruptSnapshotException(resource, "header", 0, "not a graphsnap " + container.what() + ": bad magic");
    }
    int version = file.get(INT, SnapshotFormat.VERSION_OFFSET);
    if (version < container.versionStart() || version > container.versionCurrent()) {
      throw new UnsupportedFormatVersionException(resource, version, container.versionStart(), container.versionCurrent());
    }
    int flags = file.get(INT, SnapshotFormat.FLAGS_OFFSET);
    int count = file.get(INT, SnapshotFormat.SECTION_COUNT_OFFSET);
    if (count < 0 || count > SnapshotFormat.MAX_SECTIONS) {
      throw new CorruptSnapshotException(resource, "header", SnapshotFormat.SECTION_COUNT_OFFSET,
          "section count " + count + " outside [0, " + SnapshotFormat.MAX_SECTIONS + "]");
    }
    int headerBytes = SnapshotFormat.headerBytes(count);
    if (size < headerBytes) {
      throw new CorruptSnapshotException(resource, "header", 0,
          "file is " + size + " bytes, shorter than its header (" + headerBytes + ")");
    }
    CRC32C crc = new CRC32C();
    int crcAt = SnapshotFormat.headerCrcOffset(count);
    crc.update(file.asSlice(0, crcAt).asByteBuffer());
    int storedCrc = file.get(INT, crcAt);
    if ((int) crc.getValue() != storedCrc) {
      throw new CorruptSnapshotException(resource, "header", crcAt, String.format(
          "header checksum mismatch: actual=%08x vs expected=%08x", (int) crc.getValue(), storedCrc));
    }
    if (file.get(INT, SnapshotFormat.ZERO_OFFSET) != 0 || flags != 0) {
      throw new CorruptSnapshotException(resource, "header", SnapshotFormat.FLAGS_OFFSET, "reserved header fields are not zero");
    }
    long fileLength = file.get(LONG, SnapshotFormat.FILE_LENGTH_OFFSET);
    if (fileLength != size) {
      throw new CorruptSnapshotException(resource, "header", SnapshotFormat.FILE_LENGTH_OFFSET,
          "file length mismatch (truncated or extended): actual=" + size + " vs expected=" + fileLength);
    }
    List<SectionEntry> sections = new ArrayList<>(count);
    long end = SnapshotFormat.align(headerBytes);
    int lastId = 0;
    for (int i = 0; i < count; i++) {
      long at = SnapshotFormat.entryOffset(i);
      SectionEntry e = new SectionEntry(file.get(INT, at + SnapshotFormat.ENTRY_ID), file.get(INT, at + SnapshotFormat.ENTRY_CRC),
          file.get(LONG, at + SnapshotFormat.ENTRY_OFFSET), file.get(LONG, at + SnapshotFormat.ENTRY_LENGTH));
      if (e.id() <= lastId) {
        throw new CorruptSnapshotException(resource, container.sectionName().apply(e.id()), at,
            "section ids must increase: actual=" + e.id() + " after " + lastId);
      }
      if (e.offset() % SnapshotFormat.SECTION_ALIGNMENT != 0 || e.offset() < end || e.length() < 0
          || e.length() > size - e.offset()) {
        throw new CorruptSnapshotException(resource, container.sectionName().apply(e.id()), at, "section [" + e.offset() + ", +" + e.length()
            + ") is misaligned, overlaps the previous one or lies outside the file of " + size + " bytes");
      }
      lastId = e.id();
      end = e.offset() + e.length();
      sections.add(e);
    }
    if (end != size && !(count == 0 && end == SnapshotFormat.align(headerBytes))) {
      throw new CorruptSnapshotException(resource, "header", SnapshotFormat.FILE_LENGTH_OFFSET,
          "file has " + (size - end) + " bytes after its last section: actual=" + size + " vs expected=" + end);
    }
    return new SnapshotHeader(version, flags, fileLength, sections);
  }
}
