package io.graphsnap.reader.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens: {@code (}, {@code )}, a {@code -} before a term, the words {@code OR},
 * {@code AND}, {@code NOT}, and words. A word runs to the next space; {@code "…"} inside a word is literal
 * (spaces, parentheses, wildcards; {@code \"} and {@code \\} escape), and a {@code )} ends a word only when
 * the word has no unclosed {@code (} of its own, so {@code name:List#add(int)} is one word.
 */
final class QueryLexer {
  enum Type { LPAREN, RPAREN, NOT, OR, AND, WORD, EOF }

  /**
   * One token. For a word, {@code text} holds its characters with quotes removed and {@code quoted[i]} says
   * whether character i came from inside quotes; {@code column} is 1-based.
   */
  record Token(Type type, int column, String text, boolean[] quoted) {
    boolean isQuoted(int i) {
      return quoted != null && quoted[i];
    }
  }

  private final String query;
  private int pos;

  QueryLexer(String query) {
    this.query = query;
  }

  static List<Token> tokens(String query) {
    QueryLexer lexer = new QueryLexer(query);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.type() != Type.EOF);
    return tokens;
  }

  private Token next() {
    while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
      pos++;
    }
    int column = pos + 1;
    if (pos == query.length()) {
      return new Token(Type.EOF, column, "", null);
    }
    char c = query.charAt(pos);
    if (c == '(') {
      pos++;
      return new Token(Type.LPAREN, column, "(", null);
    }
    if (c == ')') {
      pos++;
      return new Token(Type.RPAREN, column, ")", null);
    }
    if (c == '-' && pos + 1 < query.length() && !Character.isWhitespace(query.charAt(pos + 1))) {
      pos++;
      return new Token(Type.NOT, column, "-", null);
    }
    return word(column);
  }

  private Token word(int column) {
    StringBuilder text = new StringBuilder();
    List<Boolean> quoted = new ArrayList<>();
    boolean anyQuote = false;
    int depth = 0;
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (Character.isWhitespace(c)) {
        break;
      }
      if (c == '"') {
        anyQuote = true;
        int open = pos;
        pos++;
        while (true) {
          if (pos == query.length()) {
            throw new QuerySyntaxException(query, open + 1, "unterminated quote");
          }
          char q = query.charAt(pos++);
          if (q == '"') {
            break;
          }
          if (q == '\\') {
            if (pos == query.length()) {
              throw new QuerySyntaxException(query, open + 1, "unterminated quote");
            }
            q = query.charAt(pos++);
            if (q != '"' && q != '\\') {
              throw new QuerySyntaxException(query, pos - 1, "unknown escape \\" + q + " (only \\\" and \\\\)");
            }
          }
          text.append(q);
          quoted.add(true);
        }
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
      text.append(c);
      quoted.add(false);
      pos++;
    }
    String s = text.toString();
    if (!anyQuote) {
      switch (s) {
        case "OR" -> {
          return new Token(Type.OR, column, s, null);
        }
        case "AND" -> {
          return new Token(Type.AND, column, s, null);
        }
        case "NOT" -> {
          return new Token(Type.NOT, column, s, null);
        }
        default -> { }
      }
    }
    boolean[] flags = new boolean[quoted.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = quoted.get(i);
    }
    return new Token(Type.WORD, column, s, flags);
  }

  /** {@code s} as one lexer word that reads back as the same literal text. */
  static String quoteIfNeeded(String s) {
    boolean needs = s.isEmpty() || s.equals("OR") || s.equals("AND") || s.equals("NOT") || s.startsWith("-");
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = Character.isWhitespace(c) || c == '"' || c == '\\' || c == '(' || c == ')' || c == '*' || c == '?'
          || c == ':' || c == '<' || c == '>' || c == '=';
    }
    if (!needs) {
      return s;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
