package io.graphsnap.cli.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input of a tool: its JSON name, JSON-schema type and description, and the command-line argument it
 * becomes ({@code --option VALUE}, a flag, or a positional). Immutable.
 *
 * @param name the argument's name in the tool call
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code array} (of strings)
 * @param description for the model
 * @param option the command-line option ({@code --type}); null for a positional
 * @param required whether the call must give it
 * @param minimum the least value of an integer (or null)
 */
record Param(String name, String type, String description, String option, boolean required, Integer minimum) {
  static Param positional(String name, String type, String description) {
    return new Param(name, type, description, null, true, null);
  }

  static Param option(String name, String type, String option, String description) {
    return new Param(name, type, description, option, false, null);
  }

  static Param required(String name, String type, String option, String description) {
    return new Param(name, type, description, option, true, null);
  }

  boolean positional() {
    return option == null;
  }

  /** This input's JSON schema. */
  Map<String, Object> schema() {
    Map<String, Object> s = new LinkedHashMap<>();
    if (type.equals("array")) {
      s.put("type", "array");
      s.put("items", Map.of("type", "string"));
    } else {
      s.put("type", type);
    }
    if (minimum != null) {
      s.put("minimum", minimum);
    }
    s.put("description", description);
    return s;
  }

  /** The schema of an object with {@code params} as its properties. */
  static Map<String, Object> objectSchema(List<Param> params) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Param p : params) {
      properties.put(p.name(), p.schema());
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", properties);
    s.put("required", params.stream().filter(Param::required).map(Param::name).toList());
    s.put("additionalProperties", false);
    return s;
  }

  Param withMinimum(int min) {
    return new Param(name, type, description, option, required, min);
  }
}
