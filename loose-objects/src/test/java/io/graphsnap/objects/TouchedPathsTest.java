package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat table of touched paths against maps of strings, across growth and clears. */
class TouchedPathsTest {
  @Test
  void countsAsMapsOfThePathsBeforeAndAfterWould() {
    Random random = new Random(20261206);
    TouchedPaths touched = new TouchedPaths();
    Map<String, ObjectId> index = new HashMap<>(); // what the index holds, committed and not
    for (int round = 0; round < 4; round++) {
      Map<String, ObjectId> before = new HashMap<>(); // a path's object when first touched; null: not indexed
      int paths = round == 1 ? 40_000 : 3_000; // past several doublings of the table, then within what it kept
      for (int step = 0; step < paths * 2; step++) {
        String path = "src/ü/p" + random.nextInt(paths) + "/F.java";
        ObjectId now = random.nextInt(5) == 0 ? null : id(random.nextInt(4));
        ObjectId current = index.get(path);
        if (!before.containsKey(path)) {
          before.put(path, current);
        }
        touched.touch(path, current, now);
        if (now == null) {
          index.remove(path);
        } else {
          index.put(path, now);
        }
        assertEquals(before.size(), touched.size());
      }
      int added = 0;
      int changed = 0;
      int unchanged = 0;
      int deleted = 0;
      for (Map.Entry<String, ObjectId> e : before.entrySet()) {
        ObjectId was = e.getValue();
        ObjectId now = index.get(e.getKey());
        if (was == null && now != null) {
          added++;
        } else if (was != null && now == null) {
          deleted++;
        } else if (was != null) {
          if (was.equals(now)) {
            unchanged++;
          } else {
            changed++;
          }
        }
      }
      UpdateSummary summary = touched.summary(List.of("kept"));
      assertEquals(new UpdateSummary(added, changed, unchanged, deleted, List.of("kept")), summary, "round " + round);
      touched.clear();
      assertEquals(0, touched.size());
      assertEquals(new UpdateSummary(0, 0, 0, 0, List.of()), touched.summary(List.of()));
    }
  }

  private static ObjectId id(int n) {
    return ObjectId.of(("object " + n).getBytes(StandardCharsets.UTF_8));
  }
}
