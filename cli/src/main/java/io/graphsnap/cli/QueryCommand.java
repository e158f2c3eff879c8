package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap query [--kind K] [--effect E] [--prefix P] [--relation TYPE:TARGET] [--limit N]}: nodes
 * matching every given filter, in name order. Filters intersect the snapshot's bitmaps and the prefix range.
 */
@Command(name = "query", description = "List symbols by kind, effect, name prefix and relation (filters combine with AND).")
final class QueryCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;
  @Mixin NodeFilterOptions filter;

  @Option(names = "--kind", paramLabel = "K", description = "Only nodes of this kind (repeatable: any of them).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--effect", paramLabel = "E", description = "Only nodes with this effect (repeatable: all of them).")
  List<String> effects = new ArrayList<>();

  @Option(names = "--prefix", paramLabel = "P", description = "Only names starting with P.")
  String prefix;

  @Option(names = "--relation", paramLabel = "TYPE:TARGET",
      description = "Only nodes with an edge of TYPE to TARGET, e.g. covers:R-12 (repeatable: all of them).")
  List<String> relations = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: all).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw CliException.badInput("--limit must be >= 0, not " + limit);
    }
    try (GraphSnapshot g = snapshot.open()) {
      Suggestions.requireKnown("kind", kinds, g.kinds());
      Suggestions.requireKnown("effect", effects, g.effectNames());
      RoaringBitmap result = RoaringBitmap.bitmapOfRange(0, g.nodeCount());
      if (prefix != null) {
        IdRange range = g.withPrefix(prefix);
        result = RoaringBitmap.and(result, RoaringBitmap.bitmapOfRange(range.start(), range.end()));
      }
      if (!kinds.isEmpty()) {
        RoaringBitmap anyKind = new RoaringBitmap();
        for (String kind : kinds) {
          anyKind.or(g.ofKind(kind).toRoaringBitmap());
        }
        result.and(anyKind);
      }
      for (String effect : effects) {
        result.and(g.withEffect(effect).toRoaringBitmap());
      }
      for (String relation : relations) {
        int colon = relation.indexOf(':');
        if (colon <= 0 || colon == relation.length() - 1) {
          throw CliException.badInput("--relation takes TYPE:TARGET, e.g. covers:R-12, not '" + relation + "'");
        }
        Suggestions.requireKnown("edge type", List.of(relation.substring(0, colon)), g.edgeTypes());
        ImmutableRoaringBitmap sources = g.byRelation(relation.substring(colon + 1), relation.substring(0, colon));
        result.and(sources.toRoaringBitmap());
      }
      if (filter.any()) {
        result.andNot(filter.excluded(g));
      }
      List<Map<String, String>> rows = new ArrayList<>();
      IntIterator it = result.getIntIterator();
      while (it.hasNext() && rows.size() < limit) {
        int id = it.next();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", g.name(id));
        row.put("kind", g.kind(id));
        rows.add(row);
      }
      if (json) {
        Json.print(root.out(), rows);
      } else {
        for (Map<String, String> row : rows) {
          TerminalText.printf(root.out(), root.color().column(12) + " %s%n", row.get("kind"), row.get("name"));
        }
        if (!root.quiet() && result.getLongCardinality() > rows.size()) {
          root.err().printf("(%,d of %,d shown; raise --limit for more)%n", rows.size(), result.getLongCardinality());
        }
        root.out().flush();
      }
      return ExitCodes.OK;
    }
  }
}
