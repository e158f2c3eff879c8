package io.graphsnap.bench.serve;

import io.graphsnap.bench.Scale;
import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * A store for measuring the web explorer on a big snapshot: builds the synthetic graph of a scale ({@code medium}:
 * about 1.18 M nodes, 10.6 M edges) and publishes it as the store's {@code HEAD}, then prints what
 * {@code explorer/src/test/web/timing.mjs} needs: the symbol whose incoming {@code calls} count is nearest to
 * {@code --callers} (20,000 by default), and a symbol that reaches it in {@code --hops} calls (4 by default), for
 * the path finder. With an existing HEAD it only prints them. One pass over the {@code calls} edges (an
 * {@code int[]} of in-degrees) and one backward breadth-first search (a {@code BitSet}).
 *
 * <pre>
 * java -Xmx8g -cp bench/target/benchmarks.jar io.graphsnap.bench.serve.ExplorerStore --scale medium --store /tmp/medium
 * ./graphsnap serve --store /tmp/medium --port 7431 &amp;
 * (cd explorer &amp;&amp; node src/test/web/timing.mjs http://127.0.0.1:7431/ --symbol SYMBOL --from FROM --runs 5)
 * </pre>
 */
public final class ExplorerStore {
  private ExplorerStore() {}

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.parse("medium");
    long seed = SyntheticGraph.DEFAULT_SEED;
    Path storeDir = null;
    int callers = 20_000;
    int hops = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Scale.parse(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--store" -> storeDir = Path.of(args[++i]);
        case "--callers" -> callers = Integer.parseInt(args[++i]);
        case "--hops" -> hops = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--scale, --seed, --store, --callers, --hops)");
      }
    }
    if (storeDir == null) {
      throw new IllegalArgumentException("--store DIR is required");
    }
    Optional<Path> head = Files.isDirectory(storeDir) ? Store.headSnapshot(storeDir) : Optional.empty();
    Path snapshot;
    if (head.isPresent()) {
      snapshot = head.get();
      System.err.println("ExplorerStore: " + storeDir + " already has a HEAD, " + snapshot.getFileName());
    } else {
      try (Store store = Store.open(storeDir, true)) {
        long start = System.nanoTime();
        Path built = store.newTempFile("synthetic-", ".gsnap");
        BuildResult r = new SnapshotBuilder().build(SyntheticGraph.of(scale, seed), built);
        snapshot = store.publishSnapshot(built, r.snapshotId());
        System.err.printf("ExplorerStore: %s (seed %d): %,d nodes, %,d edges, %,d bytes, built and published in %.1f s%n",
            scale.label(), seed, r.nodeCount(), r.edgeCount(), r.bytes(), (System.nanoTime() - start) / 1e9);
      }
    }
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      int calls = g.edgeTypeId("calls");
      if (calls < 0) {
        throw new IllegalStateException("the snapshot has no calls edges");
      }
      int[] inCalls = new int[g.nodeCount()];
      for (int id = 0; id < inCalls.length; id++) {
        EdgeCursor c = g.out(id, calls);
        for (int n = c.next(); n >= 0; n = c.next()) {
          inCalls[n]++;
        }
      }
      int symbol = 0;
      for (int id = 1; id < inCalls.length; id++) {
        if (Math.abs(inCalls[id] - callers) < Math.abs(inCalls[symbol] - callers)) {
          symbol = id;
        }
      }
      int from = reachingIn(g, calls, symbol, hops);
      System.out.printf("nodes=%d edges=%d%n", g.nodeCount(), g.edgeCount());
      System.out.printf("symbol=%s%ncallers=%d%n", g.name(symbol), inCalls[symbol]);
      System.out.printf("from=%s%n", from < 0 ? "" : g.name(from));
    }
  }

  /**
   * The smallest id at exactly {@code hops} calls before {@code target} (a backward breadth-first search over calls
   * edges), or at the deepest level reached when fewer; -1 if nothing calls the target.
   */
  private static int reachingIn(GraphSnapshot g, int calls, int target, int hops) {
    BitSet seen = new BitSet(g.nodeCount());
    BitSet frontier = new BitSet(g.nodeCount());
    seen.set(target);
    frontier.set(target);
    int answer = -1;
    for (int level = 1; level <= hops && !frontier.isEmpty(); level++) {
      BitSet next = new BitSet(g.nodeCount());
      for (int id = frontier.nextSetBit(0); id >= 0; id = frontier.nextSetBit(id + 1)) {
        EdgeCursor c = g.in(id, calls);
        for (int n = c.next(); n >= 0; n = c.next()) {
          if (!seen.get(n)) {
            seen.set(n);
            next.set(n);
          }
        }
      }
      if (!next.isEmpty()) {
        answer = next.nextSetBit(0);
      }
      frontier = next;
    }
    return answer;
  }
}
