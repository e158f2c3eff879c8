package io.graphsnap.bench.harness;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The sub-millisecond questions of the harness as JMH benchmarks over whichever {@link GraphSystem}
 * {@link LatencyProbe} has installed in this JVM. Not meant to be run from the JMH command line: the harness
 * runs it in-process (JMH with no fork) inside each system's own process, after loading that system.
 */
@State(Scope.Thread)
public class SystemOpsBenchmark {
  private final GraphSystem system = LatencyProbe.system();
  private final Queries queries = LatencyProbe.queries();
  private final int typeId = LatencyProbe.typeId();
  private int hit;
  private int miss;
  private int node;
  private int pair;

  /** Takes the system the harness installed; fails clearly when run from the JMH command line. */
  public SystemOpsBenchmark() {
    if (system == null) {
      throw new IllegalStateException("SystemOpsBenchmark is run by the harness (BenchHarness), not from the JMH"
          + " command line: pass a pattern such as 'LookupBenchmark|NeighboursBenchmark'");
    }
  }

  /** Looks up an existing name. */
  @Benchmark
  public int lookupHit() throws Exception {
    String[] names = queries.hits();
    int i = hit;
    hit = i + 1 == names.length ? 0 : i + 1;
    return system.lookup(names[i]);
  }

  /** Looks up an absent name. */
  @Benchmark
  public int lookupMiss() throws Exception {
    String[] names = queries.misses();
    int i = miss;
    miss = i + 1 == names.length ? 0 : i + 1;
    return system.lookup(names[i]);
  }

  /** Sums one node's out-neighbours of the neighbour type. */
  @Benchmark
  public long neighbours() throws Exception {
    int[] nodes = queries.neighbourNodes();
    int i = node;
    node = i + 1 == nodes.length ? 0 : i + 1;
    return system.neighbours(nodes[i], typeId);
  }

  /** Counts the nodes of one (kind, effect) pair. */
  @Benchmark
  public long query() throws Exception {
    var pairs = queries.kindEffects();
    int i = pair;
    pair = i + 1 == pairs.size() ? 0 : i + 1;
    String[] p = pairs.get(i);
    return system.countKindEffect(p[0], p[1]);
  }
}
