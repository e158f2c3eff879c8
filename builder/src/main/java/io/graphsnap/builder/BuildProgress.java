package io.graphsnap.builder;

/**
 * Hears how a build advances, for a progress bar or a log. Called on the building thread; implementations
 * should return quickly. Nothing the listener does changes the snapshot's bytes.
 */
public interface BuildProgress {
  /** A listener that ignores everything. */
  BuildProgress NONE = new BuildProgress() {
    @Override
    public void phase(String name) {}

    @Override
    public void advance(long done, long total) {}
  };

  /** A new phase begins ({@code collect}, {@code resolve}, {@code sort}, {@code edges}, {@code indexes}, {@code write}). */
  void phase(String name);

  /** Within the current phase, {@code done} of {@code total} units are done (objects, nodes or sections). */
  void advance(long done, long total);
}
