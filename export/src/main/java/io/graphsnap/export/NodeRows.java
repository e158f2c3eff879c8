package io.graphsnap.export;

import io.graphsnap.reader.GraphSnapshot;
import java.util.List;
import java.util.PrimitiveIterator;
import org.roaringbitmap.PeekableIntIterator;

/**
 * A cursor over a subgraph's nodes in increasing id order, with each node's columns decoded: name, kind,
 * file path (or {@code null}) and effects. Kinds and file paths are decoded once per distinct value; effects
 * come from one iterator per effect bitmap advanced in step with the ids, so a whole-graph scan costs
 * O(N · X) compares and no bitmap search.
 *
 * <pre>{@code
 * for (NodeRows r = new NodeRows(g, s); r.next(); ) { write(r.id(), r.name(), r.kind(), r.file()); }
 * }</pre>
 *
 * <p>Not thread-safe (it has a position); reads the snapshot's memory, so it must not be used after the
 * snapshot is closed. Strings returned are heap copies.
 */
public final class NodeRows {
  private final GraphSnapshot g;
  private final PrimitiveIterator.OfInt ids;
  private final List<String> kindNames;
  private final String[] filePaths;
  private final List<String> effectNames;
  private final PeekableIntIterator[] effectIts;
  private final String[] effects;
  private int effectCount;
  private int id = -1;

  /** A cursor before the first node of {@code s} in {@code g}. O(K + X) to set up; file paths are decoded lazily. */
  public NodeRows(GraphSnapshot g, Subgraph s) {
    this.g = g;
    this.ids = s.nodeIds();
    this.kindNames = g.kinds();
    this.filePaths = new String[g.fileCount()];
    this.effectNames = g.effectNames();
    this.effectIts = new PeekableIntIterator[effectNames.size()];
    for (int x = 0; x < effectIts.length; x++) {
      effectIts[x] = g.withEffect(effectNames.get(x)).getIntIterator();
    }
    this.effects = new String[effectIts.length];
  }

  /** Moves to the next node; {@code false} when there is none. O(X). */
  public boolean next() {
    if (!ids.hasNext()) {
      id = -1;
      return false;
    }
    id = ids.nextInt();
    effectCount = 0;
    for (int x = 0; x < effectIts.length; x++) {
      PeekableIntIterator it = effectIts[x];
      it.advanceIfNeeded(id);
      if (it.hasNext() && it.peekNext() == id) {
        effects[effectCount++] = effectNames.get(x);
      }
    }
    return true;
  }

  /** The current node's id. */
  public int id() {
    return id;
  }

  /** The current node's fully qualified name. O(length). */
  public String name() {
    return g.name(id);
  }

  /** The current node's kind. O(1). */
  public String kind() {
    return kindNames.get(g.kindId(id));
  }

  /** The current node's file path, or {@code null} (external nodes). O(1) after the first use of a file. */
  public String file() {
    int f = g.fileId(id);
    if (f < 0) {
      return null;
    }
    String path = filePaths[f];
    if (path == null) {
      path = g.filePath(f);
      filePaths[f] = path;
    }
    return path;
  }

  /** The number of the current node's effects. */
  public int effectCount() {
    return effectCount;
  }

  /** The current node's {@code i}-th effect, in sorted order. */
  public String effect(int i) {
    java.util.Objects.checkIndex(i, effectCount);
    return effects[i];
  }

  /** The current node's effects joined by {@code separator} ({@code ""} if none). */
  public String effectsJoined(char separator) {
    if (effectCount == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(effects[0]);
    for (int i = 1; i < effectCount; i++) {
      b.append(separator).append(effects[i]);
    }
    return b.toString();
  }
}
