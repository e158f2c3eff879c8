package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** A {@link ChangeSet} from two lists of files held in memory: the base's and the current ones. */
public final class MemoryChangeSet implements ChangeSet {
  private final Map<String, ObjectId> before = new HashMap<>();
  private final Map<String, ObjectId> now = new HashMap<>();
  private final Map<ObjectId, FileSummary> objects = new HashMap<>();

  public MemoryChangeSet(Collection<FileSummary> base, Collection<FileSummary> current) {
    for (FileSummary f : base) {
      before.put(f.path(), id(f));
    }
    for (FileSummary f : current) {
      now.put(f.path(), id(f));
    }
  }

  private ObjectId id(FileSummary f) {
    ObjectId id = ObjectId.of(LooseObjectCodec.encode(f));
    objects.put(id, f);
    return id;
  }

  @Override
  public Collection<String> changedPaths() {
    TreeSet<String> paths = new TreeSet<>();
    for (String p : before.keySet()) {
      if (!Objects.equals(before.get(p), now.get(p))) {
        paths.add(p);
      }
    }
    for (String p : now.keySet()) {
      if (!Objects.equals(before.get(p), now.get(p))) {
        paths.add(p);
      }
    }
    return paths;
  }

  @Override
  public ObjectId currentObject(String path) {
    return now.get(path);
  }

  @Override
  public List<Declarer> declarers(String name) {
    List<Declarer> out = new ArrayList<>();
    for (Map.Entry<String, ObjectId> e : now.entrySet()) {
      for (SymbolSummary s : objects.get(e.getValue()).symbols()) {
        if (s.name().equals(name)) {
          out.add(new Declarer(e.getKey(), e.getValue()));
          break;
        }
      }
    }
    return out;
  }

  @Override
  public FileSummary read(ObjectId id) {
    return Objects.requireNonNull(objects.get(id), "unknown object");
  }
}
