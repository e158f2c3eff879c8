package io.graphsnap.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the watch layers a save, and how long it waits before folding the layer in. */
class LayerPolicyTest {
  private static final long MS = 1_000_000;

  @Test
  void autoLayersOnceTheWholeSnapshotIsLarge() {
    LayerPolicy p = new LayerPolicy(Watcher.Layers.AUTO);
    assertFalse(p.asLayer(true), "the first build is whole");
    p.wholePublished(LayerPolicy.LAYER_WHEN_WHOLE_BYTES - 1);
    assertFalse(p.asLayer(false), "a small snapshot is cheap to write whole");
    p.wholePublished(LayerPolicy.LAYER_WHEN_WHOLE_BYTES);
    assertTrue(p.asLayer(false));
    p.wholePublished(-1);
    assertFalse(p.asLayer(false), "unknown size: whole");
    p.layerPublished(0);
    assertTrue(p.asLayer(false), "while a layer is published, the next save extends it");
    assertTrue(new LayerPolicy(Watcher.Layers.ALWAYS).asLayer(false));
    LayerPolicy never = new LayerPolicy(Watcher.Layers.NEVER);
    never.wholePublished(Long.MAX_VALUE);
    assertFalse(never.asLayer(false));
  }

  @Test
  void foldsWhenQuietAtTheLatestAfterTenSecondsAndAtOnceWhenWanted() {
    LayerPolicy p = new LayerPolicy(Watcher.Layers.ALWAYS);
    assertEquals(-1, p.foldDelayMillis(0, true), "nothing to fold: wait for changes forever");
    p.layerPublished(1_000 * MS);
    assertTrue(p.layered());
    assertEquals(LayerPolicy.FOLD_WHEN_QUIET_MILLIS, p.foldDelayMillis(1_000 * MS, false));
    p.layerPublished(5_000 * MS); // a later save keeps the first layer's age
    assertEquals(LayerPolicy.FOLD_WHEN_QUIET_MILLIS, p.foldDelayMillis(5_000 * MS, false));
    assertEquals(500, p.foldDelayMillis(10_500 * MS, false), "no more than 10 s after the first layer");
    assertEquals(0, p.foldDelayMillis(12_000 * MS, false));
    assertEquals(0, p.foldDelayMillis(1_000 * MS, true), "a server waits for a whole snapshot");
    assertTrue(p.foldMayYield(1_500 * MS, false), "a quiet fold gives way to a change");
    assertFalse(p.foldMayYield(11_000 * MS, false), "an overdue one does not: busy trees still get whole snapshots");
    assertFalse(p.foldMayYield(1_500 * MS, true), "nor one a waiting question wants");
    p.foldFailed(20_000 * MS);
    assertEquals(LayerPolicy.FOLD_WHEN_QUIET_MILLIS, p.foldDelayMillis(20_000 * MS, false), "retry once quiet, not at once");
    p.wholePublished(1);
    assertFalse(p.layered());
    assertEquals(-1, p.foldDelayMillis(21_000 * MS, false));
  }
}
