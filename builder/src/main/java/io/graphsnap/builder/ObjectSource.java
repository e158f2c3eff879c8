package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The loose objects a snapshot is built from: one {@link FileSummary} per source file, with its object id.
 *
 * <p>{@link #forEach} may deliver the objects in any order (a store iterates its index, a test shuffles); the
 * builder's output depends only on the set of objects. An implementation may decode each object lazily, so that
 * the builder never holds more than one {@link FileSummary} at a time.
 */
public interface ObjectSource {
  /** The number of objects {@link #forEach} delivers; used for progress and to size tables. */
  long size();

  /**
   * Delivers every object once to {@code visitor}, in any order.
   *
   * @throws IOException if an object cannot be read, or as thrown by {@code visitor}
   */
  void forEach(ObjectVisitor visitor) throws IOException;

  /** A source over an in-memory map (iterated in the map's order). The map is not copied: do not modify it. */
  static ObjectSource of(Map<ObjectId, FileSummary> objects) {
    Objects.requireNonNull(objects, "objects");
    return new ObjectSource() {
      @Override
      public long size() {
        return objects.size();
      }

      @Override
      public void forEach(ObjectVisitor visitor) throws IOException {
        for (Map.Entry<ObjectId, FileSummary> e : objects.entrySet()) {
          visitor.visit(e.getKey(), e.getValue());
        }
      }
    };
  }

  /**
   * A source over summaries in list order, each with the id of its canonical encoding
   * ({@link LooseObjectCodec#encode}), as the store would name it. The list is copied. O(total size) to
   * encode on creation.
   */
  static ObjectSource of(List<FileSummary> summaries) {
    List<ObjectId> ids = new ArrayList<>(summaries.size());
    for (FileSummary s : summaries) {
      ids.add(ObjectId.of(LooseObjectCodec.encode(s)));
    }
    List<FileSummary> copy = List.copyOf(summaries);
    return new ObjectSource() {
      @Override
      public long size() {
        return copy.size();
      }

      @Override
      public void forEach(ObjectVisitor visitor) throws IOException {
        for (int i = 0; i < copy.size(); i++) {
          visitor.visit(ids.get(i), copy.get(i));
        }
      }
    };
  }
}
