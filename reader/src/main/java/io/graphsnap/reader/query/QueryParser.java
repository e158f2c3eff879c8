package io.graphsnap.reader.query;

import io.graphsnap.reader.query.QueryLexer.Token;
import io.graphsnap.reader.query.QueryLexer.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the query syntax (see the package documentation) into a {@link Query}. Recursive descent over
 * {@link QueryLexer}'s tokens; {@code OR} binds loosest, then juxtaposition (AND), then {@code -}/{@code NOT}.
 * Every error is a {@link QuerySyntaxException} with the column of the offending token. Stateless apart from
 * the edge types it was given; thread-safe.
 */
public final class QueryParser {
  /** The qualifiers with their own meaning; any other {@code WORD:} must be an edge type. */
  public static final List<String> QUALIFIERS = List.of(
      "kind", "effect", "effect~", "name", "file", "lang", "language", "meta", "is", "rel", "calledby", "in", "out");

  private final Set<String> edgeTypes;

  /**
   * A parser that accepts {@code TYPE:X} for the given edge types only, and reports any other unknown
   * qualifier as an error (pass the snapshot's {@code edgeTypes()}).
   */
  public QueryParser(Collection<String> edgeTypes) {
    this.edgeTypes = new TreeSet<>(edgeTypes);
  }

  /** A parser that reads any unknown {@code WORD:X} as the relation {@code rel:WORD>X}. */
  public QueryParser() {
    this.edgeTypes = null;
  }

  /** Parses {@code query}; a blank query is {@link Query.All}. */
  public Query parse(String query) {
    return new Run(query, QueryLexer.tokens(query)).parseAll();
  }

  private final class Run {
    final String query;
    final List<Token> tokens;
    int next;

    Run(String query, List<Token> tokens) {
      this.query = query;
      this.tokens = tokens;
    }

    Query parseAll() {
      if (peek().type() == Type.EOF) {
        return new Query.All();
      }
      Query q = or();
      Token t = peek();
      if (t.type() == Type.RPAREN) {
        throw error(t, "unbalanced ')'");
      }
      if (t.type() != Type.EOF) {
        throw error(t, "unexpected '" + t.text() + "'");
      }
      return q;
    }

    Query or() {
      List<Query> operands = new ArrayList<>();
      add(operands, and(), Query.Or.class);
      while (peek().type() == Type.OR) {
        Token or = take();
        if (!startsTerm(peek())) {
          throw error(peek(), "expected a term after OR (at column " + or.column() + ")");
        }
        add(operands, and(), Query.Or.class);
      }
      return operands.size() == 1 ? operands.getFirst() : new Query.Or(operands);
    }

    Query and() {
      List<Query> operands = new ArrayList<>();
      add(operands, unary(), Query.And.class);
      while (true) {
        Token t = peek();
        if (t.type() == Type.AND) {
          take();
          if (!startsTerm(peek())) {
            throw error(peek(), "expected a term after AND (at column " + t.column() + ")");
          }
        } else if (!startsTerm(t)) {
          break;
        }
        add(operands, unary(), Query.And.class);
      }
      return operands.size() == 1 ? operands.getFirst() : new Query.And(operands);
    }

    Query unary() {
      Token t = peek();
      if (t.type() == Type.NOT) {
        take();
        if (!startsTerm(peek())) {
          throw error(peek(), "expected a term after '" + t.text() + "'");
        }
        Query operand = unary();
        return operand instanceof Query.Not not ? not.operand() : new Query.Not(operand);
      }
      if (t.type() == Type.LPAREN) {
        take();
        if (peek().type() == Type.RPAREN) {
          throw error(peek(), "empty parentheses");
        }
        if (!startsTerm(peek())) {
          throw error(peek(), "expected a term after '(' (at column " + t.column() + ")");
        }
        Query inner = or();
        if (peek().type() != Type.RPAREN) {
          throw error(t, "'(' is never closed");
        }
        take();
        return inner;
      }
      if (t.type() == Type.WORD) {
        take();
        return term(t);
      }
      throw error(t, t.type() == Type.EOF ? "expected a term" : "unexpected '" + t.text() + "'");
    }

    boolean startsTerm(Token t) {
      return t.type() == Type.WORD || t.type() == Type.LPAREN || t.type() == Type.NOT;
    }

    /** Adds {@code q}, flattening a nested operator of the same kind. */
    void add(List<Query> operands, Query q, Class<?> same) {
      if (same == Query.And.class && q instanceof Query.And and) {
        operands.addAll(and.operands());
      } else if (same == Query.Or.class && q instanceof Query.Or or) {
        operands.addAll(or.operands());
      } else {
        operands.add(q);
      }
    }

    Token peek() {
      return tokens.get(next);
    }

    Token take() {
      return tokens.get(next++);
    }

    QuerySyntaxException error(Token t, String reason) {
      return new QuerySyntaxException(query, t.column(), reason);
    }

    QuerySyntaxException error(Token t, int offset, String reason) {
      return new QuerySyntaxException(query, t.column() + offset, reason);
    }

    // ------------------------------------------------------------ terms

    Query term(Token word) {
      String text = word.text();
      int qualifierEnd = qualifierEnd(word);
      if (qualifierEnd < 0) {
        Query degree = degree(word);
        if (degree != null) {
          return degree;
        }
        if (text.isEmpty()) {
          throw error(word, "empty term");
        }
        return new Query.Name(bare(word));
      }
      String qualifier = text.substring(0, qualifierEnd);
      int valueStart = qualifierEnd + 1;
      if (valueStart == text.length()) {
        throw error(word, valueStart, "'" + qualifier + ":' needs a value");
      }
      return switch (qualifier) {
        case "kind" -> new Query.Kind(literal(word, valueStart));
        case "effect" -> new Query.Effect(literal(word, valueStart), false);
        case "effect~" -> new Query.Effect(literal(word, valueStart), true);
        case "name" -> new Query.Name(pattern(word, valueStart, text.length(), false));
        case "file" -> new Query.File(pattern(word, valueStart, text.length(), true));
        case "lang", "language" -> new Query.Language(literal(word, valueStart));
        case "meta" -> meta(word, valueStart);
        case "is" -> is(word, valueStart);
        case "rel" -> rel(word, valueStart);
        case "calledby" -> new Query.Relation("calls", Query.Direction.IN, pattern(word, valueStart, text.length(), false));
        case "in", "out" -> throw error(word, qualifierEnd, "'" + qualifier + "' takes a comparison, e.g. "
            + qualifier + ">100, not ':'");
        default -> {
          if (edgeTypes != null && !edgeTypes.contains(qualifier)) {
            throw error(word, "unknown qualifier '" + qualifier + "' (qualifiers: " + String.join(", ", QUALIFIERS)
                + (edgeTypes.isEmpty() ? "" : "; edge types: " + String.join(", ", edgeTypes)) + ")");
          }
          yield new Query.Relation(qualifier, Query.Direction.OUT, pattern(word, valueStart, text.length(), false));
        }
      };
    }

    /**
     * The index of the unquoted ':' that ends a qualifier, or -1 when the word does not start with a
     * qualifier (letters, digits, {@code _ . - ~}, starting with a letter).
     */
    int qualifierEnd(Token word) {
      String text = word.text();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (word.isQuoted(i)) {
          return -1;
        }
        if (c == ':') {
          return i == 0 ? -1 : i;
        }
        boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '_' || c == '.' || c == '-' || c == '~'));
        if (!ok) {
          return -1;
        }
      }
      return -1;
    }

    /** {@code in>N}, {@code out.TYPE<=N}, or null if the word is not of that shape. */
    Query degree(Token word) {
      String text = word.text();
      Query.Direction direction;
      int i;
      if (text.startsWith("in") && !word.isQuoted(0)) {
        direction = Query.Direction.IN;
        i = 2;
      } else if (text.startsWith("out") && !word.isQuoted(0)) {
        direction = Query.Direction.OUT;
        i = 3;
      } else {
        return null;
      }
      String type = null;
      if (i < text.length() && text.charAt(i) == '.') {
        int start = ++i;
        while (i < text.length() && "<>=".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        type = text.substring(start, i);
        if (type.isEmpty()) {
          throw error(word, start, "expected an edge type after '.'");
        }
      }
      if (i == text.length() || "<>=".indexOf(text.charAt(i)) < 0 || word.isQuoted(i)) {
        return null;
      }
      Query.Comparison cmp;
      char c = text.charAt(i);
      boolean eq = i + 1 < text.length() && text.charAt(i + 1) == '=';
      if (c == '=') {
        cmp = Query.Comparison.EQ;
        i++;
      } else if (c == '<') {
        cmp = eq ? Query.Comparison.LE : Query.Comparison.LT;
        i += eq ? 2 : 1;
      } else {
        cmp = eq ? Query.Comparison.GE : Query.Comparison.GT;
        i += eq ? 2 : 1;
      }
      String digits = text.substring(i);
      if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
        throw error(word, i, "expected a number (0 to 10^18) after '" + cmp.symbol + "'");
      }
      if (type != null && edgeTypes != null && !edgeTypes.contains(type)) {
        throw error(word, text.indexOf('.') + 1, "unknown edge type '" + type + "' (edge types: "
            + String.join(", ", edgeTypes) + ")");
      }
      return new Query.Degree(direction, type, cmp, Long.parseLong(digits));
    }

    /** The value from {@code start} taken literally (wildcards included). */
    String literal(Token word, int start) {
      return word.text().substring(start);
    }

    /** A bare word: a name substring, {@code *WORD*}; with wildcards of its own, the glob as written. */
    NamePattern bare(Token word) {
      NamePattern p = pattern(word, 0, word.text().length(), false);
      if (p.kind() != NamePattern.Kind.EXACT) {
        return p;
      }
      NamePattern.Builder b = new NamePattern.Builder();
      b.wildcard('*');
      String text = word.text();
      for (int i = 0; i < text.length(); i++) {
        b.literal(text.charAt(i));
      }
      b.wildcard('*');
      return b.build();
    }

    /** The pattern of {@code word} in [start, end): unquoted {@code *} and {@code ?} are wildcards. */
    NamePattern pattern(Token word, int start, int end, boolean prefixByDefault) {
      String text = word.text();
      NamePattern.Builder b = new NamePattern.Builder();
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if ((c == '*' || c == '?') && !word.isQuoted(i)) {
          b.wildcard(c);
        } else {
          b.literal(c);
        }
      }
      NamePattern p = b.build();
      if (prefixByDefault && p.kind() == NamePattern.Kind.EXACT) {
        return NamePattern.prefix(p.literalPrefix());
      }
      return p;
    }

    Query meta(Token word, int start) {
      String text = word.text();
      int eq = -1;
      for (int i = start; i < text.length(); i++) {
        if (text.charAt(i) == '=' && !word.isQuoted(i)) {
          eq = i;
          break;
        }
      }
      String key = eq < 0 ? text.substring(start) : text.substring(start, eq);
      if (key.isEmpty()) {
        throw error(word, start, "meta: needs a key, as in meta:owner=team-a or meta:owner");
      }
      return new Query.Meta(key, eq < 0 ? null : text.substring(eq + 1));
    }

    Query is(Token word, int start) {
      String flag = word.text().substring(start);
      if (!flag.equals("external") && !flag.equals("merged") && !flag.equals("test")) {
        throw error(word, start, "is: takes external, merged or test, not '" + flag + "'");
      }
      return new Query.Is(flag);
    }

    /** {@code rel:TYPE>X}, {@code rel:TYPE<X}; TYPE {@code *} is any type. */
    Query rel(Token word, int start) {
      String text = word.text();
      int arrow = -1;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((c == '>' || c == '<') && !word.isQuoted(i)) {
          arrow = i;
          break;
        }
      }
      if (arrow < 0) {
        throw error(word, start, "rel: takes TYPE>TARGET (the node has a TYPE edge to TARGET) or TYPE<TARGET"
            + " (TARGET has one to the node); TYPE * is any type");
      }
      String type = text.substring(start, arrow);
      if (type.isEmpty()) {
        throw error(word, start, "rel: needs an edge type (or *) before '" + text.charAt(arrow) + "'");
      }
      if (arrow + 1 == text.length()) {
        throw error(word, arrow + 1, "rel: needs a target after '" + text.charAt(arrow) + "'");
      }
      boolean anyType = type.equals("*") && !word.isQuoted(start);
      if (!anyType && edgeTypes != null && !edgeTypes.contains(type)) {
        throw error(word, start, "unknown edge type '" + type + "' (edge types: " + String.join(", ", edgeTypes) + ")");
      }
      Query.Direction direction = text.charAt(arrow) == '>' ? Query.Direction.OUT : Query.Direction.IN;
      return new Query.Relation(anyType ? null : type, direction, pattern(word, arrow + 1, text.length(), false));
    }
  }
}
