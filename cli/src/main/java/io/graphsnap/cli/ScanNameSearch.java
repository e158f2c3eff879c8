package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.Arrays;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@link NameSearch} over a snapshot: {@link #containing} is the reader's {@link GraphSnapshot#namesContaining}
 * (the NAME_TRIGRAMS index of a version-3 snapshot, else a scan of the names); camel humps and similar names read
 * every name of the sorted name table, O(N × name length) per call.
 */
final class ScanNameSearch implements NameSearch {
  private final GraphSnapshot g;

  ScanNameSearch(GraphSnapshot g) {
    this.g = g;
  }

  @Override
  public GraphSnapshot snapshot() {
    return g;
  }

  /** The reader's search: its NAME_TRIGRAMS index when the snapshot has one (format 3), else a scan of the names. */
  @Override
  public RoaringBitmap containing(String text) {
    return g.namesContaining(text);
  }

  @Override
  public RoaringBitmap camelHump(CamelHump pattern) {
    RoaringBitmap result = new RoaringBitmap();
    int n = g.nodeCount();
    for (int id = 0; id < n; id++) {
      if (pattern.matches(g.name(id))) {
        result.add(id);
      }
    }
    return result;
  }

  @Override
  public int[] similar(String text, int max) {
    String query = text.toLowerCase(Locale.ROOT);
    int limit = NameSearch.maxDistance(query);
    int n = g.nodeCount();
    long[] scored = new long[0]; // distance << 52 | length << 32 | id, kept sorted, at most max
    int size = 0;
    for (int id = 0; id < n && max > 0; id++) {
      String name = g.name(id);
      int d = NameMatch.distanceToTail(query, name.toLowerCase(Locale.ROOT), limit);
      if (d > limit) {
        continue;
      }
      long key = (long) d << 52 | (long) Math.min(name.length(), 0xFFFFF) << 32 | id;
      if (size < max) {
        if (size == scored.length) {
          scored = Arrays.copyOf(scored, Math.max(4, size * 2));
        }
        scored[size++] = key;
        Arrays.sort(scored, 0, size);
      } else if (key < scored[size - 1]) {
        scored[size - 1] = key;
        Arrays.sort(scored, 0, size);
      }
    }
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      ids[i] = (int) scored[i];
    }
    return ids;
  }
}
