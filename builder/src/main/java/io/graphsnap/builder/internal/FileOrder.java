package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.objects.ObjectId;
import it.unimi.dsi.fastutil.ints.IntArrays;

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
  static FileOrder of(CollectedFiles files) {
    int n = files.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(order, files::comparePaths);
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[order[r]] = r;
      if (r > 0 && files.comparePaths(order[r], order[r - 1]) == 0) {
        String[] ids = {ObjectId.fromBytes(files.objectId(order[r - 1])).hex(),
            ObjectId.fromBytes(files.objectId(order[r])).hex()};
        java.util.Arrays.sort(ids);
        throw new BuildInputException("two objects have the same path " + Utf8.quote(files.path(order[r]))
            + ": " + ids[0] + " and " + ids[1] + " (a snapshot holds one object per path)");
      }
    }
    return new FileOrder(order, rank);
  }
}
