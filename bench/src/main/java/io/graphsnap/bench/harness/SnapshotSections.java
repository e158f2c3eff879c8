package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The size report: where a snapshot's bytes go, each section's length from the file's header, so that the report
 * can say which sections make the file larger than a peer's. Every {@link SectionId} has an entry
 * ({@link #describe}, a switch over all of them). Stateless.
 */
public final class SnapshotSections {
  /** The key of the bytes outside every section: the header and the alignment padding. */
  public static final String HEADER_AND_PADDING = "HEADER_AND_PADDING";

  private SnapshotSections() {}

  /**
   * Prints each section's bytes and bytes per edge of the snapshot {@code args[0]} for {@code args[1]} edges:
   * {@code java -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.SnapshotSections FILE EDGES}.
   */
  public static void main(String[] args) throws IOException {
    double edges = Double.parseDouble(args[1]);
    for (Map.Entry<String, Long> e : sizes(Path.of(args[0])).entrySet()) {
      System.out.printf(java.util.Locale.ROOT, "%-22s %,14d B %8.3f B/edge%n", e.getKey(), e.getValue(),
          e.getValue() / edges);
    }
  }

  /** Section name → length in bytes, in file order, plus {@link #HEADER_AND_PADDING} for the rest. */
  public static Map<String, Long> sizes(Path file) throws IOException {
    try (SnapshotFile mapped = SnapshotFile.open(file)) {
      Map<String, Long> sizes = new LinkedHashMap<>();
      long sum = 0;
      for (SectionEntry e : mapped.header().sections()) {
        sizes.merge(e.displayName(), e.length(), Long::sum);
        sum += e.length();
      }
      sizes.put(HEADER_AND_PADDING, mapped.bytes().byteSize() - sum);
      return sizes;
    }
  }

  /** What the section of report key {@code key} holds ({@link #sizes}' keys), or "" for the header or an unknown id. */
  public static String describe(String key) {
    for (SectionId id : SectionId.values()) {
      if (id.name().equals(key)) {
        return describe(id);
      }
    }
    return key.equals(HEADER_AND_PADDING) ? "header, section table, alignment padding" : "";
  }

  /** What section {@code id} holds, in the report's words: the size report's entry for it. */
  public static String describe(SectionId id) {
    return switch (id) {
      case BUILD_INFO -> "build metadata (key/value strings)";
      case NODE_NAMES -> "node names (sorted strings)";
      case NODES -> "node records (file, lines, kind, flags)";
      case KINDS -> "kind dictionary";
      case EFFECTS -> "effect dictionary";
      case EDGE_TYPES -> "edge-type dictionary";
      case EDGE_TYPE_COUNTS -> "edges per type";
      case FORWARD_OFFSETS -> "forward CSR offsets";
      case FORWARD_TARGETS -> "forward CSR targets";
      case FORWARD_TYPES -> "forward CSR edge types";
      case REVERSE_OFFSETS -> "reverse CSR offsets";
      case REVERSE_SOURCES -> "reverse CSR sources";
      case REVERSE_TYPES -> "reverse CSR edge types";
      case KIND_BITMAPS -> "Roaring bitmaps per kind";
      case EFFECT_BITMAPS -> "Roaring bitmaps per effect";
      case BLOOM -> "Bloom filter over names";
      case FILE_PATHS -> "file paths (sorted strings)";
      case FILES -> "file records (hashes, language, symbol count)";
      case LANGUAGES -> "language dictionary";
      case NODE_DETAILS -> "notes, metadata, content hashes";
      case CONFLICTS -> "name conflicts";
      case NAME_INDEX -> "hash index over names";
      case FILE_SYMBOLS -> "per-file symbol index (nodes in line order)";
      case NAME_TRIGRAMS -> "search index over names (trigram → Roaring bitmap)";
      case CALL_SITES -> "call sites (the lines of each call, per source node)";
      case COMPACT_FORWARD_INDEX -> "compact forward CSR: sparse row index";
      case COMPACT_FORWARD_ROWS -> "compact forward CSR: gap-coded rows";
      case COMPACT_REVERSE_INDEX -> "compact reverse CSR: sparse row index";
      case COMPACT_REVERSE_ROWS -> "compact reverse CSR: gap-coded rows";
    };
  }
}
