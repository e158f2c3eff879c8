package io.graphsnap.reader.query;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed query: a tree of boolean operators over qualifiers (see the package documentation for the
 * syntax). Built by {@link QueryParser} or directly; evaluated by {@link QueryEvaluator}. Every node is an
 * immutable record, and {@link #toString()} prints it back in query syntax (fully parenthesised where
 * needed) so that parsing the printed form gives an equal tree.
 */
public sealed interface Query {
  /** Which end of an edge the selected node is. */
  enum Direction {
    /** The node is the edge's source ({@code calls:X}: the node calls X; {@code out>N}). */
    OUT,
    /** The node is the edge's target ({@code calledby:X}: X calls the node; {@code in>N}). */
    IN
  }

  /** A degree comparison. */
  enum Comparison {
    LT("<"), LE("<="), EQ("="), GE(">="), GT(">");

    final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    boolean test(long actual, long bound) {
      return switch (this) {
        case LT -> actual < bound;
        case LE -> actual <= bound;
        case EQ -> actual == bound;
        case GE -> actual >= bound;
        case GT -> actual > bound;
      };
    }
  }

  /** Every node (the empty query; printed as the empty string). */
  record All() implements Query {
    @Override
    public String toString() {
      return "";
    }
  }

  /** Nodes matching every operand. */
  record And(List<Query> operands) implements Query {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      return operands.stream().map(q -> q instanceof Or ? "(" + q + ")" : q.toString()).collect(Collectors.joining(" "));
    }
  }

  /** Nodes matching any operand. */
  record Or(List<Query> operands) implements Query {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      return operands.stream().map(Query::toString).collect(Collectors.joining(" OR "));
    }
  }

  /** Nodes not matching the operand. */
  record Not(Query operand) implements Query {
    public Not {
      Objects.requireNonNull(operand);
    }

    @Override
    public String toString() {
      return operand instanceof And || operand instanceof Or ? "-(" + operand + ")" : "-" + operand;
    }
  }

  /** {@code kind:K}: nodes of kind K (the kind bitmap). */
  record Kind(String kind) implements Query {
    @Override
    public String toString() {
      return "kind:" + QueryLexer.quoteIfNeeded(kind);
    }
  }

  /**
   * {@code effect:E}: nodes that declare effect E (the effect bitmap); {@code effect~:E}: nodes that declare
   * it or reach a node that does through {@code calls} edges (the closure the {@code effects} command
   * computes).
   */
  record Effect(String effect, boolean inherited) implements Query {
    @Override
    public String toString() {
      return (inherited ? "effect~:" : "effect:") + QueryLexer.quoteIfNeeded(effect);
    }
  }

  /** {@code name:P}: nodes whose name matches P (exact, prefix or glob); a bare word W is {@code name:*W*}. */
  record Name(NamePattern pattern) implements Query {
    @Override
    public String toString() {
      return "name:" + pattern.toSyntax();
    }
  }

  /** {@code file:P}: nodes defined in a file whose path matches P (a literal is a prefix). */
  record File(NamePattern pattern) implements Query {
    @Override
    public String toString() {
      return "file:" + pattern.toSyntax();
    }
  }

  /** {@code lang:L}: nodes defined in a file of language L. */
  record Language(String language) implements Query {
    @Override
    public String toString() {
      return "lang:" + QueryLexer.quoteIfNeeded(language);
    }
  }

  /** {@code meta:KEY=VALUE}, or {@code meta:KEY} (any value): nodes whose metadata holds it. */
  record Meta(String key, String value) implements Query {
    @Override
    public String toString() {
      return "meta:" + QueryLexer.quoteIfNeeded(key) + (value == null ? "" : "=" + QueryLexer.quoteIfNeeded(value));
    }
  }

  /**
   * Nodes with an edge of {@code type} ({@code null}: any type) to ({@link Direction#OUT}) or from
   * ({@link Direction#IN}) a node whose name matches {@code target}: {@code calls:X}, {@code calledby:X},
   * {@code covers:R-1}, {@code rel:TYPE>X}, {@code rel:TYPE<X}, {@code rel:*>X}.
   */
  record Relation(String type, Direction direction, NamePattern target) implements Query {
    @Override
    public String toString() {
      return "rel:" + (type == null ? "*" : QueryLexer.quoteIfNeeded(type)) + (direction == Direction.OUT ? ">" : "<")
          + target.toSyntax();
    }
  }

  /** {@code in>N}, {@code out.calls<=N}: nodes whose in- or out-degree (of one edge type, or all) compares so. */
  record Degree(Direction direction, String type, Comparison comparison, long bound) implements Query {
    @Override
    public String toString() {
      return (direction == Direction.IN ? "in" : "out") + (type == null ? "" : "." + type) + comparison.symbol + bound;
    }
  }

  /**
   * {@code is:external} (targets no file defines), {@code is:merged} (namespaces merged from several files) or
   * {@code is:test} (kind {@code test}, or declared in a file under a {@code test/} or {@code tests/} folder).
   */
  record Is(String flag) implements Query {
    @Override
    public String toString() {
      return "is:" + flag;
    }
  }
}
