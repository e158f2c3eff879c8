package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.GraphSnapshot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The layered dictionaries of a delta: the kinds, effects, edge types and languages the change uses that the base
 * lacks, sorted and numbered after the base's (so base ids stay valid), the layered id of any entry, and the edge
 * count of every layered type. O(touched states + their out-edges + changed files + base dictionaries). Immutable once
 * built.
 */
final class LayerDictionaries {
  private final BaseSnapshot raw;
  private final GraphSnapshot base;
  private final Map<String, Integer> addedKindIds = new HashMap<>();
  private final Map<String, Integer> addedEffectIds = new HashMap<>();
  private final Map<String, Integer> addedTypeIds = new HashMap<>();
  private final Map<String, Integer> addedLanguageIds = new HashMap<>();
  final String[] addedKinds;
  final String[] addedEffects;
  final String[] addedEdgeTypes;
  final String[] addedLanguages;
  /** Edges of each layered type id. */
  final long[] edgeTypeCounts;

  LayerDictionaries(BaseSnapshot raw, DeltaPlanner.Resolution r) {
    this.raw = raw;
    this.base = raw.graph;
    TreeSet<String> kinds = utf8Set();
    TreeSet<String> effects = utf8Set();
    TreeSet<String> types = utf8Set();
    TreeSet<String> languages = utf8Set();
    for (NodeState s : r.states().values()) {
      if (!s.present) {
        continue;
      }
      if (s.record != null && base.kindId(s.record.kind()) < 0) {
        kinds.add(s.record.kind());
      }
      if (s.record != null && s.effects != null) {
        for (String e : s.effects) {
          if (base.effectId(e) < 0) {
            effects.add(e);
          }
        }
      }
      if (s.out != null) {
        for (Decl.EdgeKey e : s.out) {
          if (base.edgeTypeId(e.type()) < 0) {
            types.add(e.type());
          }
        }
      }
    }
    List<String> baseLanguages = Arrays.asList(raw.languages);
    for (ChangedFile f : r.changed().values()) {
      if (f.now() != null && !baseLanguages.contains(f.now().language())) {
        languages.add(f.now().language());
      }
    }
    addedKinds = numbered(kinds, base.kinds().size(), addedKindIds);
    addedEffects = numbered(effects, base.effectNames().size(), addedEffectIds);
    addedEdgeTypes = numbered(types, base.edgeTypes().size(), addedTypeIds);
    addedLanguages = numbered(languages, raw.languages.length, addedLanguageIds);
    if (base.kinds().size() + addedKinds.length > SnapshotFormat.MAX_KINDS) {
      throw new BuildInputException("base and delta use " + (base.kinds().size() + addedKinds.length)
          + " kinds, more than the " + SnapshotFormat.MAX_KINDS + " a layered snapshot holds: compact instead");
    }
    if (base.edgeTypes().size() + addedEdgeTypes.length > SnapshotFormat.MAX_EDGE_TYPES) {
      throw new BuildInputException("base and delta use " + (base.edgeTypes().size() + addedEdgeTypes.length)
          + " edge types, more than the " + SnapshotFormat.MAX_EDGE_TYPES + " a layered snapshot holds: compact instead");
    }
    edgeTypeCounts = new long[base.edgeTypes().size() + addedEdgeTypes.length];
    List<String> baseTypes = base.edgeTypes();
    for (int t = 0; t < edgeTypeCounts.length; t++) {
      String type = t < baseTypes.size() ? baseTypes.get(t) : addedEdgeTypes[t - baseTypes.size()];
      edgeTypeCounts[t] = r.typeCounts().getOrDefault(type, 0L);
    }
  }

  private static TreeSet<String> utf8Set() {
    return new TreeSet<>(Utf8::compare);
  }

  private static String[] numbered(TreeSet<String> added, int first, Map<String, Integer> ids) {
    String[] out = added.toArray(String[]::new);
    for (int i = 0; i < out.length; i++) {
      ids.put(out[i], first + i);
    }
    return out;
  }

  int kindId(String kind) {
    int id = base.kindId(kind);
    return id >= 0 ? id : addedKindIds.get(kind);
  }

  int effectId(String effect) {
    int id = base.effectId(effect);
    return id >= 0 ? id : addedEffectIds.get(effect);
  }

  int typeId(String type) {
    int id = base.edgeTypeId(type);
    return id >= 0 ? id : addedTypeIds.get(type);
  }

  int languageId(String language) {
    for (int l = 0; l < raw.languages.length; l++) {
      if (raw.languages[l].equals(language)) {
        return l;
      }
    }
    return addedLanguageIds.get(language);
  }

}
