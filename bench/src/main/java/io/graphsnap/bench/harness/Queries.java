package io.graphsnap.bench.harness;

import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.format.object.Kinds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The questions every system answers, drawn once per run (seeded) from the resolved graph, so that all systems
 * answer the same ones. Immutable by contract (arrays are shared; do not modify).
 *
 * @param hits names that exist, drawn uniformly from all nodes
 * @param misses names that do not exist (an existing name with a suffix no generated name has)
 * @param neighbourNodes nodes whose out-edges of {@code neighbourType} are summed, drawn uniformly
 * @param neighbourType the edge type of the neighbour question ({@code calls})
 * @param kindEffects (kind, effect) pairs to count the nodes of
 * @param bfsSources sources of forward BFS over all edge types: functions with at least one out-edge
 */
public record Queries(String[] hits, String[] misses, int[] neighbourNodes, String neighbourType,
    List<String[]> kindEffects, int[] bfsSources) {

  /** Draws {@code samples} hits, misses and neighbour nodes and {@code sources} BFS sources from {@code g}. */
  public static Queries draw(ResolvedGraph g, long seed, int samples, int sources) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x0123_4567_89ABL);
    int n = g.nodeCount();
    String[] names = g.names();
    String[] hits = new String[samples];
    String[] misses = new String[samples];
    int[] nodes = new int[samples];
    for (int i = 0; i < samples; i++) {
      hits[i] = names[random.nextInt(n)];
      misses[i] = names[random.nextInt(n)] + "$absent" + i;
      nodes[i] = random.nextInt(n);
    }
    List<String[]> kindEffects = new ArrayList<>();
    String[][] pairs = {{Kinds.METHOD, "db"}, {Kinds.METHOD, "io"}, {Kinds.FN, "net"}, {Kinds.CLASS, "meta"}};
    for (String[] pair : pairs) {
      if (g.kinds().contains(pair[0]) && g.effects().contains(pair[1])) {
        kindEffects.add(pair);
      }
    }
    int[] bfs = new int[sources];
    int method = g.kinds().indexOf(Kinds.METHOD);
    int fn = g.kinds().indexOf(Kinds.FN);
    for (int i = 0; i < sources; i++) {
      int v;
      int tries = 0;
      do {
        v = random.nextInt(n);
        tries++;
      } while (tries < 10_000 && (g.offsets()[v + 1] == g.offsets()[v]
          || (g.kindOf()[v] != method && g.kindOf()[v] != fn)));
      bfs[i] = v;
    }
    return new Queries(hits, misses, nodes, EdgeTypes.CALLS, kindEffects, bfs);
  }

  /** Writes the queries to {@code file}. */
  public void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      writeStrings(out, hits);
      writeStrings(out, misses);
      writeInts(out, neighbourNodes);
      out.writeUTF(neighbourType);
      out.writeInt(kindEffects.size());
      for (String[] pair : kindEffects) {
        out.writeUTF(pair[0]);
        out.writeUTF(pair[1]);
      }
      writeInts(out, bfsSources);
    }
  }

  /** Reads queries written by {@link #write}. */
  public static Queries read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      String[] hits = readStrings(in);
      String[] misses = readStrings(in);
      int[] nodes = readInts(in);
      String type = in.readUTF();
      int pairs = in.readInt();
      List<String[]> kindEffects = new ArrayList<>(pairs);
      for (int i = 0; i < pairs; i++) {
        kindEffects.add(new String[] {in.readUTF(), in.readUTF()});
      }
      return new Queries(hits, misses, nodes, type, kindEffects, readInts(in));
    }
  }

  private static void writeStrings(DataOutputStream out, String[] values) throws IOException {
    out.writeInt(values.length);
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static String[] readStrings(DataInputStream in) throws IOException {
    String[] values = new String[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readUTF();
    }
    return values;
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] values = new int[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }
}
