package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import it.unimi.dsi.fastutil.ints.IntArrayFIFOQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * MapDB alone as a key-value graph store: {@code names: String → Integer} and {@code out: Integer → int[]}, one
 * adjacency list per node with edges, of the form {@code [start of type 0, …, start of type T, targets sorted by
 * (type, target)…]} (starts index the array), both {@link HTreeMap}s in one memory-mapped file. Bulk load
 * without transactions (the fastest MapDB offers), then closed; {@link #reopen} opens it read-only. BFS is a
 * queue over {@code out.get(v)}.
 */
public final class MapDbSystem implements GraphSystem {
  private Path file;
  private DB db;
  private HTreeMap<String, Integer> names;
  private HTreeMap<Integer, int[]> out;
  private int nodeCount;
  private long edgeCount;

  @Override
  public String name() {
    return "mapdb";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.OPEN, Capability.LOOKUP, Capability.NEIGHBOURS, Capability.BFS);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void load(Workload workload) throws Exception {
    close();
    Path dir = workload.systemDir(name());
    Files.createDirectories(dir);
    file = dir.resolve("graph.mapdb");
    Files.deleteIfExists(file);
    ResolvedGraph g = ResolvedGraphFile.read(workload.resolvedGraph());
    DB writer = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().make();
    try {
      HTreeMap<String, Integer> nameMap = writer.hashMap("names", Serializer.STRING, Serializer.INTEGER).createOrOpen();
      String[] all = g.names();
      for (int v = 0; v < all.length; v++) {
        nameMap.put(all[v], v);
      }
      HTreeMap<Integer, int[]> outMap = writer.hashMap("out", Serializer.INTEGER, Serializer.INT_ARRAY).createOrOpen();
      int typeCount = g.edgeTypes().size();
      int[] offsets = g.offsets();
      int[] targets = g.targets();
      byte[] types = g.types();
      for (int v = 0; v < all.length; v++) {
        int from = offsets[v];
        int to = offsets[v + 1];
        if (from == to) {
          continue;
        }
        int header = typeCount + 1;
        int[] value = new int[header + to - from];
        int t = 0;
        for (int i = from; i < to; i++) {
          while (t <= (types[i] & 0xFF)) {
            value[t++] = header + i - from;
          }
          value[header + i - from] = targets[i];
        }
        while (t <= typeCount) {
          value[t++] = header + to - from;
        }
        outMap.put(v, value);
      }
      writer.atomicInteger("nodes").createOrOpen().set(all.length);
      writer.atomicLong("edges").createOrOpen().set(g.edgeCount());
    } finally {
      writer.close();
    }
    open();
  }

  @Override
  public void reopen() throws Exception {
    close();
    open();
  }

  @SuppressWarnings("unchecked")
  private void open() {
    db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().readOnly().make();
    names = db.hashMap("names", Serializer.STRING, Serializer.INTEGER).open();
    out = db.hashMap("out", Serializer.INTEGER, Serializer.INT_ARRAY).open();
    nodeCount = db.atomicInteger("nodes").open().get();
    edgeCount = db.atomicLong("edges").open().get();
  }

  @Override
  public long diskBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public long nodeCount() {
    return nodeCount;
  }

  @Override
  public long edgeCount() {
    return edgeCount;
  }

  @Override
  public int lookup(String name) {
    Integer id = names.get(name);
    return id == null ? -1 : id;
  }

  @Override
  public long neighbours(int node, int typeId) {
    int[] value = out.get(node);
    if (value == null) {
      return 0;
    }
    long sum = 0;
    int from = value[typeId];
    int to = value[typeId + 1];
    for (int i = from; i < to; i++) {
      sum += value[i];
    }
    return sum + ((long) (to - from) << 40);
  }

  @Override
  public long[] bfs(int source) {
    long[] seen = new long[(nodeCount + 63) >>> 6];
    IntArrayFIFOQueue queue = new IntArrayFIFOQueue();
    queue.enqueue(source);
    seen[source >>> 6] |= 1L << source;
    long count = 1;
    long sum = source;
    long examined = 0;
    while (!queue.isEmpty()) {
      int[] value = out.get(queue.dequeueInt());
      if (value == null) {
        continue;
      }
      int header = value[0];
      examined += value.length - header;
      for (int i = header; i < value.length; i++) {
        int w = value[i];
        if ((seen[w >>> 6] & (1L << w)) == 0) {
          seen[w >>> 6] |= 1L << w;
          queue.enqueue(w);
          count++;
          sum += w;
        }
      }
    }
    return new long[] {count, sum, examined};
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
