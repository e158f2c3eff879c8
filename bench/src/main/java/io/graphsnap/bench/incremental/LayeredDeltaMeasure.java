package io.graphsnap.bench.incremental;

import io.graphsnap.bench.Scale;
import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.BaseUnusableException;
import io.graphsnap.builder.BuildMode;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.DeltaFileWriter;
import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Delta write against the whole incremental snapshot write, for the same change, on the store of
 * {@link IncrementalBuildBenchmark} (the same synthetic repository and the same edits): per round and per
 * {@code --changed} count, ingests that many edited files (untimed), writes the layered delta against the last build
 * ({@link StoreSnapshots#writeDelta}, timed, then opened with {@link LayeredSnapshot} and a lookup of an edited name
 * checked), then runs the incremental build of the same change ({@link StoreSnapshots#build}, timed, published, so
 * the next round's base is that snapshot). Prints one line per measurement and the medians without the first round
 * (JIT warm-up). Wall-clock times on whatever machine it runs on: say how loaded it was.
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx8g --enable-native-access=ALL-UNNAMED \
 *   -cp bench/target/benchmarks.jar io.graphsnap.bench.incremental.LayeredDeltaMeasure \
 *   --scale medium --store /tmp/medium-incremental --changed 1,10 --rounds 6
 * </pre>
 */
public final class LayeredDeltaMeasure {
  private LayeredDeltaMeasure() {}

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.parse("medium");
    Path storeDir = null;
    int[] changed = {1, 10};
    int rounds = 6;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Scale.parse(args[++i]);
        case "--store" -> storeDir = Path.of(args[++i]);
        case "--changed" -> changed = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--scale, --store, --changed, --rounds)");
      }
    }
    if (storeDir == null) {
      throw new IllegalArgumentException("--store DIR is required");
    }
    SyntheticGraph graph = SyntheticGraph.of(scale, SyntheticGraph.DEFAULT_SEED);
    SplittableRandom random = new SplittableRandom(System.nanoTime());
    int serial = (int) (System.nanoTime() >>> 8) & 0x3FFF_FFFF;
    Path deltas = storeDir.resolve("deltas-measure");
    try (Store store = open(storeDir, graph)) {
      List<List<double[]>> results = new ArrayList<>();
      for (int k = 0; k < changed.length; k++) {
        results.add(new ArrayList<>());
      }
      System.out.println("round changed deltaMs deltaBytes planMs assembleMs writeMs incrementalMs snapshotBytes");
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < changed.length; k++) {
          String touched = null;
          try (IndexUpdate update = store.beginUpdate()) {
            for (int c = 0; c < changed[k]; c++) {
              FileSummary file = graph.file(random.nextInt(graph.fileCount()));
              FileSummary other = graph.file(random.nextInt(graph.fileCount()));
              FileSummary edited = IncrementalBuildBenchmark.edited(file, ++serial,
                  other.symbols().get(other.symbols().size() - 1).name());
              touched = edited.symbols().get(edited.symbols().size() - 1).name();
              update.put(edited);
            }
            update.commit();
          }
          long t0 = System.nanoTime();
          DeltaFileWriter.Outcome delta = StoreSnapshots.writeDelta(store, BuildOptions.defaults(), deltas)
              .orElseThrow();
          long t1 = System.nanoTime();
          Path base = store.headSnapshot().orElseThrow();
          try (LayeredSnapshot layered = LayeredSnapshot.open(base, delta.path())) {
            if (layered.node(touched) < 0) {
              throw new IllegalStateException("the layered snapshot misses " + touched);
            }
          }
          long t2 = System.nanoTime();
          StoreBuild built = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of());
          long t3 = System.nanoTime();
          if (built.how() != StoreBuild.How.INCREMENTAL) {
            throw new IllegalStateException("expected an incremental build, got " + built.how());
          }
          double[] row = {(t1 - t0) / 1e6, delta.bytes(), ms(delta, "plan"), ms(delta, "assemble"), ms(delta, "write"),
              (t3 - t2) / 1e6, built.result().bytes()};
          if (round > 0) {
            results.get(k).add(row);
          }
          System.out.printf("%d %d %.1f %d %.1f %.1f %.1f %.1f %d%n", round, changed[k], row[0], (long) row[1], row[2],
              row[3], row[4], row[5], (long) row[6]);
          Files.deleteIfExists(delta.path());
        }
        store.collectGarbage(1);
      }
      for (int k = 0; k < changed.length; k++) {
        List<double[]> rows = results.get(k);
        System.out.printf("median changed=%d (%d rounds): delta %.1f ms, %.0f bytes; incremental snapshot %.1f ms, %.0f"
            + " bytes%n", changed[k], rows.size(), median(rows, 0), median(rows, 1), median(rows, 5), median(rows, 6));
      }
    }
  }

  private static double ms(DeltaFileWriter.Outcome o, String phase) {
    var d = o.phases().get(phase);
    return d == null ? 0 : d.toNanos() / 1e6;
  }

  private static double median(List<double[]> rows, int column) {
    double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values.length == 0 ? Double.NaN : values[values.length / 2];
  }

  /** Opens the store, creating it as {@link IncrementalBuildBenchmark} does (every file ingested, then built). */
  private static Store open(Path dir, SyntheticGraph graph) throws IOException, BaseUnusableException {
    boolean create = !Files.isDirectory(dir);
    Store store = Store.open(dir, true);
    if (create) {
      long start = System.nanoTime();
      IncrementalBuildBenchmark.ingestAll(store, graph);
      System.err.printf("ingested %,d files in %.1f s%n", graph.fileCount(), (System.nanoTime() - start) / 1e9);
    }
    long start = System.nanoTime();
    StoreBuild settled = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of());
    System.err.printf("settled: %s build, %,d nodes, %,d edges, %,d bytes in %.1f s%n", settled.how(),
        settled.result().nodeCount(), settled.result().edgeCount(), settled.result().bytes(),
        (System.nanoTime() - start) / 1e9);
    store.collectGarbage(1);
    return store;
  }
}
