package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.graphsnap.objects.ObjectId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectedFilesTest {
  @Test
  void keepsEachFilesColumnsAndComparesPathsInCodePointOrder() {
    CollectedFiles files = new CollectedFiles();
    List<String> paths = new ArrayList<>();
    // past one path chunk (4 MiB) and one 32-byte chunk (65,536 values); paths with 2-, 3- and 4-byte characters
    int n = 70_000;
    for (int i = 0; i < n; i++) {
      String path = "src/" + "x".repeat(i % 97) + (i % 3 == 0 ? "é" : i % 3 == 1 ? "\uFF21" : "\uD83D\uDE00") + i;
      paths.add(path);
      byte[] sha = i % 5 == 0 ? null : ObjectId.of(("s" + i).getBytes()).toBytes();
      files.add(path, i % 7, sha, ObjectId.of(path.getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals(n, files.size());
    for (int i = 0; i < n; i += 101) {
      assertEquals(paths.get(i), files.path(i));
      assertArrayEquals(paths.get(i).getBytes(StandardCharsets.UTF_8), files.pathUtf8(i));
      assertEquals(paths.get(i).getBytes(StandardCharsets.UTF_8).length, files.pathLength(i));
      assertEquals(i % 7, files.language(i));
      assertArrayEquals(ObjectId.of(paths.get(i).getBytes(StandardCharsets.UTF_8)).toBytes(), files.objectId(i));
      if (i % 5 == 0) {
        assertNull(files.sourceSha256(i));
      } else {
        assertArrayEquals(ObjectId.of(("s" + i).getBytes()).toBytes(), files.sourceSha256(i));
      }
      int j = (i * 31 + 7) % n;
      assertEquals(Integer.signum(Utf8.compare(paths.get(i), paths.get(j))), Integer.signum(files.comparePaths(i, j)),
          paths.get(i) + " against " + paths.get(j));
    }
    assertEquals(0, files.comparePaths(5, 5));
  }
}
