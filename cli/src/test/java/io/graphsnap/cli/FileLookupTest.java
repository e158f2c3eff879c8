package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphsnap symbols FILE} and {@code graphsnap at FILE:LINE} on real Java files and on JSON Lines. */
class FileLookupTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> names(JsonNode symbols) {
    List<String> names = new ArrayList<>();
    symbols.forEach(s -> names.add(s.get("name").asText()));
    return names;
  }

  @Test
  void javaFilesInLineOrderAndTheEnclosingChain() throws Exception {
    Path src = dir.resolve("src/com/example");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Shapes.java"), """
        package com.example;

        public class Shapes {
          private int count;

          public int area(int w, int h) {
            int a = w * h;
            return a;
          }

          static class Circle {
            double r;
            double area() {
              return Math.PI * r * r;
            }
          }

          public Shapes() {
          }
        }
        """);
    String store = dir.resolve("store").toString();
    CliRunner build = CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--quiet");
    assertEquals(ExitCodes.OK, build.exitCode(), build::toString);

    CliRunner symbols = CliRunner.run("symbols", "com/example/Shapes.java", "--store", store, "--json");
    assertEquals(ExitCodes.OK, symbols.exitCode(), symbols::toString);
    JsonNode doc = JSON.readTree(symbols.out());
    assertEquals("com/example/Shapes.java", doc.get("path").asText());
    assertEquals(64, doc.get("object").asText().length());
    List<String> names = names(doc.get("symbols"));
    assertTrue(names.indexOf("com.example.Shapes") < names.indexOf("com.example.Shapes#count"), names::toString);
    assertTrue(names.indexOf("com.example.Shapes#count") < names.indexOf("com.example.Shapes#area(int,int)"), names::toString);
    assertTrue(names.indexOf("com.example.Shapes#area(int,int)") < names.indexOf("com.example.Shapes.Circle"), names::toString);
    assertTrue(names.indexOf("com.example.Shapes.Circle") < names.indexOf("com.example.Shapes.Circle#area()"), names::toString);
    assertTrue(names.indexOf("com.example.Shapes.Circle#area()") < names.indexOf("com.example.Shapes#<init>()"), names::toString);
    int line = -1;
    for (JsonNode s : doc.get("symbols")) {
      assertTrue(s.get("lines").get(0).asInt() >= line, doc::toString);
      line = s.get("lines").get(0).asInt();
    }

    CliRunner at = CliRunner.run("at", "com/example/Shapes.java:15", "--store", store, "--json");
    assertEquals(ExitCodes.OK, at.exitCode(), at::toString);
    JsonNode chain = JSON.readTree(at.out()).get("symbols");
    assertEquals(List.of("com.example.Shapes.Circle#area()", "com.example.Shapes.Circle", "com.example.Shapes"),
        names(chain).stream().filter(n -> !n.equals("com.example")).toList(), at::toString);
    CliRunner text = CliRunner.run("at", "./com/example/Shapes.java:7", "--store", store);
    assertEquals(ExitCodes.OK, text.exitCode(), text::toString);
    assertTrue(text.out().contains("com.example.Shapes#area(int,int)"), text::toString);

    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("at", "com/example/Shapes.java:500", "--store", store).exitCode());
    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("symbols", "com/example/Nope.java", "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("at", "com/example/Shapes.java", "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("at", "com/example/Shapes.java:x", "--store", store).exitCode());
  }

  @Test
  void jsonLinesFilesAndOlderRefs() throws Exception {
    String store = dir.resolve("store").toString();
    Path v1 = dir.resolve("v1.jsonl");
    Files.writeString(v1, "{\"path\": \"src/a.cov\", \"language\": \"covenant\", \"symbols\": ["
        + "{\"name\": \"a\", \"kind\": \"module\", \"lines\": [1, 40]},"
        + "{\"name\": \"a.outer\", \"kind\": \"fn\", \"lines\": [3, 20]},"
        + "{\"name\": \"a.inner\", \"kind\": \"fn\", \"lines\": [5, 9]},"
        + "{\"name\": \"a.same\", \"kind\": \"fn\", \"lines\": [3, 4]},"
        + "{\"name\": \"a.later\", \"kind\": \"fn\", \"lines\": [22, 30]}]}\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", v1.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--ref", "old", "--quiet").exitCode());
    Path v2 = dir.resolve("v2.jsonl");
    Files.writeString(v2, "{\"path\": \"src/a.cov\", \"language\": \"covenant\", \"symbols\": ["
        + "{\"name\": \"a\", \"kind\": \"module\", \"lines\": [1, 10]}]}\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", v2.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());

    JsonNode now = JSON.readTree(CliRunner.run("symbols", "src/a.cov", "--store", store, "--json").out());
    assertEquals(List.of("a"), names(now.get("symbols")));
    JsonNode old = JSON.readTree(CliRunner.run("symbols", "src/a.cov", "--store", store, "--json", "--at", "old").out());
    assertEquals(List.of("a", "a.outer", "a.same", "a.inner", "a.later"), names(old.get("symbols")));
    JsonNode at = JSON.readTree(CliRunner.run("at", "src/a.cov:4", "--store", store, "--json", "--at", "old").out());
    assertEquals(List.of("a.same", "a.outer", "a"), names(at.get("symbols")));
    assertEquals(4, at.get("line").asInt());
    JsonNode at7 = JSON.readTree(CliRunner.run("at", "src/a.cov:7", "--store", store, "--json", "--at", "old").out());
    assertEquals(List.of("a.inner", "a.outer", "a"), names(at7.get("symbols")));
    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("at", "src/a.cov:21", "--store", store).exitCode());
  }
}
