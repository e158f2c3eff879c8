package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Resolves a NAME typed on the command line to one node, forgivingly. In order, the first rule that matches
 * decides:
 *
 * <ol>
 *   <li>the exact name;
 *   <li>the name with its parameter list normalised ({@link NameMatch#normalise}: spaces, fully qualified or
 *       generic parameter types; {@code T...} and {@code T[]} are interchangeable);
 *   <li>names that end with the text at a segment boundary ({@code StringUtils} for
 *       {@code org.example.StringUtils}, {@code StringUtils#isBlank(CharSequence)});
 *   <li>when the text has no parameter list, methods and constructors whose name without parameters ends so
 *       ({@code isBlank}, {@code StringUtils#isBlank} for every overload).
 * </ol>
 *
 * Within rules 3 and 4, declared symbols are preferred to external ones. One match resolves; several are
 * ambiguous (exit 1, listing them); none is not found (exit 1, with "did you mean" suggestions from the
 * {@link NameSearch}).
 *
 * <p>Cost: an exact name is one hash probe; the forgiving rules read every name containing the text's last segment,
 * and "did you mean" may read every name, so inside {@link InlineWork#run} they are left to a worker.
 */
final class NameResolver {
  /** The most candidates an error lists. */
  static final int MAX_CANDIDATES = 50;
  /** The most "did you mean" suggestions. */
  static final int MAX_SUGGESTIONS = 5;

  private final NameSearch search;
  private final GraphSnapshot g;

  NameResolver(NameSearch search) {
    this.search = search;
    this.g = search.snapshot();
  }

  /** The id of the one node {@code text} names; a {@link CliException} (exit 1, with candidates) otherwise. */
  int resolve(String text) {
    int id = g.node(text);
    if (id >= 0) {
      return id;
    }
    String normal = NameMatch.normalise(text);
    for (String variant : variants(normal)) {
      id = g.node(variant);
      if (id >= 0) {
        return id;
      }
    }
    if (normal.isEmpty()) {
      throw notFound(text, List.of());
    }
    InlineWork.unbounded("forgiving look-up of a name that is not exact"); // reads names by the thousand
    RoaringBitmap containing = search.containing(NameMatch.lastSegment(normal));
    RoaringBitmap whole = new RoaringBitmap();
    RoaringBitmap members = new RoaringBitmap();
    boolean hasParameters = normal.indexOf('(') >= 0;
    List<String> variants = variants(normal);
    for (IntIterator it = containing.getIntIterator(); it.hasNext(); ) {
      int candidate = it.next();
      String name = g.name(candidate);
      boolean matches = false;
      for (String v : variants) {
        matches |= NameMatch.endsAtBoundary(name, v);
      }
      if (matches) {
        whole.add(candidate);
      } else if (!hasParameters && name.indexOf('(') >= 0 && NameMatch.endsAtBoundary(NameMatch.withoutParameters(name), normal)) {
        members.add(candidate);
      }
    }
    for (RoaringBitmap tier : List.of(preferDeclared(whole), preferDeclared(members))) {
      if (tier.getCardinality() == 1) {
        return tier.first();
      }
      if (tier.getCardinality() > 1) {
        throw ambiguous(text, tier);
      }
    }
    throw notFound(text, suggestions(normal, containing));
  }

  /** {@code normal} and, when its last parameter is an array or varargs, the other spelling. */
  private static List<String> variants(String normal) {
    List<String> all = new ArrayList<>(List.of(normal));
    if (normal.endsWith("...)")) {
      all.add(normal.substring(0, normal.length() - 4) + "[])");
    } else if (normal.endsWith("[])")) {
      all.add(normal.substring(0, normal.length() - 3) + "...)");
    }
    return all;
  }

  private RoaringBitmap preferDeclared(RoaringBitmap ids) {
    RoaringBitmap declared = new RoaringBitmap();
    for (IntIterator it = ids.getIntIterator(); it.hasNext(); ) {
      int id = it.next();
      if (!g.isExternal(id)) {
        declared.add(id);
      }
    }
    return declared.isEmpty() ? ids : declared;
  }

  /** Names that contain the text without ending with it (declared and shortest first), else the nearest by edit distance. */
  private List<String> suggestions(String normal, RoaringBitmap containingLast) {
    String lower = NameMatch.withoutParameters(normal).toLowerCase(Locale.ROOT);
    List<Integer> ids = new ArrayList<>();
    for (IntIterator it = containingLast.getIntIterator(); it.hasNext(); ) {
      int id = it.next();
      if (g.name(id).toLowerCase(Locale.ROOT).contains(lower)) {
        ids.add(id);
      }
    }
    if (!ids.isEmpty()) {
      return ids.stream()
          .sorted(Comparator.<Integer>comparingInt(id -> g.isExternal(id) ? 1 : 0).thenComparingInt(id -> g.name(id).length()))
          .limit(MAX_SUGGESTIONS).map(g::name).toList();
    }
    List<String> names = new ArrayList<>();
    for (int id : search.similar(normal, MAX_SUGGESTIONS)) {
      names.add(g.name(id));
    }
    return names;
  }

  private CliException ambiguous(String text, RoaringBitmap ids) {
    List<String> names = new ArrayList<>();
    for (IntIterator it = ids.getIntIterator(); it.hasNext() && names.size() < MAX_CANDIDATES; ) {
      names.add(g.name(it.next()));
    }
    int total = ids.getCardinality();
    return new CliException(ExitCodes.NOT_FOUND, "ambiguous: " + text + " matches " + total + " symbols"
        + (total > names.size() ? " (the first " + names.size() + " listed)" : "") + "; give more of the name",
        null, "ambiguous", names);
  }

  private static CliException notFound(String text, List<String> suggestions) {
    return new CliException(ExitCodes.NOT_FOUND, "not found: " + text, null, "not found", suggestions);
  }
}
