package io.graphsnap.format.object;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One symbol (node) declared by a file. Immutable; the canonical constructor puts effects in sorted,
 * distinct order and metadata in key order, so that equal symbols encode to equal bytes.
 *
 * @param name fully qualified, unique key (e.g. {@code auth.login})
 * @param kind open set of short strings ({@code fn}, {@code class}, …)
 * @param effects sorted, distinct effect names ({@code io}, {@code net}, …)
 * @param lineStart first line, 1-based, or 0 if unknown
 * @param lineEnd last line, {@code >= lineStart}, or 0 if unknown
 * @param contentHash SHA-256 of the symbol's text (32 bytes), or {@code null}
 * @param notes notes in the order given
 * @param metadata string → string, sorted by key
 */
public record SymbolSummary(
    String name,
    String kind,
    List<String> effects,
    int lineStart,
    int lineEnd,
    byte[] contentHash,
    List<Note> notes,
    SortedMap<String, String> metadata) {

  /** Namespace kinds: a name of one of these kinds may be declared by several files, which merge. */
  public static final List<String> NAMESPACE_KINDS = Kinds.NAMESPACES;

  /** Validates and canonicalises every field. */
  public SymbolSummary {
    Checks.name("symbol name", name);
    Checks.name("kind", name, kind);
    if (effects == null || effects.isEmpty()) { // the common cases without a sorted set
      effects = List.of();
    } else if (effects.size() == 1) {
      effects = List.of(Checks.name("effect", name, effects.getFirst()));
    } else {
      TreeSet<String> sortedEffects = new TreeSet<>();
      for (String effect : effects) {
        sortedEffects.add(Checks.name("effect", name, effect));
      }
      effects = List.copyOf(sortedEffects);
    }
    if (lineStart < 0 || lineEnd < 0 || lineEnd < lineStart) {
      throw new InvalidSummaryException(
          "lines of " + name + " must satisfy 0 <= start <= end, not [" + lineStart + ", " + lineEnd + "]");
    }
    contentHash = Checks.hash("hash", name, contentHash);
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (metadata == null || metadata.isEmpty()) {
      metadata = Collections.emptySortedMap();
    } else {
      TreeMap<String, String> sortedMetadata = new TreeMap<>();
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        sortedMetadata.put(Checks.name("metadata key", name, e.getKey()),
            Checks.text("metadata value", name, e.getValue()));
      }
      metadata = Collections.unmodifiableSortedMap(sortedMetadata);
    }
  }

  /** A symbol with just a name, kind and lines. */
  public static SymbolSummary of(String name, String kind, int lineStart, int lineEnd) {
    return new SymbolSummary(name, kind, List.of(), lineStart, lineEnd, null, List.of(), null);
  }

  /** True if the kind is one of {@link #NAMESPACE_KINDS}. */
  public boolean isNamespace() {
    return NAMESPACE_KINDS.contains(kind);
  }

  /** Returns a copy of the content hash, or {@code null}. */
  @Override
  public byte[] contentHash() {
    return contentHash == null ? null : contentHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymbolSummary s
        && name.equals(s.name) && kind.equals(s.kind) && effects.equals(s.effects)
        && lineStart == s.lineStart && lineEnd == s.lineEnd && Arrays.equals(contentHash, s.contentHash)
        && notes.equals(s.notes) && metadata.equals(s.metadata);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(contentHash);
  }

  @Override
  public String toString() {
    return "SymbolSummary[" + name + " " + kind + " " + effects + " " + lineStart + "-" + lineEnd + "]";
  }
}
