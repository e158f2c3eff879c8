package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.object.Note;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Each node's notes, metadata and content hash, {@link SectionId#NODE_DETAILS}, read only on demand. The grammar:
 *
 * <pre>
 * NodeDetails --&gt; Ends UInt64^(N+1), Data          node v's entry is Data[Ends[v], Ends[v+1]); Ends[0] = 0
 * Entry       --&gt; Flags UInt8, Hash Byte^32 (if Flags bit 0), NoteCount VarInt, (Lang Str, Text Str)^NoteCount,
 *                 MetadataCount VarInt, (Key Str, Value Str)^MetadataCount
 *               | (empty: external nodes, no details)
 * Str         --&gt; Length VarInt, Bytes Byte^Length (UTF-8)
 * VarInt      --&gt; unsigned LEB128, at most 5 bytes, value ≤ Integer.MAX_VALUE
 * </pre>
 *
 * <ul>
 *   <li>{@code Ends[v]} is at {@link #endOffset(long) endOffset(v)} = 8·v; Data at
 *       {@link #dataOffset(long) dataOffset(N)} = 8·(N + 1). Unlike a StringList there is no Count header: N is
 *       NODE_NAMES' count.
 *   <li>Flags: only {@link #FLAG_HAS_HASH}; metadata keys are sorted and distinct (a TreeMap's order of the
 *       UTF-16 strings, as the builder writes them).
 *   <li>A symbol with no hash, notes or metadata is {@link #emptySymbolEntry() three zero bytes}.
 * </ul>
 * Stateless and thread-safe.
 */
public final class NodeDetailsFormat {
  /** Bytes of one end. */
  public static final int END_BYTES = StringListFormat.END_BYTES;
  /** Flags bit: the entry holds a {@link #HASH_BYTES}-byte content hash. */
  public static final int FLAG_HAS_HASH = 1;
  /** Bytes of the content hash. */
  public static final int HASH_BYTES = 32;
  /** Most bytes of one VarInt. */
  public static final int MAX_VARINT_BYTES = 5;

  private NodeDetailsFormat() {}

  /** Offset of {@code Ends[v]}. */
  public static long endOffset(long v) {
    return END_BYTES * v;
  }

  /** Offset of Data for {@code nodeCount} nodes. */
  public static long dataOffset(long nodeCount) {
    return endOffset(nodeCount + 1);
  }

  /** {@code Ends[v]}, unchecked. */
  public static long end(MemorySegment details, long v) {
    return details.get(LONG, endOffset(v));
  }

  /** The entry of a symbol with no hash, notes or metadata: flags 0, no notes, no metadata (a new array). */
  public static byte[] emptySymbolEntry() {
    return new byte[] {0, 0, 0};
  }

  // ---------------------------------------------------------------- VarInt

  /** Bytes the VarInt of {@code value} (non-negative) takes: 1 to 5. */
  public static int varIntSize(int value) {
    int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
    return (bits + 6) / 7;
  }

  /** Writes the VarInt of {@code value} at {@code out[p]}; returns the position after it. */
  public static int writeVarInt(int value, byte[] out, int p) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out[p++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    out[p++] = (byte) v;
    return p;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Encodes one entry from UTF-8 strings: {@code notes} holds lang, text, lang, text…; {@code metadata} key,
   * value, key, value… in key order. O(bytes).
   *
   * @param hash the 32-byte content hash, or {@code null}
   * @throws IllegalArgumentException if the entry would exceed a Java array
   */
  public static byte[] encodeEntry(byte[] hash, byte[][] notes, byte[][] metadata) {
    long total = 1 + (hash == null ? 0 : HASH_BYTES) + varIntSize(notes.length / 2) + varIntSize(metadata.length / 2);
    for (byte[] b : notes) {
      total += varIntSize(b.length) + b.length;
    }
    for (byte[] b : metadata) {
      total += varIntSize(b.length) + b.length;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(total + " bytes, more than one entry may");
    }
    byte[] out = new byte[(int) total];
    int p = 0;
    out[p++] = (byte) (hash == null ? 0 : FLAG_HAS_HASH);
    if (hash != null) {
      System.arraycopy(hash, 0, out, p, HASH_BYTES);
      p += HASH_BYTES;
    }
    p = writeVarInt(notes.length / 2, out, p);
    for (byte[] b : notes) {
      p = putStr(b, out, p);
    }
    p = writeVarInt(metadata.length / 2, out, p);
    for (byte[] b : metadata) {
      p = putStr(b, out, p);
    }
    assert p == out.length;
    return out;
  }

  private static int putStr(byte[] str, byte[] out, int p) {
    p = writeVarInt(str.length, out, p);
    System.arraycopy(str, 0, out, p, str.length);
    return p + str.length;
  }

  /** Writes the section: the ends, then every entry, in node order. */
  public static void write(SectionSink out, byte[][] entries) throws IOException {
    write(out, entries.length, v -> entries[v]);
  }

  /**
   * Writes the section for {@code nodeCount} nodes whose entries {@code entry} gives by node id (asked twice per
   * node: once for the Ends, once for the Data; each answer is only read).
   */
  public static void write(SectionSink out, int nodeCount, java.util.function.IntFunction<byte[]> entry)
      throws IOException {
    long end = 0;
    out.putLong(end);
    for (int v = 0; v < nodeCount; v++) {
      end += entry.apply(v).length;
      out.putLong(end);
    }
    for (int v = 0; v < nodeCount; v++) {
      out.put(entry.apply(v));
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * A decoded entry.
   *
   * @param hash the content hash, or {@code null}
   * @param notes the notes, in file order
   * @param metadata the metadata, by key
   */
  public record Entry(byte[] hash, List<Note> notes, SortedMap<String, String> metadata) {}

  /** An entry that does not follow the grammar: where (an offset in the section) and what. */
  public static final class MalformedEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    MalformedEntryException(long offset, String problem) {
      super(problem, null, false, false);
      this.offset = offset;
    }

    /** The offset in the section where the problem lies. */
    public long offset() {
      return offset;
    }
  }

  /**
   * Decodes the entry {@code details[from, to)}, checking every length against {@code to}, so that a damaged
   * entry allocates no more than its bytes justify. O(entry bytes).
   *
   * @throws MalformedEntryException if the bytes do not follow the grammar
   */
  public static Entry decodeEntry(MemorySegment details, long from, long to) {
    return new Decoder(details, from, to).decode();
  }

  private static final class Decoder {
    private final MemorySegment bytes;
    private final long limit;
    private long pos;

    Decoder(MemorySegment bytes, long from, long to) {
      this.bytes = bytes;
      this.pos = from;
      this.limit = to;
    }

    Entry decode() {
      int flags = readByte() & 0xFF;
      if ((flags & ~FLAG_HAS_HASH) != 0) {
        throw new MalformedEntryException(pos - 1, "unknown flags: actual=0x" + Integer.toHexString(flags)
            + " vs expected only bit 0");
      }
      byte[] hash = null;
      if ((flags & FLAG_HAS_HASH) != 0) {
        require(HASH_BYTES, "content hash");
        hash = new byte[HASH_BYTES]; // copied, not asSlice().toArray(): that does a reflective lookup on every call
        MemorySegment.copy(bytes, BYTE, pos, hash, 0, HASH_BYTES);
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
          throw new MalformedEntryException(at, "invalid note " + i + ": " + ex.getMessage());
        }
      }
      int metadataCount = readVarInt("metadata count");
      TreeMap<String, String> metadata = new TreeMap<>();
      for (int i = 0; i < metadataCount; i++) {
        long at = pos;
        String key = readStr("metadata key");
        String value = readStr("metadata value");
        if (metadata.put(key, value) != null) {
          throw new MalformedEntryException(at, "metadata key repeats: \"" + key + "\"");
        }
      }
      if (pos != limit) {
        throw new MalformedEntryException(pos, "entry has " + (limit - pos) + " trailing bytes: actual end=" + pos
            + " vs expected=" + limit);
      }
      return new Entry(hash, notes, metadata);
    }

    private byte readByte() {
      require(1, "byte");
      return bytes.get(BYTE, pos++);
    }

    private int readVarInt(String what) {
      long start = pos;
      long value = 0;
      for (int shift = 0; shift < 7 * MAX_VARINT_BYTES; shift += 7) {
        int b = readByte() & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value > Integer.MAX_VALUE) {
            throw new MalformedEntryException(start, what + " too large: actual=" + value + " vs expected<="
                + Integer.MAX_VALUE);
          }
          return (int) value;
        }
      }
      throw new MalformedEntryException(start, what + " VarInt is longer than " + MAX_VARINT_BYTES + " bytes");
    }

    private String readStr(String what) {
      int length = readVarInt(what + " length");
      require(length, what);
      byte[] utf8 = new byte[length];
      MemorySegment.copy(bytes, BYTE, pos, utf8, 0, length);
      pos += length;
      return new String(utf8, StandardCharsets.UTF_8);
    }

    private void require(long n, String what) {
      if (n > limit - pos) {
        throw new MalformedEntryException(pos, what + " runs past the entry: actual=" + (limit - pos)
            + " bytes left vs expected>=" + n);
      }
    }
  }
}
