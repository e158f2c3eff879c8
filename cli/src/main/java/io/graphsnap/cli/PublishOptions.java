package io.graphsnap.cli;

import io.graphsnap.builder.BuildMode;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildProgress;
import io.graphsnap.objects.StoreLayout;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of every command that publishes a snapshot ({@code build}, {@code snapshot}): refs, mode and the full
 * build's memory cap.
 */
final class PublishOptions {
  @Option(names = "--ref", paramLabel = "NAME",
      description = "Also name the snapshot NAME (a branch, a tag or a commit id; letters, digits, _ and -). Repeatable.")
  List<String> refs = new ArrayList<>();

  @Option(names = "--full", description = "Compile every object instead of starting from the last build.")
  boolean full;

  @Option(names = "--format", paramLabel = "fixed|compact",
      description = "The snapshot's layout: fixed (fixed-width rows and records) or compact (Rice-coded rows, "
          + "front-coded names, node records in bit-packed blocks, packed indexes and file records: under half the "
          + "file; format version 10). Default: the last build's, fixed for the first. A change of format "
          + "builds the whole snapshot.")
  String format;

  /** Checks {@code --format}'s word before any work; exit 2 for a word that is not a format. */
  void checkFormat() {
    if (format != null && !format.equals("fixed") && !format.equals("compact")) {
      throw CliException.badInput("--format " + format + " is not a format (fixed or compact)");
    }
  }

  /** The layout {@code --format} names, or the last build's when it is absent; exit 2 for another word. */
  io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout(io.graphsnap.objects.Store store) {
    if (format == null) {
      return io.graphsnap.builder.StoreSnapshots.lastLayout(store);
    }
    for (io.graphsnap.format.snapshot.CompactCsrFormat.Layout l : io.graphsnap.format.snapshot.CompactCsrFormat.Layout.values()) {
      if (l.label().equals(format)) {
        return l;
      }
    }
    throw CliException.badInput("--format " + format + " is not a format (fixed or compact)");
  }

  @Option(names = "--max-memory", paramLabel = "SIZE",
      description = "Most heap a full build holds for edges and names (e.g. 256m, 4g, unlimited; default: half the "
          + "JVM's maximum heap); beyond it they spill to sorted runs in the store's tmp/. The snapshot is the same.")
  String maxMemory;

  /** The build options: {@code progress} and {@code --max-memory}; exit 2 naming a bad size. */
  BuildOptions options(BuildProgress progress) {
    BuildOptions options = BuildOptions.defaults().withProgress(progress);
    if (maxMemory == null) {
      return options;
    }
    try {
      return options.withMaxMemory(BuildOptions.parseSize(maxMemory));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--max-memory: " + e.getMessage());
    }
  }

  /** The refs to publish, each checked, and --max-memory checked (before any work); exit 2 naming the first bad one. */
  List<String> refs() {
    options(BuildProgress.NONE);
    for (String ref : refs) {
      if (!StoreLayout.isRefName(ref)) {
        throw CliException.badInput("--ref " + ref + " is not a ref name (1-64 letters, digits, _ and -, not starting with -)");
      }
    }
    return refs;
  }

  /** {@link BuildMode#FULL} with {@code --full}, else {@link BuildMode#AUTO}. */
  BuildMode mode() {
    return full ? BuildMode.FULL : BuildMode.AUTO;
  }
}
