package io.graphsnap.cli;

import io.graphsnap.builder.BuildMode;
import io.graphsnap.objects.StoreLayout;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of every command that publishes a snapshot ({@code build}, {@code snapshot}): refs and mode. */
final class PublishOptions {
  @Option(names = "--ref", paramLabel = "NAME",
      description = "Also name the snapshot NAME (a branch, a tag or a commit id; letters, digits, _ and -). Repeatable.")
  List<String> refs = new ArrayList<>();

  @Option(names = "--full", description = "Compile every object instead of starting from the last build.")
  boolean full;

  /** The refs to publish, each checked; exit 2 naming the first bad one. */
  List<String> refs() {
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
