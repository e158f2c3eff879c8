package io.graphsnap.frontend.scip;

import io.graphsnap.frontend.scip.ScipDescriptor.Suffix;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed SCIP symbol string, following the grammar in {@code scip.proto} (message {@code Symbol}):
 *
 * <pre>
 * symbol     ::= scheme ' ' manager ' ' package-name ' ' version ' ' descriptor+  |  'local ' local-id
 * scheme, manager, package-name, version ::= any text; a space is written as two spaces; '.' stands for empty
 * descriptor ::= name '/' | name '#' | name '.' | name ':' | name '!' | name '(' disambiguator ').'
 *              | '[' name ']' | '(' name ')'
 * name       ::= simple-identifier | '`' (any character, '`' written as '``')+ '`'
 * </pre>
 *
 * <p>Simple identifiers are accepted leniently: any characters except space, backtick and the delimiters
 * {@code / # . : ! ( ) [ ]} (the grammar names ASCII letters, digits and {@code _ + - $}; some indexers write other
 * letters unescaped). Everything else that departs from the grammar is a {@link ScipSymbolException} naming the
 * column.
 *
 * <p>{@link #readableName()} is the graphsnap node name (README, "SCIP indexes"). Immutable and thread-safe;
 * parsing is O(length of the string).
 *
 * @param scheme the indexer's scheme ({@code scip-typescript}), empty for a local symbol
 * @param manager the package manager ({@code npm}, {@code python}), empty for '.' or a local symbol
 * @param packageName the package name, empty for '.' or a local symbol
 * @param version the package version, empty for '.' or a local symbol
 * @param descriptors the descriptors, outermost first; empty only for a local symbol
 * @param localId the id of a local symbol, else {@code null}
 */
public record ScipSymbol(String scheme, String manager, String packageName, String version,
    List<ScipDescriptor> descriptors, String localId) {

  /** Copies the descriptors. */
  public ScipSymbol {
    descriptors = List.copyOf(descriptors);
    if (localId == null && descriptors.isEmpty()) {
      throw new IllegalArgumentException("a global symbol needs at least one descriptor");
    }
  }

  /** True for {@code local N} symbols, which are private to their document. */
  public boolean isLocal() {
    return localId != null;
  }

  /** The innermost descriptor, or {@code null} for a local symbol. */
  public ScipDescriptor last() {
    return descriptors.isEmpty() ? null : descriptors.getLast();
  }

  /** The symbol its descriptors nest in (the same package, one descriptor fewer), or {@code null} at the top. */
  public ScipSymbol parent() {
    if (descriptors.size() <= 1) {
      return null;
    }
    return new ScipSymbol(scheme, manager, packageName, version, descriptors.subList(0, descriptors.size() - 1), null);
  }

  /**
   * The node name graphsnap gives this symbol: {@code package-name:} (left out when the package is '.') followed by
   * the descriptors in SCIP's own notation, with backticks dropped from names that need none (in namespace names a
   * '.' needs none: {@code src/auth.ts/}) and the final '.' of a term or method dropped: {@code
   * shop-ts:src/auth.ts/login()}, {@code shop-ts:src/model.ts/User#displayName()}, {@code
   * python-stdlib:subprocess/run()}. The scheme, the manager and the version are left out (they are in the
   * metadata). A local symbol has no readable name ({@code null}).
   */
  public String readableName() {
    if (isLocal()) {
      return null;
    }
    StringBuilder out = new StringBuilder(packageName.length() + 16 * descriptors.size());
    if (!packageName.isEmpty()) {
      out.append(packageName).append(':');
    }
    for (int i = 0; i < descriptors.size(); i++) {
      ScipDescriptor d = descriptors.get(i);
      boolean last = i == descriptors.size() - 1;
      switch (d.suffix()) {
        case NAMESPACE -> name(out, d.name(), true).append('/');
        case TYPE -> name(out, d.name(), false).append('#');
        case TERM -> {
          name(out, d.name(), false);
          if (!last) {
            out.append('.');
          }
        }
        case META -> name(out, d.name(), false).append(':');
        case MACRO -> name(out, d.name(), false).append('!');
        case METHOD -> {
          name(out, d.name(), false).append('(').append(d.disambiguator()).append(')');
          if (!last) {
            out.append('.');
          }
        }
        case TYPE_PARAMETER -> name(out.append('['), d.name(), false).append(']');
        case PARAMETER -> name(out.append('('), d.name(), false).append(')');
      }
    }
    return out.toString();
  }

  private static StringBuilder name(StringBuilder out, String name, boolean dotIsPlain) {
    boolean plain = true;
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c == '.' ? dotIsPlain : !isDelimiter(c);
    }
    if (plain) {
      return out.append(name);
    }
    return out.append('`').append(name.replace("`", "``")).append('`');
  }

  private static boolean isDelimiter(char c) {
    return switch (c) {
      case ' ', '`', '/', '#', '.', ':', '!', '(', ')', '[', ']' -> true;
      default -> false;
    };
  }

  /**
   * Parses a symbol string.
   *
   * @throws ScipSymbolException naming the column (1-based) and what was expected, if it does not follow the grammar
   */
  public static ScipSymbol parse(String symbol) throws ScipSymbolException {
    return new Parser(symbol).symbol();
  }

  /** A recursive-descent parser over one string. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    ScipSymbol symbol() throws ScipSymbolException {
      if (s.isEmpty()) {
        throw fail("empty symbol");
      }
      if (s.startsWith("local ")) {
        i = 6;
        String id = simpleIdentifier("local id");
        if (i != s.length()) {
          throw fail("unexpected '" + s.charAt(i) + "' after the local id");
        }
        return new ScipSymbol("", "", "", "", List.of(), id);
      }
      String scheme = spaceField("scheme");
      if (scheme.isEmpty()) {
        throw fail("empty scheme");
      }
      String manager = placeholder(spaceField("package manager"));
      String name = placeholder(spaceField("package name"));
      String version = placeholder(spaceField("package version"));
      List<ScipDescriptor> descriptors = new ArrayList<>();
      while (i < s.length()) {
        descriptors.add(descriptor());
      }
      if (descriptors.isEmpty()) {
        throw fail("no descriptor after the package");
      }
      return new ScipSymbol(scheme, manager, name, version, descriptors, null);
    }

    /** Reads up to the next single space (two spaces are one escaped space) and consumes it. */
    private String spaceField(String what) throws ScipSymbolException {
      StringBuilder out = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw fail("the symbol ends inside its " + what + " (expected: scheme manager package-name version descriptors)");
        }
        char c = s.charAt(i);
        if (c == ' ') {
          if (i + 1 < s.length() && s.charAt(i + 1) == ' ') {
            out.append(' ');
            i += 2;
            continue;
          }
          i++;
          return out.toString();
        }
        out.append(c);
        i++;
      }
    }

    private static String placeholder(String field) {
      return field.equals(".") ? "" : field;
    }

    private ScipDescriptor descriptor() throws ScipSymbolException {
      char c = s.charAt(i);
      if (c == '[') {
        i++;
        String name = name("type parameter name");
        expect(']');
        return new ScipDescriptor(name, "", Suffix.TYPE_PARAMETER);
      }
      if (c == '(') {
        i++;
        String name = name("parameter name");
        expect(')');
        return new ScipDescriptor(name, "", Suffix.PARAMETER);
      }
      String name = name("descriptor name");
      if (i >= s.length()) {
        throw fail("descriptor '" + name + "' has no suffix (expected one of / # . : ! ( )");
      }
      char suffix = s.charAt(i++);
      return switch (suffix) {
        case '/' -> new ScipDescriptor(name, "", Suffix.NAMESPACE);
        case '#' -> new ScipDescriptor(name, "", Suffix.TYPE);
        case '.' -> new ScipDescriptor(name, "", Suffix.TERM);
        case ':' -> new ScipDescriptor(name, "", Suffix.META);
        case '!' -> new ScipDescriptor(name, "", Suffix.MACRO);
        case '(' -> {
          String disambiguator = i < s.length() && s.charAt(i) != ')' ? simpleIdentifier("method disambiguator") : "";
          expect(')');
          expect('.');
          yield new ScipDescriptor(name, disambiguator, Suffix.METHOD);
        }
        default -> {
          i--;
          throw fail("'" + suffix + "' is not a descriptor suffix (expected one of / # . : ! ( )");
        }
      };
    }

    private String name(String what) throws ScipSymbolException {
      if (i < s.length() && s.charAt(i) == '`') {
        int start = i++;
        StringBuilder out = new StringBuilder();
        while (true) {
          if (i >= s.length()) {
            i = start;
            throw fail("unterminated backtick in " + what);
          }
          char c = s.charAt(i++);
          if (c == '`') {
            if (i < s.length() && s.charAt(i) == '`') {
              out.append('`');
              i++;
              continue;
            }
            break;
          }
          out.append(c);
        }
        if (out.isEmpty()) {
          i = start;
          throw fail("empty escaped " + what);
        }
        return out.toString();
      }
      return simpleIdentifier(what);
    }

    private String simpleIdentifier(String what) throws ScipSymbolException {
      int start = i;
      while (i < s.length() && !isDelimiter(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw fail(i < s.length() ? "'" + s.charAt(i) + "' where a " + what + " should start" : "the symbol ends where a " + what + " should start");
      }
      return s.substring(start, i);
    }

    private void expect(char c) throws ScipSymbolException {
      if (i >= s.length()) {
        throw fail("the symbol ends where '" + c + "' was expected");
      }
      if (s.charAt(i) != c) {
        throw fail("'" + s.charAt(i) + "' where '" + c + "' was expected");
      }
      i++;
    }

    private ScipSymbolException fail(String message) {
      return new ScipSymbolException("column " + (i + 1) + ": " + message);
    }
  }
}
