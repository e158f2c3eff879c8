package io.graphsnap.frontend.scip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.frontend.scip.ScipDescriptor.Suffix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SCIP symbol grammar, the readable names, and symbols that do not parse. */
class ScipSymbolTest {
  @Test
  void typescriptMethodWithEscapedFileName() throws Exception {
    ScipSymbol s = ScipSymbol.parse("scip-typescript npm shop-ts 1.0.0 src/`auth.ts`/login().");
    assertEquals("scip-typescript", s.scheme());
    assertEquals("npm", s.manager());
    assertEquals("shop-ts", s.packageName());
    assertEquals("1.0.0", s.version());
    assertEquals(List.of(new ScipDescriptor("src", "", Suffix.NAMESPACE), new ScipDescriptor("auth.ts", "", Suffix.NAMESPACE),
        new ScipDescriptor("login", "", Suffix.METHOD)), s.descriptors());
    assertEquals("shop-ts:src/auth.ts/login()", s.readableName());
    assertEquals("shop-ts:src/auth.ts/", s.parent().readableName());
    assertEquals("shop-ts:src/", s.parent().parent().readableName());
    assertNull(s.parent().parent().parent());
  }

  @Test
  void everyDescriptorKind() throws Exception {
    ScipSymbol s = ScipSymbol.parse("rust-analyzer cargo std 1.0 io/Read#read(+1).[T](buf)");
    assertEquals(List.of(Suffix.NAMESPACE, Suffix.TYPE, Suffix.METHOD, Suffix.TYPE_PARAMETER, Suffix.PARAMETER),
        s.descriptors().stream().map(ScipDescriptor::suffix).toList());
    assertEquals("+1", s.descriptors().get(2).disambiguator());
    assertEquals("std:io/Read#read(+1).[T](buf)", s.readableName());
    assertEquals("x:a/b:c!d", ScipSymbol.parse("s m x v a/b:c!d.").readableName().replace("d", "d"));
    assertEquals(Suffix.MACRO, ScipSymbol.parse("s m x v a/b!").last().suffix());
    assertEquals(Suffix.META, ScipSymbol.parse("scip-python python p 1 `shop.auth`/__init__:").last().suffix());
    assertEquals("p:shop.auth/__init__:", ScipSymbol.parse("scip-python python p 1 `shop.auth`/__init__:").readableName());
  }

  @Test
  void placeholdersEscapedSpacesAndBackticks() throws Exception {
    ScipSymbol s = ScipSymbol.parse("my  scheme . . . `a``b`#`x y`.");
    assertEquals("my scheme", s.scheme());
    assertEquals("", s.manager());
    assertEquals("", s.packageName());
    assertEquals("", s.version());
    assertEquals("a`b", s.descriptors().get(0).name());
    assertEquals("x y", s.descriptors().get(1).name());
    assertEquals("`a``b`#`x y`", s.readableName()); // no package prefix for '.'; names that need backticks keep them
    assertEquals("User#<constructor>()", ScipSymbol.parse("s m . v User#`<constructor>`().").readableName());
    assertEquals("p:`a.b`#", ScipSymbol.parse("s m p v `a.b`#").readableName()); // a dot is plain only in namespaces
  }

  @Test
  void localSymbols() throws Exception {
    ScipSymbol s = ScipSymbol.parse("local 42");
    assertTrue(s.isLocal());
    assertEquals("42", s.localId());
    assertNull(s.readableName());
    assertNull(s.parent());
  }

  @Test
  void distinctSymbolsGetDistinctNames() throws Exception {
    String[] symbols = {"s m p v a/b.", "s m p v a/b#", "s m p v a/b().", "s m p v a/b(+1).", "s m p v a/b:",
        "s m p v a/b!", "s m p v a/[b]", "s m p v a/(b)", "s m p v a/b/", "s m p v a/b.c.", "s m p v a/b().c.",
        "s m q v a/b.", "s m . v a/b."};
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String symbol : symbols) {
      assertTrue(names.add(ScipSymbol.parse(symbol).readableName()), symbol);
    }
  }

  @Test
  void malformedSymbolsNameTheColumn() {
    String[][] cases = {
        {"", "empty symbol"},
        {"scip-typescript npm shop", "ends inside its package name"},
        {"s m p v ", "no descriptor"},
        {"s m p v a", "has no suffix"},
        {"s m p v a/`b", "unterminated backtick"},
        {"s m p v a/b(x", "')' was expected"},
        {"s m p v a/b()", "'.' was expected"},
        {"s m p v a/[b", "']' was expected"},
        {"s m p v a/``#", "empty escaped"},
        {"s m p v a/ b#", "column 11"},
        {"local ", "local id"},
        {"local 1 2", "after the local id"},
        {" m p v a/", "empty scheme"},
    };
    for (String[] c : cases) {
      ScipSymbolException e = assertThrows(ScipSymbolException.class, () -> ScipSymbol.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
      assertTrue(e.getMessage().startsWith("column "), e.getMessage());
    }
  }
}
