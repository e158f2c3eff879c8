package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.EffectClosure;
import io.graphsnap.reader.analysis.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap effects NAME}: the symbol's declared effects and those it inherits through {@code calls},
 * each inherited one with a shortest call path to a symbol that declares it. Computes the whole graph's effect
 * closure once per snapshot (one pass over the condensation; {@link EffectClosures} keeps it for the next question
 * about the same snapshot in a server or MCP session).
 */
@Command(name = "effects",
    description = "Show a symbol's declared and inherited effects, with one call path per inherited effect.")
final class EffectsCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", description = "Symbol name: in full, or a unique part (StringUtils, StringUtils#isBlank, isBlank).")
  String name;

  @Option(names = "--json", description = "Print one JSON document: {\"name\", \"declared\": [...], "
      + "\"inherited\": [{\"effect\", \"path\": [names]}]}.")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      List<String> declared = castList(doc.get("declared"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> inherited = (List<Map<String, Object>>) doc.get("inherited");
      out.println("declared:  " + (declared.isEmpty() ? "-" : TerminalText.escape(String.join(", ", declared))));
      if (inherited.isEmpty()) {
        out.println("inherited: -");
      }
      for (Map<String, Object> row : inherited) {
        TerminalText.printf(out, "inherited: %s via %s%n", row.get("effect"), String.join(" -> ", castList(row.get("path"))));
      }
    });
  }

  /** The closure covers the whole graph. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    int id = GraphArgs.node(g, name);
    EffectClosure closure = EffectClosures.of(g);
    List<String> effectNames = g.effectNames();
    List<String> declared = new ArrayList<>();
    for (int x : closure.declared(id)) {
      declared.add(effectNames.get(x));
    }
    List<Map<String, Object>> inherited = new ArrayList<>();
    for (int x : closure.inherited(id)) {
      NodePath witness = closure.witness(id, x);
      List<String> path = new ArrayList<>();
      for (int v : witness.nodes()) {
        path.add(g.name(v));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("effect", effectNames.get(x));
      row.put("path", path);
      inherited.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("declared", declared);
    doc.put("inherited", inherited);
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }
}
