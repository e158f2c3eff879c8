package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.objects.ObjectId;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.List;

/**
 * The final file ids: files sorted by path in code-point order. Immutable once built.
 *
 * @param sortedFiles arrival index of the file with final id i
 * @param rank arrival index → final file id
 */
record FileOrder(int[] sortedFiles, int[] rank) {

  /**
   * Sorts the files by path. O(F log F).
   *
   * @throws BuildInputException if two objects have the same path
   */
  static FileOrder of(List<String> paths, List<byte[]> objectIds) {
    int n = paths.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(order, (a, b) -> Utf8.compare(paths.get(a), paths.get(b)));
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[order[r]] = r;
      if (r > 0 && paths.get(order[r]).equals(paths.get(order[r - 1]))) {
        String[] ids = {ObjectId.fromBytes(objectIds.get(order[r - 1])).hex(), ObjectId.fromBytes(objectIds.get(order[r])).hex()};
        java.util.Arrays.sort(ids);
        throw new BuildInputException("two objects have the same path " + Utf8.quote(paths.get(order[r]))
            + ": " + ids[0] + " and " + ids[1] + " (a snapshot holds one object per path)");
      }
    }
    return new FileOrder(order, rank);
  }
}
