package io.graphsnap.builder.internal;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.ObjectIdList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The files a full build collected, by arrival index: each one's path (UTF-8 in shared chunks), source hash (32
 * bytes in flat chunks) and object id ({@link ObjectIdList}) and language id, with no object per file. About the path's bytes plus
 * 80 bytes a file, where a {@code String} and two {@code byte[]} a file took about 210; at ten million files that is
 * about 1.3 GB less heap. Paths compare as unsigned UTF-8 bytes, which is code-point order.
 *
 * <p>Append and read in O(1) (a path read as a {@code String} in O(length)). Not thread-safe.
 */
final class CollectedFiles {
  private static final int CHUNK_BYTES = 1 << 22;

  private final Chunks paths = new Chunks();
  /** Per file: the chunk (high 32 bits) and offset (low 32 bits) of its path. */
  private final LongArrayList pathAddress = new LongArrayList();
  private final IntArrayList pathLength = new IntArrayList();
  private final ObjectIdList objectIds = new ObjectIdList();
  private final Fixed32 sourceShas = new Fixed32();
  private final java.util.BitSet hasSourceSha = new java.util.BitSet();
  private final IntArrayList language = new IntArrayList();
  private final byte[] zeros = new byte[32];

  /** The number of files. */
  int size() {
    return language.size();
  }

  /**
   * Adds a file at index {@link #size()}.
   *
   * @param path its path, valid UTF-8 (checked by the caller)
   * @param sourceSha256 32 bytes, or null if unknown
   */
  void add(String path, int languageId, byte[] sourceSha256, ObjectId objectId) {
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    pathAddress.add(paths.append(utf8));
    pathLength.add(utf8.length);
    objectIds.add(objectId);
    if (sourceSha256 != null) {
      hasSourceSha.set(size());
    }
    sourceShas.add(sourceSha256 == null ? zeros : sourceSha256);
    language.add(languageId);
  }

  /** File {@code a}'s path. */
  String path(int a) {
    long at = pathAddress.getLong(a);
    return new String(paths.chunk(at), (int) at, pathLength.getInt(a), StandardCharsets.UTF_8);
  }

  /** A copy of file {@code a}'s path as UTF-8. */
  byte[] pathUtf8(int a) {
    long at = pathAddress.getLong(a);
    return Arrays.copyOfRange(paths.chunk(at), (int) at, (int) at + pathLength.getInt(a));
  }

  /** The UTF-8 length of file {@code a}'s path. */
  int pathLength(int a) {
    return pathLength.getInt(a);
  }

  /** Writes file {@code a}'s path (UTF-8) to {@code out}. */
  void writePath(int a, io.graphsnap.format.snapshot.SectionSink out) throws java.io.IOException {
    long at = pathAddress.getLong(a);
    out.put(paths.chunk(at), (int) at, pathLength.getInt(a));
  }

  /** Compares the paths of files {@code a} and {@code b} in code-point (unsigned UTF-8) order. */
  int comparePaths(int a, int b) {
    long x = pathAddress.getLong(a);
    long y = pathAddress.getLong(b);
    int xs = (int) x;
    int ys = (int) y;
    return Arrays.compareUnsigned(paths.chunk(x), xs, xs + pathLength.getInt(a), paths.chunk(y), ys,
        ys + pathLength.getInt(b));
  }

  /** A copy of file {@code a}'s source hash, or null if unknown. */
  byte[] sourceSha256(int a) {
    return hasSourceSha.get(a) ? sourceShas.get(a) : null;
  }

  /** A copy of file {@code a}'s object id (32 bytes). */
  byte[] objectId(int a) {
    return objectIds.get(a).toBytes();
  }

  /** File {@code a}'s language id (provisional, as the collector's dictionary gave it). */
  int language(int a) {
    return language.getInt(a);
  }

  /** Drops the growth slack of the per-file columns. */
  void trim() {
    pathAddress.trim();
    pathLength.trim();
    language.trim();
  }

  /** Byte chunks of up to 4 MiB, appended to; a string never spans two. */
  private static final class Chunks {
    private byte[][] chunks = new byte[16][];
    private int count;
    private int used = CHUNK_BYTES;

    /**
     * Appends {@code bytes}; returns the chunk index (high 32 bits) and offset (low 32 bits). Chunks start at 4 KiB
     * and double up to 4 MiB, so that a small build holds little.
     */
    long append(byte[] bytes) {
      if (used + bytes.length > (count == 0 ? 0 : chunks[count - 1].length)) {
        if (count == chunks.length) {
          chunks = Arrays.copyOf(chunks, count * 2);
        }
        int size = count == 0 ? 4096 : Math.min(CHUNK_BYTES, chunks[count - 1].length * 2);
        chunks[count++] = new byte[Math.max(size, bytes.length)];
        used = 0;
      }
      System.arraycopy(bytes, 0, chunks[count - 1], used, bytes.length);
      long address = (long) (count - 1) << 32 | used;
      used += bytes.length;
      return address;
    }

    byte[] chunk(long address) {
      return chunks[(int) (address >>> 32)];
    }
  }

  /** 32-byte values in flat chunks of 2^16 values (2 MiB), the first grown from 64: the source hashes. */
  private static final class Fixed32 {
    private static final int SHIFT = 16;
    private static final int MASK = (1 << SHIFT) - 1;
    private byte[][] chunks = new byte[16][];
    private int size;

    void add(byte[] value) {
      int chunk = size >>> SHIFT;
      if (chunk == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      int at = (size & MASK) * 32;
      if (chunks[chunk] == null) {
        chunks[chunk] = new byte[chunk == 0 ? 32 * 64 : 32 << SHIFT]; // the first grows, so a small build holds little
      } else if (at == chunks[chunk].length) {
        chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(32 << SHIFT, 2 * at));
      }
      System.arraycopy(value, 0, chunks[chunk], at, 32);
      size++;
    }

    byte[] get(int i) {
      int from = (i & MASK) * 32;
      return Arrays.copyOfRange(chunks[i >>> SHIFT], from, from + 32);
    }
  }
}
