package io.graphsnap.reader.internal;

import static io.graphsnap.reader.internal.Layouts.BYTE;
import static io.graphsnap.reader.internal.Layouts.LONG;

import io.graphsnap.format.object.Note;
import io.graphsnap.reader.NodeDetails;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The NODE_DETAILS section, read on demand: {@code Ends UInt64^(N+1), Data}; node v's entry is
 * {@code Data[Ends[v], Ends[v+1])}, {@code Entry --> Flags UInt8, Hash Byte^32 (if Flags bit 0), NoteCount
 * VarInt, (Lang Str, Text Str)^NoteCount, MetadataCount VarInt, (Key Str, Value Str)^MetadataCount}. An empty
 * entry means no details. Open checks the Ends array's size and its first and last value (O(1)); each
 * {@link #read} checks its entry's ends and decodes with bounds checks, so a corrupt entry gives a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} and allocates no more than its bytes justify.
 * Immutable; thread-safe.
 */
public final class DetailsReader {
  private static final int FLAG_HASH = 1;
  private static final int HASH_BYTES = 32;

  private final Section section;
  private final MemorySegment bytes;
  private final int nodeCount;
  private final long dataBase;
  private final long dataLength;

  /** Checks the Ends array of {@code nodeCount + 1} entries against the section. O(1). */
  public DetailsReader(Section section, int nodeCount) {
    this.section = section;
    this.bytes = section.bytes();
    this.nodeCount = nodeCount;
    this.dataBase = 8L * (nodeCount + 1L);
    if (section.length() < dataBase) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + dataBase
          + " (Ends of " + (nodeCount + 1L) + " entries)");
    }
    this.dataLength = section.length() - dataBase;
    long first = bytes.get(LONG, 0);
    if (first != 0) {
      throw section.corrupt(0, "Ends[0] is not zero: actual=" + first + " vs expected=0");
    }
    long last = bytes.get(LONG, 8L * nodeCount);
    if (last != dataLength) {
      throw section.corrupt(8L * nodeCount, "Ends[" + nodeCount + "] does not match the data length: actual=" + last
          + " vs expected=" + dataLength);
    }
  }

  /** The length of node {@code id}'s entry, its ends checked. */
  public long entryLength(int id) {
    long s = bytes.get(LONG, 8L * id);
    long e = bytes.get(LONG, 8L * id + 8);
    check(id, s, e);
    return e - s;
  }

  /** Decodes node {@code id}'s entry. O(entry bytes). */
  public NodeDetails read(int id) {
    long s = bytes.get(LONG, 8L * id);
    long e = bytes.get(LONG, 8L * id + 8);
    check(id, s, e);
    if (s == e) {
      return NodeDetails.EMPTY;
    }
    return new EntryDecoder(id, dataBase + s, dataBase + e).decode();
  }

  /** Checks that the Ends never decrease (O(N)) and that every entry decodes (O(bytes)). */
  public void verify() {
    long previous = 0;
    for (int v = 1; v <= nodeCount; v++) {
      long e = bytes.get(LONG, 8L * v);
      if (e < previous) {
        throw section.corrupt(8L * v, "Ends decrease: actual Ends[" + v + "]=" + e + " vs expected>=" + previous);
      }
      previous = e;
    }
    for (int v = 0; v < nodeCount; v++) {
      read(v);
    }
  }

  private void check(int id, long s, long e) {
    if (s < 0 || s > e || e > dataLength) {
      throw section.corrupt(8L * id, "entry of node " + id + " spans [" + s + ", " + e + ") outside the data of "
          + dataLength + " bytes (Ends not monotonic)");
    }
  }

  /** Decodes one entry; single use. */
  private final class EntryDecoder {
    private final int id;
    private final long limit;
    private long pos;

    EntryDecoder(int id, long from, long to) {
      this.id = id;
      this.pos = from;
      this.limit = to;
    }

    NodeDetails decode() {
      int flags = readByte() & 0xFF;
      if ((flags & ~FLAG_HASH) != 0) {
        throw fail(pos - 1, "unknown flags: actual=0x" + Integer.toHexString(flags) + " vs expected only bit 0");
      }
      byte[] hash = null;
      if ((flags & FLAG_HASH) != 0) {
        require(HASH_BYTES, "content hash");
        hash = bytes.asSlice(pos, HASH_BYTES).toArray(BYTE);
        pos += HASH_BYTES;
      }
      int noteCount = readVarInt("note count");
      List<Note> notes = new ArrayList<>(Math.min(noteCount, 16));
      for (int i = 0; i < noteCount; i++) {
        long at = pos;
        String lang = readStr("note lang");
        String text = readStr("note text");
        try {
          notes.add(new Note(lang, text));
        } catch (IllegalArgumentException ex) {
          throw fail(at, "invalid note " + i + ": " + ex.getMessage());
        }
      }
      int metadataCount = readVarInt("metadata count");
      TreeMap<String, String> metadata = new TreeMap<>();
      for (int i = 0; i < metadataCount; i++) {
        long at = pos;
        String key = readStr("metadata key");
        String value = readStr("metadata value");
        if (metadata.put(key, value) != null) {
          throw fail(at, "metadata key repeats: \"" + key + "\"");
        }
      }
      if (pos != limit) {
        throw fail(pos, "entry has " + (limit - pos) + " trailing bytes: actual end=" + pos + " vs expected="
            + limit);
      }
      return new NodeDetails(hash, notes, metadata);
    }

    private byte readByte() {
      require(1, "byte");
      return bytes.get(BYTE, pos++);
    }

    private int readVarInt(String what) {
      long start = pos;
      long value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = readByte() & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value > Integer.MAX_VALUE) {
            throw fail(start, what + " too large: actual=" + value + " vs expected<=" + Integer.MAX_VALUE);
          }
          return (int) value;
        }
      }
      throw fail(start, what + " VarInt is longer than 5 bytes");
    }

    private String readStr(String what) {
      int length = readVarInt(what + " length");
      require(length, what);
      byte[] utf8 = bytes.asSlice(pos, length).toArray(BYTE);
      pos += length;
      return new String(utf8, StandardCharsets.UTF_8);
    }

    private void require(long n, String what) {
      if (n > limit - pos) {
        throw fail(pos, what + " runs past the entry: actual=" + (limit - pos) + " bytes left vs expected>=" + n);
      }
    }

    private RuntimeException fail(long at, String problem) {
      return section.corrupt(at, "node " + id + " details: " + problem);
    }
  }
}
