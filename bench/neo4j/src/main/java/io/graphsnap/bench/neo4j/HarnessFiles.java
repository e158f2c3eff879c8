package io.graphsnap.bench.neo4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The harness's files as a Java 17 process reads and writes them: the resolved graph ({@code graph.resolved},
 * written by {@code io.graphsnap.bench.harness.ResolvedGraphFile}), the questions ({@code queries.bin}, written by
 * {@code Queries.write}) and the result properties ({@code SystemResult.write}). A twin of those classes, which are
 * compiled for Java 25; the harness's tiny-scale test runs both sides, so a format drift fails it. Stateless.
 */
final class HarnessFiles {
  private static final long MAGIC = 0x564C4F5345525347L;
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 20;

  private HarnessFiles() {}

  /** The resolved graph: names, kind and effect columns, forward CSR sorted by (type, target). */
  static final class Graph {
    List<String> kinds;
    List<String> effects;
    List<String> edgeTypes;
    String[] names;
    short[] kindOf;
    int[] effectMask;
    int[] offsets;
    int[] targets;
    byte[] types;

    int nodeCount() {
      return names.length;
    }
  }

  /** The questions, as {@code Queries} holds them. */
  static final class Questions {
    String[] hits;
    String[] misses;
    int[] neighbourNodes;
    String neighbourType;
    List<String[]> kindEffects;
    int[] bfsSources;
  }

  static Graph readGraph(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      In in = new In(ch, file);
      long magic = in.getLong();
      int version = in.getInt();
      if (magic != MAGIC || version != VERSION) {
        throw new IOException(file + " is not a resolved graph of version " + VERSION);
      }
      int n = in.getInt();
      int e = in.getInt();
      Graph g = new Graph();
      g.kinds = in.strings();
      g.effects = in.strings();
      g.edgeTypes = in.strings();
      g.names = in.strings().toArray(new String[0]);
      if (g.names.length != n) {
        throw new IOException(file + ": " + g.names.length + " names for " + n + " nodes");
      }
      g.kindOf = new short[n];
      for (int i = 0; i < n; i++) {
        g.kindOf[i] = in.getShort();
      }
      g.effectMask = new int[n];
      for (int i = 0; i < n; i++) {
        g.effectMask[i] = in.getInt();
      }
      g.offsets = new int[n + 1];
      for (int i = 0; i <= n; i++) {
        g.offsets[i] = in.getInt();
      }
      g.targets = new int[e];
      for (int i = 0; i < e; i++) {
        g.targets[i] = in.getInt();
      }
      g.types = new byte[e];
      for (int i = 0; i < e; i++) {
        g.types[i] = in.getByte();
      }
      return g;
    }
  }

  static Questions readQuestions(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      Questions q = new Questions();
      q.hits = strings(in);
      q.misses = strings(in);
      q.neighbourNodes = ints(in);
      q.neighbourType = in.readUTF();
      int pairs = in.readInt();
      q.kindEffects = new ArrayList<>(pairs);
      for (int i = 0; i < pairs; i++) {
        q.kindEffects.add(new String[] {in.readUTF(), in.readUTF()});
      }
      q.bfsSources = ints(in);
      return q;
    }
  }

  /** Writes {@code values} as {@code SystemResult.write} does (a properties file, sorted keys). */
  static void writeResult(Path file, Map<String, String> values) throws IOException {
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.putAll(values);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "graphsnap bench harness result (neo4j)");
    }
  }

  private static String[] strings(DataInputStream in) throws IOException {
    String[] values = new String[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readUTF();
    }
    return values;
  }

  private static int[] ints(DataInputStream in) throws IOException {
    int[] values = new int[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
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
