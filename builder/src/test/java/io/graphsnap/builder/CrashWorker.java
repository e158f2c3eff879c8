package io.graphsnap.builder;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Run in a child JVM by {@link CrashTest}: ingests random changes into a store and builds, in a loop, until it
 * is killed. Prints {@code ready} once the store is open, then {@code published <id>} after every publish
 * returns, so the parent knows the last snapshot that must survive.
 */
public final class CrashWorker {
  /** Paths in play: a large round puts about 80 objects (half the paths, a sixth of them deleted), so it writes a pack. */
  static final int PATHS = 3 * io.graphsnap.objects.ObjectBatch.PACK_MIN_OBJECTS;

  private CrashWorker() {}

  /** {@code args}: store folder, seed. */
  public static void main(String[] args) throws Exception {
    Path storeDir = Path.of(args[0]);
    Random r = new Random(Long.parseLong(args[1]));
    try (Store store = Store.open(storeDir, true, Duration.ofSeconds(30))) {
      System.out.println("ready");
      System.out.flush();
      for (int round = 0; ; round++) {
        try (IndexUpdate update = store.beginUpdate()) {
          int changes = r.nextInt(8) == 0 ? PATHS / 2 : 1 + r.nextInt(6);
          for (int i = 0; i < changes; i++) {
            String path = "src/p" + r.nextInt(PATHS) + ".x";
            if (r.nextInt(6) == 0) {
              update.delete(path);
            } else {
              update.put(randomFile(path, r));
            }
          }
          update.commit();
        }
        List<String> refs = r.nextInt(4) == 0 ? List.of("r" + r.nextInt(3)) : List.of();
        StoreBuild built = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, refs);
        System.out.println("published " + built.result().snapshotId() + " " + built.how());
        System.out.flush();
        if (round % 5 == 4) {
          store.collectGarbage(2);
          System.out.println("gc");
          System.out.flush();
        }
      }
    }
  }

  /** A random file: symbols from a shared pool (so names merge and conflict across files), edges to any name. */
  static FileSummary randomFile(String path, Random r) {
    List<SymbolSummary> symbols = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    if (r.nextBoolean()) {
      names.add("pk" + r.nextInt(4));
    }
    for (int i = 0, n = r.nextInt(12); i < n; i++) {
      names.add("c" + r.nextInt(300));
    }
    for (String name : names) {
      String kind = name.startsWith("pk") ? "package" : r.nextInt(5) == 0 ? "class" : "fn";
      List<String> effects = r.nextInt(4) == 0 ? List.of(r.nextBoolean() ? "io" : "db") : List.of();
      int start = r.nextInt(500);
      symbols.add(new SymbolSummary(name, kind, effects, start, start + r.nextInt(30), null, List.of(), null));
    }
    List<EdgeSummary> edges = new ArrayList<>();
    for (int i = 0, n = symbols.isEmpty() ? 0 : r.nextInt(20); i < n; i++) {
      String target = r.nextInt(8) == 0 ? "ext" + r.nextInt(20) : "c" + r.nextInt(300);
      edges.add(new EdgeSummary(r.nextInt(symbols.size()), r.nextBoolean() ? "calls" : "references", target));
    }
    return new FileSummary(path, r.nextInt(10) == 0 ? "python" : "java", null, symbols, edges);
  }
}
