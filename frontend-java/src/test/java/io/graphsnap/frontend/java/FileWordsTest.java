package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The word index answers exactly the files whose text {@link DeclarationChange#affects}, as files change. */
class FileWordsTest {
  private static final List<String> VOCABULARY = List.of("grow", "size", "Base", "BaseTest", "TestBase", "try",
      "close", "Foo", "FooIT", "FooTests", "get", "\\u0067row", "\\uuu0046oo", "gr\\u006fw", "x1", "_y", "$z",
      "Test", "IT", "é", "naïve");

  @Test
  void randomFilesAndEditsGiveWhatEachFilesTextSays() {
    Random random = new Random(16);
    FileWords index = new FileWords();
    Map<String, byte[]> files = new HashMap<>();
    for (int round = 0; round < 400; round++) {
      String path = "p/F" + random.nextInt(60) + ".java";
      if (random.nextInt(8) == 0) {
        index.remove(path);
        files.remove(path);
      } else {
        StringBuilder text = new StringBuilder("class C {");
        for (int w = random.nextInt(12); w > 0; w--) {
          text.append(random.nextBoolean() ? ' ' : '.').append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
          if (random.nextInt(5) == 0) {
            text.append("(1)");
          }
        }
        byte[] bytes = text.append(" }").toString().getBytes(StandardCharsets.UTF_8);
        index.put(path, bytes);
        files.put(path, bytes);
      }
      Set<String> words = new HashSet<>();
      for (int w = 1 + random.nextInt(3); w > 0; w--) {
        words.add(List.of("grow", "Base", "close", "Foo", "size", "é", "Test").get(random.nextInt(7)));
      }
      DeclarationChange change = DeclarationChange.ofWords(words);
      Set<String> expected = new TreeSet<>();
      files.forEach((p, b) -> {
        if (change.affects(b)) {
          expected.add(p);
        }
      });
      assertEquals(expected, index.affectedBy(change), "round " + round + ", words " + words);
      assertEquals(files.size(), index.size());
    }
    assertNull(index.affectedBy(DeclarationChange.ALL));
  }

  @Test
  void manyReplacementsCompactTheIndexAndKeepItsAnswers() {
    FileWords index = new FileWords();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      paths.add("F" + i + ".java");
    }
    StringBuilder big = new StringBuilder();
    for (int w = 0; w < 3000; w++) {
      big.append(" w").append(w);
    }
    for (int round = 0; round < 60; round++) {
      for (String p : paths) {
        index.put(p, (big + " round" + round + " " + p.replace(".java", "")).getBytes(StandardCharsets.UTF_8));
      }
    }
    assertEquals(new TreeSet<>(paths), index.affectedBy(DeclarationChange.ofWords(Set.of("w2999"))));
    assertEquals(Set.of("F7.java"), index.affectedBy(DeclarationChange.ofWords(Set.of("F7", "round3"))));
    assertEquals(new TreeSet<>(paths), index.affectedBy(DeclarationChange.ofWords(Set.of("round59"))));
  }
}
