package io.graphsnap.bench.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of a {@link ResolvedGraph} that every peer loads from (so that no peer pays for name
 * resolution, which the graphsnap build does pay for). Little-endian:
 * <pre>
 * File     --> Magic UInt64 ("GSRESOLV"), Version Int32, N Int32, E Int32, Kinds, Effects, EdgeTypes, Names,
 *              KindOf Int16^N, EffectMask Int32^N, Offsets Int32^(N+1), Targets Int32^E, Types UInt8^E
 * Kinds, Effects, EdgeTypes, Names --> Count Int32, (Length Int32, UTF-8 bytes)^Count
 * </pre>
 * Written and read in 1 MiB chunks through a {@link FileChannel}. Stateless.
 */
public final class ResolvedGraphFile {
  private static final long MAGIC = 0x564C4F5345525347L; // "GSRESOLV" in little-endian bytes
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 20;

  private ResolvedGraphFile() {}

  /** Writes {@code graph} to {@code file}, replacing it. */
  public static void write(ResolvedGraph graph, Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      Out out = new Out(ch);
      out.putLong(MAGIC);
      out.putInt(VERSION);
      out.putInt(graph.nodeCount());
      out.putInt(graph.edgeCount());
      out.strings(graph.kinds());
      out.strings(graph.effects());
      out.strings(graph.edgeTypes());
      out.strings(List.of(graph.names()));
      for (short k : graph.kindOf()) {
        out.putShort(k);
      }
      for (int m : graph.effectMask()) {
        out.putInt(m);
      }
      for (int o : graph.offsets()) {
        out.putInt(o);
      }
      for (int t : graph.targets()) {
        out.putInt(t);
      }
      for (byte t : graph.types()) {
        out.putByte(t);
      }
      out.flush();
    }
  }

  /** Reads a graph written by {@link #write}. */
  public static ResolvedGraph read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      In in = new In(ch, file);
      long magic = in.getLong();
      int version = in.getInt();
      if (magic != MAGIC || version != VERSION) {
        throw new IOException(file + " is not a resolved graph of version " + VERSION + ": magic=0x"
            + Long.toHexString(magic) + " version=" + version);
      }
      int n = in.getInt();
      int e = in.getInt();
      List<String> kinds = in.strings();
      List<String> effects = in.strings();
      List<String> edgeTypes = in.strings();
      String[] names = in.strings().toArray(new String[0]);
      short[] kindOf = new short[n];
      for (int i = 0; i < n; i++) {
        kindOf[i] = in.getShort();
      }
      int[] effectMask = new int[n];
      for (int i = 0; i < n; i++) {
        effectMask[i] = in.getInt();
      }
      int[] offsets = new int[n + 1];
      for (int i = 0; i <= n; i++) {
        offsets[i] = in.getInt();
      }
      int[] targets = new int[e];
      for (int i = 0; i < e; i++) {
        targets[i] = in.getInt();
      }
      byte[] types = new byte[e];
      for (int i = 0; i < e; i++) {
        types[i] = in.getByte();
      }
      return new ResolvedGraph(names, kinds, effects, edgeTypes, kindOf, effectMask, offsets, targets, types);
    }
  }

  /** The edge type names of a graph written by {@link #write} (type id = index), reading only the file's head. */
  public static List<String> edgeTypes(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      In in = new In(ch, file);
      long magic = in.getLong();
      int version = in.getInt();
      if (magic != MAGIC || version != VERSION) {
        throw new IOException(file + " is not a resolved graph of version " + VERSION);
      }
      in.getInt();
      in.getInt();
      in.strings();
      in.strings();
      return in.strings();
    }
  }

  private static final class Out {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

    Out(FileChannel channel) {
      this.channel = channel;
    }

    private void room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
      }
    }

    void flush() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    void putLong(long v) throws IOException {
      room(8);
      buffer.putLong(v);
    }

    void putInt(int v) throws IOException {
      room(4);
      buffer.putInt(v);
    }

    void putShort(short v) throws IOException {
      room(2);
      buffer.putShort(v);
    }

    void putByte(byte v) throws IOException {
      room(1);
      buffer.put(v);
    }

    void strings(List<String> values) throws IOException {
      putInt(values.size());
      for (String s : values) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        int done = 0;
        while (done < utf8.length) {
          room(1);
          int n = Math.min(buffer.remaining(), utf8.length - done);
          buffer.put(utf8, done, n);
          done += n;
        }
      }
    }
  }

  private static final class In {
    private final FileChannel channel;
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

    In(FileChannel channel, Path file) {
      this.channel = channel;
      this.file = file;
      buffer.limit(0);
    }

    private void need(int bytes) throws IOException {
      if (buffer.remaining() >= bytes) {
        return;
      }
      buffer.compact();
      while (buffer.position() < bytes) {
        if (channel.read(buffer) < 0) {
          throw new IOException(file + " is truncated");
        }
      }
      buffer.flip();
    }

    long getLong() throws IOException {
      need(8);
      return buffer.getLong();
    }

    int getInt() throws IOException {
      need(4);
      return buffer.getInt();
    }

    short getShort() throws IOException {
      need(2);
      return buffer.getShort();
    }

    byte getByte() throws IOException {
      need(1);
      return buffer.get();
    }

    List<String> strings() throws IOException {
      int count = getInt();
      List<String> out = new ArrayList<>(count);
      byte[] scratch = new byte[256];
      for (int i = 0; i < count; i++) {
        int length = getInt();
        if (length < 0 || length > CHUNK) {
          throw new IOException(file + ": string length " + length + " outside [0, " + CHUNK + "]");
        }
        if (scratch.length < length) {
          scratch = new byte[length];
        }
        need(length);
        buffer.get(scratch, 0, length);
        out.add(new String(scratch, 0, length, StandardCharsets.UTF_8));
      }
      return out;
    }
  }
}
