package io.graphsnap.cli;

import io.graphsnap.builder.BaseUnusableException;
import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.DeltaFileWriter;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code snapshot --layer} and {@code build --layer}: publishes the change since the last build as the store's layered
 * head ({@link StoreSnapshots#publishLayer}, docs/LAYERED.md), or says why a whole snapshot is needed instead: more
 * than {@value #MAX_FILES} changed files (a delta that large is better folded in at once), no usable last build, or
 * dictionaries a layer cannot extend.
 */
final class LayerPublish {
  /** More changed files than this since the last build: a whole snapshot instead of a layer. */
  static final int MAX_FILES = 4_096;

  private LayerPublish() {}

  /**
   * Refuses options a layer cannot honour: it publishes no ref and builds nothing whole. Called before any work.
   *
   * @throws CliException (exit 2) naming the options to drop
   */
  static void checkOptions(PublishOptions publish) {
    if (publish.mode() != io.graphsnap.builder.BuildMode.AUTO || !publish.refs().isEmpty()) {
      throw CliException.badInput("--layer publishes no ref and builds nothing whole: drop --ref, --full and --incremental");
    }
  }

  /**
   * Publishes the layer and returns {@code <base>+<delta>}, or the last build's id when nothing differs from it (the
   * layer removed); null when a whole snapshot must be built instead (the reason printed on stderr unless quiet).
   */
  static String publish(Store store, GraphsnapCommand root,
      io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout) throws IOException {
    String why;
    try {
      Optional<DeltaFileWriter.Outcome> delta = StoreSnapshots.publishLayer(store,
          BuildOptions.defaults().withLayout(layout), MAX_FILES);
      String base = store.index().journal().lastBuilt().orElseThrow();
      if (!root.quiet()) {
        root.err().println(delta.map(d -> "layer     " + BuildSummary.count(d.changedFiles(), "changed file") + ", "
            + d.bytes() + " bytes over " + base).orElse("layer     none: nothing changed since " + base));
        root.err().flush();
      }
      return delta.map(d -> base + "+" + d.deltaId()).orElse(base);
    } catch (BaseUnusableException | BuildInputException e) {
      why = e.getMessage();
    }
    if (!root.quiet()) {
      TerminalText.printf(root.err(), "graphsnap: a whole snapshot instead of a layer: %s%n", why);
      root.err().flush();
    }
    return null;
  }
}
