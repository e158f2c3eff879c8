package io.graphsnap.cli.fuzz;

import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the seed corpora of the three fuzz targets from real data, so that fuzzing starts from files the
 * tools actually produce:
 * <ul>
 *   <li>{@code SnapshotFuzzTestInputs/openAndQuery/}: {@code shop.gsnap}, built by the builder from
 *       {@code examples/shop.jsonl}, and {@code tiny.gsnap}, two files with a merged namespace, an external
 *       target and notes;
 *   <li>{@code LooseObjectFuzzTestInputs/decode/}: the loose objects of {@code shop.jsonl};
 *   <li>{@code JsonlIngestFuzzTestInputs/ingest/}: each line of {@code shop.jsonl}, the tiny input, and the
 *       {@link HostileLines hostile lines}.
 * </ul>
 * Regenerate (after a format change) from the repository root with
 * {@code mvn -B -q -pl cli test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.graphsnap.cli.fuzz.FuzzSeeds -Dexec.args=cli/src/test/resources} or by running
 * {@link #main} from an IDE with the module folder as working directory.
 */
public final class FuzzSeeds {
  /** Two files, a namespace both declare, an external target, notes and metadata. */
  static final String TINY = """
      {"path": "a/one.cov", "language": "covenant", "symbols": [{"name": "ns", "kind": "namespace"}, \
      {"name": "ns.f", "kind": "fn", "effects": ["io"], "lines": [1, 3], "notes": [{"lang": "en", "text": "f"}], \
      "metadata": {"k": "v"}}], "edges": [{"from": "ns.f", "type": "calls", "to": "ns.g", "line": 2}, \
      {"from": "ns.f", "type": "calls", "to": "ext.h", "lines": [2, 3]}, {"from": "ns", "type": "contains", "to": "ns.f"}]}
      {"path": "b/two.cov", "symbols": [{"name": "ns", "kind": "namespace"}, {"name": "ns.g", "kind": "test"}], \
      "edges": [{"from": "ns.g", "type": "tests", "to": "ns.f"}]}
      """;

  private FuzzSeeds() {}

  /** Writes the corpora under {@code args[0]} (default {@code src/test/resources}) from {@code ../examples/shop.jsonl}. */
  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
    Path shop = Files.isRegularFile(Path.of("examples/shop.jsonl")) ? Path.of("examples/shop.jsonl")
        : Path.of("..", "examples", "shop.jsonl");
    write(resources, Files.readAllBytes(shop));
  }

  /** Writes every seed under {@code resources}. */
  static void write(Path resources, byte[] shopJsonl) throws IOException {
    Path base = resources.resolve("io/graphsnap/cli/fuzz");
    Path snapshots = Files.createDirectories(base.resolve("SnapshotFuzzTestInputs/openAndQuery"));
    Path objects = Files.createDirectories(base.resolve("LooseObjectFuzzTestInputs/decode"));
    Path jsonl = Files.createDirectories(base.resolve("JsonlIngestFuzzTestInputs/ingest"));
    Path work = Files.createTempDirectory("fuzz-seeds-");
    try {
      try (Store store = Store.open(work.resolve("shop"), true)) {
        ingest(store, shopJsonl);
        BuildResult built = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults());
        Files.copy(built.path(), snapshots.resolve("shop.gsnap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (FileEntry entry : store.currentFiles()) {
          Files.write(objects.resolve(entry.path().replace('/', '_') + ".obj"), store.objects().get(entry.objectId()));
        }
      }
      try (Store store = Store.open(work.resolve("tiny"), true)) {
        ingest(store, TINY.getBytes(StandardCharsets.UTF_8));
        BuildResult built = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults());
        Files.copy(built.path(), snapshots.resolve("tiny.gsnap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Scratch.delete(work);
    }
    List<String> lines = new String(shopJsonl, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Files.writeString(jsonl.resolve(String.format("shop-line-%02d.jsonl", i + 1)), lines.get(i) + "\n");
    }
    Files.writeString(jsonl.resolve("tiny.jsonl"), TINY);
    for (HostileLines.Case c : HostileLines.CASES) {
      Files.writeString(jsonl.resolve("hostile-" + c.name() + ".jsonl"), c.line() + "\n");
    }
  }

  private static void ingest(Store store, byte[] jsonl) throws IOException {
    IngestReport report = new JsonLinesIngester(store).ingest(new ByteArrayInputStream(jsonl), jsonl.length);
    if (report.hasErrors()) {
      throw new IllegalStateException("seed input has bad lines: " + report.errors());
    }
  }
}
