package io.graphsnap.cli.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk-full and permission faults at every file operation of {@code graphsnap ingest} and
 * {@code graphsnap snapshot} leave the store as it was; see {@link FaultScenarios}, which runs in a child JVM
 * because the faulty file system must be the default provider from JVM startup.
 */
class FaultInjectionTest {
  @TempDir Path dir;

  @Test
  void everyFaultPointLeavesTheStoreAsItWas() throws Exception {
    // On tmpfs when there is one: the scenarios copy stores and fsync hundreds of times.
    Path shm = Path.of("/dev/shm");
    Path work = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "graphsnap-faults-")
        : Files.createDirectories(dir.resolve("work"));
    ChildJvm.Child child = ChildJvm.start(dir.resolve("logs"),
        List.of("-Djava.nio.file.spi.DefaultFileSystemProvider=" + FaultyFileSystemProvider.class.getName()),
        FaultScenarios.class, work.toString(), Path.of("..", "examples", "shop.jsonl").toAbsolutePath().toString());
    int exit;
    try {
      exit = child.await(240);
    } finally {
      FaultScenarios.deleteTree(work);
    }
    String output = child.output();
    System.out.println(output.lines().filter(l -> l.startsWith("fault-scenario:")).reduce("", (a, b) -> a + b + "\n"));
    assertEquals(0, exit, output);
    assertEquals(4, output.lines().filter(l -> l.startsWith("fault-scenario:")).count(), output);
    assertTrue(output.lines().filter(l -> l.startsWith("fault-scenario:"))
        .allMatch(l -> !l.contains("faultPoints=0")), output);
  }
}
