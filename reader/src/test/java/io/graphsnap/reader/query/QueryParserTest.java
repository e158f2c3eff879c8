package io.graphsnap.reader.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.query.Query.And;
import io.graphsnap.reader.query.Query.Comparison;
import io.graphsnap.reader.query.Query.Degree;
import io.graphsnap.reader.query.Query.Direction;
import io.graphsnap.reader.query.Query.Effect;
import io.graphsnap.reader.query.Query.File;
import io.graphsnap.reader.query.Query.Is;
import io.graphsnap.reader.query.Query.Kind;
import io.graphsnap.reader.query.Query.Language;
import io.graphsnap.reader.query.Query.Meta;
import io.graphsnap.reader.query.Query.Name;
import io.graphsnap.reader.query.Query.Not;
import io.graphsnap.reader.query.Query.Or;
import io.graphsnap.reader.query.Query.Relation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar: every qualifier, precedence, quoting, and errors with their columns. */
class QueryParserTest {
  private final QueryParser parser = new QueryParser(List.of("calls", "covers", "tests", "extends"));

  private Query parse(String q) {
    Query parsed = parser.parse(q);
    assertEquals(parsed, parser.parse(parsed.toString()), "printed form " + parsed + " reads back");
    return parsed;
  }

  @Test
  void everyQualifier() {
    assertEquals(new Kind("method"), parse("kind:method"));
    assertEquals(new Effect("io", false), parse("effect:io"));
    assertEquals(new Effect("io", true), parse("effect~:io"));
    assertEquals(new Name(NamePattern.exact("java.util.List")), parse("name:java.util.List"));
    assertEquals(new Name(NamePattern.prefix("java.util.")), parse("name:java.util.*"));
    assertEquals(new Name(NamePattern.glob("*Reader")), parse("name:*Reader"));
    assertEquals(new Name(NamePattern.glob("a?c*d")), parse("name:a?c*d"));
    assertEquals(new Name(NamePattern.glob("*Reader*")), parse("Reader"));
    assertEquals(new Name(NamePattern.glob("Read*r")), parse("Read*r"));
    assertEquals(new File(NamePattern.prefix("src/test/")), parse("file:src/test/"));
    assertEquals(new File(NamePattern.glob("src/*/Foo.java")), parse("file:src/*/Foo.java"));
    assertEquals(new Language("java"), parse("lang:java"));
    assertEquals(new Language("java"), parse("language:java"));
    assertEquals(new Meta("owner", "team-a"), parse("meta:owner=team-a"));
    assertEquals(new Meta("owner", null), parse("meta:owner"));
    assertEquals(new Meta("owner", ""), parse("meta:owner="));
    assertEquals(new Relation("calls", Direction.OUT, NamePattern.exact("db.query")), parse("calls:db.query"));
    assertEquals(new Relation("calls", Direction.IN, NamePattern.exact("db.query")), parse("calledby:db.query"));
    assertEquals(new Relation("covers", Direction.OUT, NamePattern.exact("R-1")), parse("covers:R-1"));
    assertEquals(new Relation("extends", Direction.IN, NamePattern.exact("A")), parse("rel:extends<A"));
    assertEquals(new Relation("tests", Direction.OUT, NamePattern.prefix("x.")), parse("rel:tests>x.*"));
    assertEquals(new Relation(null, Direction.OUT, NamePattern.exact("A")), parse("rel:*>A"));
    assertEquals(new Degree(Direction.IN, null, Comparison.GT, 100), parse("in>100"));
    assertEquals(new Degree(Direction.OUT, null, Comparison.LE, 2), parse("out<=2"));
    assertEquals(new Degree(Direction.IN, "calls", Comparison.EQ, 0), parse("in.calls=0"));
    assertEquals(new Degree(Direction.OUT, "tests", Comparison.GE, 3), parse("out.tests>=3"));
    assertEquals(new Degree(Direction.IN, null, Comparison.LT, 7), parse("in<7"));
    assertEquals(new Is("external"), parse("is:external"));
    assertEquals(new Is("merged"), parse("is:merged"));
    assertEquals(new Is("test"), parse("is:test"));
    assertEquals(new Query.All(), parse("   "));
  }

  @Test
  void precedenceOrLoosestThenAndThenNot() {
    Query a = new Kind("a");
    Query b = new Kind("b");
    Query c = new Kind("c");
    assertEquals(new Or(List.of(new And(List.of(a, b)), c)), parse("kind:a kind:b OR kind:c"));
    assertEquals(new Or(List.of(a, new And(List.of(b, c)))), parse("kind:a OR kind:b AND kind:c"));
    assertEquals(new And(List.of(a, new Or(List.of(b, c)))), parse("kind:a (kind:b OR kind:c)"));
    assertEquals(new And(List.of(new Not(a), b)), parse("-kind:a kind:b"));
    assertEquals(new And(List.of(new Not(a), b)), parse("NOT kind:a kind:b"));
    assertEquals(new Not(new Or(List.of(a, b))), parse("-(kind:a OR kind:b)"));
    assertEquals(a, parse("--kind:a"));
    assertEquals(new Or(List.of(a, b, c)), parse("kind:a OR (kind:b OR kind:c)"));
    assertEquals(new And(List.of(a, b, c)), parse("(kind:a kind:b) kind:c"));
    assertEquals(new And(List.of(new Kind("method"), new Effect("io", false), new Not(new File(NamePattern.prefix("src/test/"))),
            new Or(List.of(new Name(NamePattern.glob("*Reader")), new Name(NamePattern.glob("*Stream")))))),
        parse("kind:method effect:io -file:src/test/ (name:*Reader OR name:*Stream)"));
    // lower-case or is a word, not an operator
    assertEquals(new And(List.of(a, new Name(NamePattern.glob("*or*")), b)), parse("kind:a or kind:b"));
  }

  @Test
  void quoting() {
    assertEquals(new Name(NamePattern.exact("a b")), parse("name:\"a b\""));
    assertEquals(new Name(NamePattern.exact("T#m(?,?)")), parse("name:\"T#m(?,?)\""));
    assertEquals(new Name(NamePattern.exact("a*")), parse("name:\"a*\""));
    NamePattern quotedStarThenWildcard = parse("name:\"a*\"*") instanceof Name n ? n.pattern() : null;
    assertEquals(NamePattern.Kind.PREFIX, quotedStarThenWildcard.kind());
    assertEquals("a*", quotedStarThenWildcard.literalPrefix());
    assertTrue(quotedStarThenWildcard.matches("a*b"));
    assertFalse(quotedStarThenWildcard.matches("ab"));
    assertEquals(new Meta("owner", "team a"), parse("meta:owner=\"team a\""));
    assertEquals(new Meta("a=b", "c"), parse("meta:\"a=b\"=c"));
    assertEquals(new Name(NamePattern.exact("say \"hi\" \\ ok")), parse("name:\"say \\\"hi\\\" \\\\ ok\""));
    assertEquals(new Kind("OR"), parse("kind:OR"));
    assertEquals(new Name(NamePattern.exact("OR")), parse("name:OR"));
    assertEquals(new Name(NamePattern.glob("*OR*")), parse("\"OR\""));
    // parentheses inside a word belong to it when the word opened them
    assertEquals(new Name(NamePattern.exact("java.util.List#add(int,Object)")), parse("name:java.util.List#add(int,Object)"));
    assertEquals(new Or(List.of(new Name(NamePattern.exact("f(int)")), new Kind("x"))), parse("(name:f(int) OR kind:x)"));
    assertEquals(new Relation("calls", Direction.OUT, NamePattern.exact("a b")), parse("calls:\"a b\""));
    assertEquals(new Kind("a:b"), parse("kind:a:b"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "kind:a OR                  | 10 | expected a term after OR",
      "OR kind:a                  | 1  | unexpected 'OR'",
      "kind:a (kind:b             | 8  | '(' is never closed",
      "kind:a )                   | 8  | unbalanced ')'",
      "()                         | 2  | empty parentheses",
      "name:\"abc                 | 6  | unterminated quote",
      "kind:                      | 6  | 'kind:' needs a value",
      "knd:method                 | 1  | unknown qualifier 'knd'",
      "kind:a bogus:x             | 8  | unknown qualifier 'bogus'",
      "in>abc                     | 4  | expected a number",
      "out.calls>=                | 12 | expected a number",
      "in.nosuch>1                | 4  | unknown edge type 'nosuch'",
      "in:3                       | 3  | 'in' takes a comparison",
      "meta:=x                    | 6  | meta: needs a key",
      "is:big                     | 4  | is: takes external, merged or test",
      "rel:calls                  | 5  | rel: takes TYPE>TARGET",
      "rel:>x                     | 5  | rel: needs an edge type",
      "rel:calls>                 | 11 | rel: needs a target",
      "rel:nosuch>x               | 5  | unknown edge type 'nosuch'",
      "kind:a -)                  | 9  | expected a term after '-'",
      "kind:a AND                 | 11 | expected a term after AND",
      "name:\"a\\x\"              | 8  | unknown escape",
      "NOT                        | 4  | expected a term after 'NOT'",
  })
  void errorsNameTheColumn(String query, int column, String reason) {
    QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> parser.parse(query.strip()));
    assertEquals(column, e.column(), e.getMessage());
    assertTrue(e.reason().contains(reason), e.getMessage());
    assertTrue(e.getMessage().startsWith("column " + column + ": "), e.getMessage());
    assertEquals(query.strip() + "\n" + " ".repeat(column - 1) + "^", e.pointer());
  }

  @Test
  void withoutEdgeTypesAnyQualifierIsARelation() {
    assertEquals(new Relation("whatever", Direction.OUT, NamePattern.exact("x")), new QueryParser().parse("whatever:x"));
  }

  @Test
  void patterns() {
    assertTrue(NamePattern.glob("*Reader").matches("java.io.Reader"));
    assertFalse(NamePattern.glob("*Reader").matches("java.io.Readers"));
    assertTrue(NamePattern.glob("a?c").matches("abc"));
    assertFalse(NamePattern.glob("a?c").matches("abbc"));
    assertTrue(NamePattern.glob("a**b").matches("a.x/y#b"));
    assertEquals(NamePattern.Kind.PREFIX, NamePattern.glob("ab**").kind());
    assertEquals("Reader", NamePattern.glob("*Rea?*Reader*").longestLiteral());
    assertTrue(NamePattern.prefix("").matches("anything"));
    assertEquals(NamePattern.exact("*"), new QueryParser().parse("name:\"*\"") instanceof Name n ? n.pattern() : null);
  }
}
