package io.graphsnap.cli.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP tool: its name and description for the model, its inputs, the {@code graphsnap} command that answers it
 * and how its answer is paged. The answer is that command's {@code --json} document (the same
 * {@code SnapshotAnswer}/{@code StoreAnswer} the command line and {@code graphsnap serve} print). Immutable.
 *
 * @param name the tool's name
 * @param title a short human title
 * @param description what it answers, what names look like, how to page (read by the model)
 * @param command the subcommand that answers
 * @param params the inputs, in the order their positionals are given
 * @param paging how long answers are cut into pages
 * @param answerSchema the JSON schema of the command's answer (the {@code answer} field of the result)
 */
record Tool(String name, String title, String description, String command, List<Param> params, Paging paging,
    Map<String, Object> answerSchema) {

  /** How a tool's answer is cut into pages of {@code limit} items from {@code offset}. */
  sealed interface Paging {
    /** Not paged: the answer is small by nature (one symbol, one path). */
    record None() implements Paging {}

    /** The command pages itself: {@code --offset O --limit L+1} (neighbors). */
    record OffsetLimit(int defaultLimit, int maxLimit) implements Paging {}

    /** The command takes a bound ({@code --limit}, {@code --top}): asked for O+L+1 items, then sliced. */
    record Bound(String option, int defaultLimit, int maxLimit) implements Paging {}

    /** The whole answer is computed and its list ({@code key}, or the answer itself when null) sliced. */
    record Slice(String key, int defaultLimit, int maxLimit) implements Paging {}
  }

  /** The inputs with {@code offset} and {@code limit} added for a paged tool. */
  List<Param> allParams() {
    List<Param> all = new ArrayList<>(params);
    int[] limits = switch (paging) {
      case Paging.None n -> null;
      case Paging.OffsetLimit p -> new int[] {p.defaultLimit(), p.maxLimit()};
      case Paging.Bound p -> new int[] {p.defaultLimit(), p.maxLimit()};
      case Paging.Slice p -> new int[] {p.defaultLimit(), p.maxLimit()};
    };
    if (limits != null) {
      all.add(Param.option("offset", "integer", null, "Skip this many items (paging; default 0). Use the result's "
          + "page.nextOffset to get the next page.").withMinimum(0));
      all.add(Param.option("limit", "integer", null, "At most this many items (default " + limits[0] + ", at most "
          + limits[1] + ").").withMinimum(1));
    }
    return all;
  }

  /** The input schema the client sees. */
  Map<String, Object> inputSchema() {
    return Param.objectSchema(allParams());
  }

  /** The output schema: {@code {"snapshot", "answer", "page"?}}. */
  Map<String, Object> outputSchema() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("snapshot", Map.of("type", "string", "description", "Id of the snapshot that answered (it changes when a new build is published)."));
    properties.put("answer", answerSchema);
    if (!(paging instanceof Paging.None)) {
      properties.put("page", Map.of("type", "object", "properties", Map.of(
          "offset", Map.of("type", "integer"),
          "limit", Map.of("type", "integer"),
          "returned", Map.of("type", "integer"),
          "total", Map.of("type", List.of("integer", "null"), "description", "All items, when known."),
          "nextOffset", Map.of("type", List.of("integer", "null"), "description", "The offset of the next page; null on the last one."))));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", properties);
    s.put("required", List.of("answer"));
    return s;
  }
}
