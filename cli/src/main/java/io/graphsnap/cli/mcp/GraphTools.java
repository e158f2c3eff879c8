package io.graphsnap.cli.mcp;

import static io.graphsnap.cli.mcp.Param.option;
import static io.graphsnap.cli.mcp.Param.positional;
import static io.graphsnap.cli.mcp.Param.required;

import io.graphsnap.cli.mcp.Tool.Paging;
import java.util.List;
import java.util.Map;

/**
 * The tools {@code graphsnap mcp} offers, with descriptions written for a model: what each answers, what names
 * look like, how to page. Each is a {@code graphsnap} query command; {@link ToolRunner} runs it.
 */
final class GraphTools {
  private GraphTools() {}

  static final String NAMES = " Names are fully qualified as the snapshot records them: packages and types with dots, "
      + "members after '#', methods with their erased simple parameter types, e.g. 'java.util.ArrayList', "
      + "'java.util.ArrayList#add(int,Object)', 'auth.login'. Use the search tool when you do not know the exact name.";
  static final String TYPES = "Edge types, e.g. calls, references, contains, extends, implements (the info tool lists "
      + "the snapshot's types).";

  /** The tools, in the order {@code tools/list} gives them. */
  static List<Tool> all() {
    return List.of(
        searchTool(),
        new Tool("lookup", "Look up a symbol", "One symbol by its exact name: kind, declared effects, file, line "
            + "range, content hash, notes (documentation) and metadata." + NAMES, "lookup",
            List.of(positional("name", "string", "The symbol's fully qualified name.")), new Paging.None(),
            symbolSchema()),
        new Tool("neighbors", "Neighbours of a symbol", "The symbols one symbol points to (calls, references, "
            + "contains, ...) or, with reverse=true, the symbols pointing to it (its callers with type=calls), each with "
            + "the edge type, in edge-type then name-id order. With sites=true each neighbour also has its call sites: "
            + "sites is a list of {file, line}, one per occurrence of the edge (each call of a calls edge), in the file "
            + "of the edge's source (the caller's file with reverse=true, else the symbol's own); [] when the edge has "
            + "no line recorded, and [] for every edge of a snapshot built before format 4 (rebuild it for sites; the "
            + "info tool's formatVersion says which). Paged: hubs can have thousands of neighbours." + NAMES, "neighbors",
            List.of(positional("name", "string", "The symbol's fully qualified name."),
                option("type", "string", "--type", "Only edges of this type. " + TYPES),
                option("reverse", "boolean", "--reverse", "Incoming edges instead: who calls/references/contains the symbol."),
                option("sites", "boolean", "--sites", "Also give where each edge occurs: a list of {file, line} per "
                    + "neighbour (default false).")),
            new Paging.OffsetLimit(100, 1000), neighbourSchema()),
        new Tool("reach", "What a symbol reaches", "Everything reachable from the symbols along edges (or, with "
            + "reverse=true, everything that reaches them: transitive callers), each with its breadth-first depth; the "
            + "start symbols are at depth 0. Give depth to bound it; answer.count is the total." + NAMES, "reach",
            List.of(new Param("names", "array", "Start symbols, fully qualified.", null, true, null),
                option("type", "array", "--type", "Follow only these edge types (default: all). " + TYPES),
                option("reverse", "boolean", "--reverse", "Follow edges backwards."),
                option("depth", "integer", "--depth", "At most this many edges from the start (default: no limit).").withMinimum(0),
                option("count_only", "boolean", "--count", "Only the number of symbols reached.")),
            new Paging.Slice("nodes", 200, 5000), objectWith(Map.of("count", "integer"), "nodes",
                Map.of("name", "string", "depth", "integer"))),
        new Tool("path", "Shortest path", "One shortest path from one symbol to another along edges (fewest steps), "
            + "each step with the edge type that leads to it; an error when there is none." + NAMES, "path",
            List.of(positional("from", "string", "Start symbol."), positional("to", "string", "End symbol."),
                option("type", "array", "--type", "Follow only these edge types (default: all). " + TYPES)),
            new Paging.None(), objectWith(Map.of("length", "integer"), "nodes", Map.of("name", "string", "type", "string"))),
        new Tool("effects", "Effects of a symbol", "The effects (io, net, db, ...) a symbol declares and those it "
            + "inherits through calls, each inherited one with a witness: a shortest call path to a symbol that "
            + "declares it. Computed over the whole graph (may take a second on large snapshots)." + NAMES, "effects",
            List.of(positional("name", "string", "The symbol's fully qualified name.")), new Paging.None(),
            Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"),
                "declared", Map.of("type", "array", "items", Map.of("type", "string")),
                "inherited", Map.of("type", "array", "items", Map.of("type", "object"))))),
        new Tool("dead", "Unreachable symbols", "Symbols of the given kinds that no entry point reaches (dead-code "
            + "candidates), in name order. Give at least one entry point: names, kinds (e.g. test, main) or name "
            + "prefixes (e.g. a public API package).", "dead",
            List.of(required("kind", "array", "--kind", "Candidate kinds, e.g. ['method'] or ['fn']."),
                option("entry", "array", "--entry", "Entry points by fully qualified name."),
                option("entry_kind", "array", "--entry-kind", "Entry points by kind, e.g. ['test']."),
                option("entry_prefix", "array", "--entry-prefix", "Entry points by name prefix, e.g. ['com.acme.api.']."),
                option("type", "array", "--type", "Follow only these edge types (default: all). " + TYPES)),
            new Paging.Bound("--limit", 100, 2000), arrayOf(Map.of("name", "string", "kind", "string"))),
        new Tool("pagerank", "Most central symbols", "Symbols ranked by PageRank over the edges, highest first: what "
            + "the code base depends on most. With seed, personalised PageRank: what matters most to those symbols. "
            + "External symbols (used but not declared in the snapshot, e.g. JDK classes) are left out unless "
            + "include_externals is true.", "pagerank",
            List.of(option("type", "array", "--type", "Only these edge types (default: all). " + TYPES),
                option("seed", "array", "--seed", "Personalise on these symbols (fully qualified names)."),
                option("damping", "number", "--damping", "Damping factor in [0, 1] (default 0.85)."),
                option("include_externals", "boolean", "!--no-external", "Also rank external symbols (default false)."),
                option("exclude_tests", "boolean", "--exclude-tests", "Leave out tests: kind test, and every symbol of a "
                    + "file under a test/ or tests/ folder (default false).")),
            new Paging.Bound("--top", 20, 1000), arrayOf(Map.of("name", "string", "rank", "number"))),
        new Tool("diff", "What changed between builds", "The semantic difference between two snapshots of this "
            + "store, by file: symbols added, removed and modified (hash, kind, effects or file changed) and edges "
            + "added and removed. Each side is a ref name (HEAD, main, a tag given to 'graphsnap build --ref') or a "
            + "snapshot id or unique prefix (4+ hex digits). answer.summary counts everything; answer.files is paged.",
            "diff",
            List.of(positional("from", "string", "The old side: a ref or snapshot id (prefix)."),
                new Param("to", "string", "The new side (default HEAD).", null, false, null)),
            new Paging.Slice("files", 50, 1000), Map.of("type", "object", "properties", Map.of(
                "from", Map.of("type", "object"), "to", Map.of("type", "object"), "summary", Map.of("type", "object"),
                "files", Map.of("type", "array", "items", Map.of("type", "object"))))),
        new Tool("info", "About the snapshot", "The served snapshot: its id, counts of symbols, edges and files, "
            + "edges per type, symbols per kind, size in bytes, and name conflicts (a name declared by two files; paged). "
            + "Call it first to learn the edge types and kinds other tools take.", "info", List.of(),
            new Paging.Slice("conflicts", 50, 1000), Map.of("type", "object", "properties", Map.of(
                "snapshot", Map.of("type", "string"), "nodes", Map.of("type", "integer"), "edges", Map.of("type", "integer"),
                "files", Map.of("type", "integer"), "edgeTypes", Map.of("type", "object"), "kinds", Map.of("type", "object"),
                "conflicts", Map.of("type", "array", "items", Map.of("type", "object"))))));
  }

  private static Tool searchTool() {
    return new Tool("search", "Find symbols by name", "Symbols whose name contains the text (ignoring case), matches it "
        + "as camel humps (SU#iB for StringUtils#isBlank) or, when nothing does, is nearest to it; best first. Use it "
        + "to turn a partial or misspelled name into the exact name the other tools take." + NAMES, "search",
        List.of(positional("text", "string", "Part of a name, camel humps, or a misspelled name."),
            option("kind", "array", "--kind", "Only symbols of these kinds, e.g. ['class', 'method'].")),
        new Paging.Bound("--limit", 20, 500), Map.of("type", "array", "items", Map.of("type", "object", "properties",
            Map.of("name", Map.of("type", "string"), "kind", Map.of("type", "string"),
                "file", Map.of("type", "string", "description", "Declared symbols only."),
                "lines", Map.of("type", "array", "items", Map.of("type", "integer"), "description", "[first, last]; declared symbols only.")))));
  }

  /** {@code [{"name", "type", "sites"?: [{"file", "line"}]}]}: sites only when asked for. */
  private static Map<String, Object> neighbourSchema() {
    Map<String, Object> site = objectOf(Map.of("file", "string", "line", "integer"));
    Map<String, Object> properties = new java.util.LinkedHashMap<>();
    properties.put("name", Map.of("type", "string"));
    properties.put("type", Map.of("type", "string"));
    properties.put("sites", Map.of("type", "array", "items", site, "description",
        "With sites=true: where the edge occurs, in its source's file; [] when unknown."));
    return Map.of("type", "array", "items", Map.of("type", "object", "properties", properties, "required",
        List.of("name", "type")));
  }

  private static Map<String, Object> symbolSchema() {
    return Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"), "kind", Map.of("type", "string"),
        "effects", Map.of("type", "array", "items", Map.of("type", "string")), "file", Map.of("type", List.of("string", "null")),
        "lines", Map.of("type", "array", "items", Map.of("type", "integer")), "notes", Map.of("type", "array"),
        "metadata", Map.of("type", "object")));
  }

  private static Map<String, Object> arrayOf(Map<String, String> fields) {
    return Map.of("type", "array", "items", objectOf(fields));
  }

  private static Map<String, Object> objectOf(Map<String, String> fields) {
    Map<String, Object> properties = new java.util.LinkedHashMap<>();
    fields.forEach((k, t) -> properties.put(k, Map.of("type", t)));
    return Map.of("type", "object", "properties", properties);
  }

  private static Map<String, Object> objectWith(Map<String, String> fields, String listKey, Map<String, String> itemFields) {
    Map<String, Object> properties = new java.util.LinkedHashMap<>();
    fields.forEach((k, t) -> properties.put(k, Map.of("type", t)));
    properties.put(listKey, arrayOf(itemFields));
    return Map.of("type", "object", "properties", properties);
  }
}
