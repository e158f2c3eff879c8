package io.graphsnap.cli.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns an endpoint's query string into the arguments of its command, so that the server and the command line
 * take exactly the same parameters and check them the same way (picocli parses both). Every parameter must be
 * one of the endpoint's positionals or one of the command's options (by its long name, without dashes); a
 * flag takes no value, {@code true} or {@code false}. Arguments come out as options first, then {@code --},
 * then the positionals, so a value starting with {@code -} is never taken for an option.
 *
 * <p>Bounded: at most {@value #MAX_PARAMETERS} parameters (the server bounds the query's length).
 */
final class ApiRequest {
  static final int MAX_PARAMETERS = 64;

  private ApiRequest() {}

  /** Thrown for a query string the endpoint does not take; the message says why (HTTP 400). */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** A request's arguments: the options (with their values), then the positionals. */
  record Arguments(List<String> options, List<String> positionals) {
    /** As a command line: the options, {@code --}, the positionals. */
    List<String> all() {
      List<String> args = new ArrayList<>(options.size() + positionals.size() + 1);
      args.addAll(options);
      args.add("--");
      args.addAll(positionals);
      return args;
    }
  }

  /** {@code rawQuery} (may be null) as arguments for {@code spec}, the endpoint's command. */
  static Arguments arguments(Endpoint endpoint, CommandSpec spec, String rawQuery) {
    return arguments(endpoint, spec, key -> spec.findOption("--" + key), rawQuery);
  }

  /** As {@link #arguments(Endpoint, CommandSpec, String)}, finding options by name with {@code options} (a cache). */
  static Arguments arguments(Endpoint endpoint, CommandSpec spec, java.util.function.Function<String, OptionSpec> options,
      String rawQuery) {
    List<String> optionArgs = new ArrayList<>();
    List<List<String>> positionals = new ArrayList<>();
    for (int i = 0; i < endpoint.positionals().size(); i++) {
      positionals.add(new ArrayList<>());
    }
    if (rawQuery != null && !rawQuery.isEmpty()) {
      String[] pairs = rawQuery.split("&", -1);
      if (pairs.length > MAX_PARAMETERS) {
        throw new BadRequest("too many parameters: " + pairs.length + " (at most " + MAX_PARAMETERS + ")");
      }
      for (String pair : pairs) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? null : decode(pair.substring(eq + 1));
        int p = endpoint.positionals().indexOf(key);
        if (p >= 0) {
          if (value == null) {
            throw new BadRequest("parameter '" + key + "' needs a value");
          }
          List<String> slot = positionals.get(p);
          if (!slot.isEmpty() && !(endpoint.variadic() && p == positionals.size() - 1)) {
            throw new BadRequest("parameter '" + key + "' given twice");
          }
          if (endpoint.command().equals("diff") && (value.contains("/") || value.contains("\\") || value.endsWith(".gsnap"))) {
            throw new BadRequest("/api/diff compares refs and snapshot ids of the served store, not files: '" + value + "'");
          }
          slot.add(value);
          continue;
        }
        addOption(endpoint, spec, options.apply(key), key, value, optionArgs);
      }
    }
    List<String> values = new ArrayList<>();
    for (List<String> slot : positionals) {
      values.addAll(slot);
    }
    return new Arguments(optionArgs, values);
  }

  private static void addOption(Endpoint endpoint, CommandSpec spec, OptionSpec found, String key, String value,
      List<String> out) {
    OptionSpec option = Endpoint.REFUSED.contains(key) || key.startsWith("-") ? null : found;
    if (option == null) {
      throw new BadRequest("unknown parameter '" + key + "' for /api/" + endpoint.command() + " (it takes "
          + describe(endpoint, spec) + ")");
    }
    if (option.arity().max() == 0) { // a flag
      if (value == null || value.isEmpty() || value.equals("true")) {
        out.add("--" + key);
      } else if (!value.equals("false")) {
        throw new BadRequest("parameter '" + key + "' is a flag: give no value, true or false, not '" + value + "'");
      }
      return;
    }
    if (value == null) {
      throw new BadRequest("parameter '" + key + "' needs a value");
    }
    out.add("--" + key);
    out.add(value);
  }

  /** The parameters an endpoint takes, for error messages. */
  static String describe(Endpoint endpoint, CommandSpec spec) {
    List<String> names = new ArrayList<>(endpoint.positionals());
    for (OptionSpec o : spec.options()) {
      String name = o.longestName().replaceFirst("^-+", "");
      if (!Endpoint.REFUSED.contains(name)) {
        names.add(name);
      }
    }
    return names.isEmpty() ? "no parameters" : String.join(", ", names);
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s; // nothing encoded (most names): no decoder
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed percent-encoding in the query: " + e.getMessage());
    }
  }
}
