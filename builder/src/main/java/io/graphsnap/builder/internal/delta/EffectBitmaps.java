package io.graphsnap.builder.internal.delta;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The new effect bitmaps: each base bitmap's members with ids remapped, minus the nodes whose effects were
 * rewritten, merged with those nodes' new effects; every bitmap filled in increasing id order and
 * run-optimised, exactly as the full build fills it. O(total bitmap sizes + touched nodes). Single-use.
 */
final class EffectBitmaps {
  private final Delta d;

  EffectBitmaps(Delta delta) {
    this.d = delta;
  }

  RoaringBitmap[] build() {
    int count = d.effects.length;
    IntArrayList[] fromBase = new IntArrayList[count];
    IntArrayList[] fromStates = new IntArrayList[count];
    for (int e = 0; e < count; e++) {
      fromBase[e] = new IntArrayList();
      fromStates[e] = new IntArrayList();
    }
    List<String> baseEffects = d.base.graph.effectNames();
    int[] overridden = d.effectsOverridden;
    for (int b = 0; b < baseEffects.size(); b++) {
      int e = d.effectRemap[b];
      if (e < 0) {
        continue;
      }
      IntIterator members = d.base.effectBitmap(b).getIntIterator();
      while (members.hasNext()) {
        int u = members.next();
        if (overridden.length > 0 && Arrays.binarySearch(overridden, u) >= 0) {
          continue;
        }
        int v = d.nodes.newId(u);
        if (v >= 0) {
          fromBase[e].add(v);
        }
      }
    }
    for (NodeState s : d.nodeItems) {
      if (s.effects != null && s.present) {
        for (String effect : s.effects) {
          fromStates[Arrays.binarySearch(d.effects, effect, io.graphsnap.builder.internal.Utf8::compare)].add(s.newId);
        }
      }
    }
    RoaringBitmap[] bitmaps = new RoaringBitmap[count];
    for (int e = 0; e < count; e++) {
      int[] extra = fromStates[e].toIntArray();
      Arrays.sort(extra);
      bitmaps[e] = merged(fromBase[e], extra);
    }
    return bitmaps;
  }

  private static RoaringBitmap merged(IntArrayList base, int[] extra) {
    RoaringBitmap bitmap = new RoaringBitmap();
    int[] a = base.elements();
    int n = base.size();
    int i = 0;
    int j = 0;
    while (i < n || j < extra.length) {
      if (j == extra.length || (i < n && a[i] < extra[j])) {
        bitmap.add(a[i++]);
      } else {
        bitmap.add(extra[j++]);
      }
    }
    bitmap.runOptimize();
    return bitmap;
  }
}
