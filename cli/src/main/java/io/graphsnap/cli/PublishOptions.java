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

  @Option(names = "--max-memory", paramLabel = "SIZE",
      description = "Most heap a full build holds for edges (e.g. 256m, 4g, unlimited; default: half the JVM's "
          + "maximum heap); beyond it the edges spill to sorted runs in the store's tmp/. The snapshot is the same.")
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
