package io.graphsnap.cli.mcp;

import io.graphsnap.cli.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** The SDK's tool specifications for {@link GraphTools}' tools, each answered by a {@link ToolRunner}. */
final class McpTools {
  private McpTools() {}

  /** What the server tells the model when it connects. */
  static final String INSTRUCTIONS = "graphsnap answers questions about a code base's symbol graph (classes, "
      + "methods, functions and the calls, references and containment between them) from a prebuilt snapshot. "
      + "Start with info (edge types, kinds), find exact names with search, then ask lookup, neighbors (callers: "
      + "reverse=true, type=calls; sites=true adds the file and line of each call), reach, path, effects, dead or pagerank. Every answer says which snapshot it came "
      + "from; long answers are paged (offset, limit, page.nextOffset).";

  static List<SyncToolSpecification> specifications(ToolRunner runner) {
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (Tool tool : GraphTools.all()) {
      McpSchema.Tool schema = McpSchema.Tool.builder()
          .name(tool.name())
          .title(tool.title())
          .description(tool.description())
          .inputSchema(tool.inputSchema())
          .outputSchema(tool.outputSchema())
          .annotations(new McpSchema.ToolAnnotations(tool.title(), true, false, true, false, null))
          .build();
      specs.add(SyncToolSpecification.builder()
          .tool(schema)
          .callHandler((exchange, request) -> result(runner.call(tool, request.arguments())))
          .build());
    }
    return specs;
  }

  private static McpSchema.CallToolResult result(ToolRunner.Outcome outcome) {
    if (outcome.error() != null) {
      return McpSchema.CallToolResult.builder().addTextContent(outcome.error()).isError(true).build();
    }
    return McpSchema.CallToolResult.builder()
        .structuredContent(outcome.result())
        .addTextContent(Json.text(outcome.result()))
        .isError(false)
        .build();
  }
}
