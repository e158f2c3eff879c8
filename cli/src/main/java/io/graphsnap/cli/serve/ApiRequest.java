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
      int pairs = 1;
      for (int i = rawQuery.indexOf('&'); i >= 0; i = rawQuery.indexOf('&', i + 1)) {
        pairs++;
      }
      if (pairs > MAX_PARAMETERS) {
        throw new BadRequest("too many parameters: " + pairs + " (at most " + MAX_PARAMETERS + ")");
      }
      for (int from = 0, to; from <= rawQuery.length(); from = to + 1) {
        to = rawQuery.indexOf('&', from);
        if (to < 0) {
          to = rawQuery.length();
        }
        if (to == from) {
          continue;
        }
        int eq = rawQuery.indexOf('=', from);
        if (eq >= to) {
          eq = -1;
        }
        String key = decode(rawQuery, from, eq < 0 ? to : eq);
        String value = eq < 0 ? null : decode(rawQuery, eq + 1, to);
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

  /**
   * {@code s[from, to)} percent-decoded as {@link URLDecoder#decode(String, java.nio.charset.Charset)} does with
   * UTF-8 ({@code +} is a space, {@code %XX} runs are UTF-8 bytes, malformed sequences become U+FFFD), without its
   * per-call buffers; a {@code %} not followed by two hex digits is refused.
   */
  static String decode(String s, int from, int to) {
    int i = from;
    while (i < to && s.charAt(i) != '%' && s.charAt(i) != '+') {
      i++;
    }
    if (i == to) {
      return s.substring(from, to); // nothing encoded (most names)
    }
    byte[] out = new byte[to - from]; // never longer than the encoded text
    int n = 0;
    boolean ascii = true;
    for (i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out[n++] = ' ';
      } else if (c == '%') {
        if (i + 2 >= to) {
          throw new BadRequest("malformed percent-encoding in the query: incomplete escape at the end of '"
              + s.substring(from, to) + "'");
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          throw new BadRequest("malformed percent-encoding in the query: '%" + s.substring(i + 1, i + 3)
              + "' is not two hex digits");
        }
        int b = hi << 4 | lo;
        ascii &= b < 0x80;
        out[n++] = (byte) b;
        i += 2;
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else { // not from an HTTP request target (bytes 0x21-0x7E): the JDK's decoder keeps such characters
        try { // (no such character before the first escape either: the loop starts at the beginning)
          return URLDecoder.decode(s.substring(from, to), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new BadRequest("malformed percent-encoding in the query: " + e.getMessage());
        }
      }
    }
    return new String(out, 0, n, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
