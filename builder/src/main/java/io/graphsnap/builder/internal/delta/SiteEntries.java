package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CALL_SITES entries of the incremental build, from names ({@link CallSitesFormat} has the rule): a node's row is
 * its out-edges sorted by (type name, target name) in code-point order, which is the order of the new type and node
 * ids, so an entry computed here has the bytes the full build writes from ids. Stateless.
 */
final class SiteEntries {
  /** The entry of a node without sites (it is then not listed). */
  static final byte[] NONE = new byte[0];

  private SiteEntries() {}

  /**
   * The entry of a node whose out-edges are {@code out}, with lines {@code lines} (for some of them; others are
   * ignored), or {@link #NONE} when none of {@code out} has lines. O(out · log out).
   */
  static byte[] encode(Collection<Decl.EdgeKey> out, Map<Decl.EdgeKey, int[]> lines) {
    if (lines.isEmpty() || out.isEmpty()) {
      return NONE;
    }
    Decl.EdgeKey[] row = out.toArray(Decl.EdgeKey[]::new);
    java.util.Arrays.sort(row, (a, b) -> {
      int c = Utf8.compare(a.type(), b.type());
      return c != 0 ? c : Utf8.compare(a.target(), b.target());
    });
    CallSitesFormat.EntryEncoder encoder = new CallSitesFormat.EntryEncoder();
    for (int p = 0; p < row.length; p++) {
      int[] l = lines.get(row[p]);
      if (l != null && l.length > 0) {
        encoder.add(p, l);
      }
    }
    return encoder.isEmpty() ? NONE : encoder.toByteArray();
  }

  /** The base node {@code oldId}'s lines, by edge name, read from the base's CALL_SITES. O(out-degree + entry). */
  static Map<Decl.EdgeKey, int[]> ofBase(GraphSnapshot base, int oldId) {
    int[][] sites = base.outSites(oldId);
    Map<Decl.EdgeKey, int[]> byName = new HashMap<>();
    List<String> types = base.edgeTypes();
    EdgeCursor cursor = base.out(oldId);
    int p = 0;
    for (int t = cursor.next(); t >= 0; t = cursor.next(), p++) {
      if (sites[p] != null) {
        byName.put(new Decl.EdgeKey(types.get(cursor.type()), base.name(t)), sites[p]);
      }
    }
    return byName;
  }
}
