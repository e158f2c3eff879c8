package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening an index keeps C2 away from the MapDB method that crashes it on JDK 25.0.3. */
class MapDbC2WorkaroundTest {
  @TempDir Path dir;

  @Test
  void openingAnIndexAddsTheCompilerDirective() throws Exception {
    try (StoreIndex index = StoreIndex.open(dir.resolve("index.db"))) {
      Object printed = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      assertTrue(String.valueOf(printed).contains("org/mapdb/BTreeMap.put2"), String.valueOf(printed));
    }
  }
}
