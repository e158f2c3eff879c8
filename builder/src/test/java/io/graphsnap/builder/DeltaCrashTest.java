package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.object.Hex;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes deltas in a loop ({@link DeltaCrashWorker}) with SIGKILL at random points; after
 * every kill, every {@code *.gdelta} file in the folder is whole: named by its SHA-256, opened and verified on top of
 * its base, the last one the child reported included. A kill may leave a temporary file, never a partial delta under
 * a delta's name.
 */
class DeltaCrashTest {
  private static final int KILLS = 8;

  @TempDir(factory = MemoryTempDir.class) Path dir;

  @Test
  void killedWhileWritingDeltasEveryDeltaFileIsWhole() throws Exception {
    byte[] baseBytes = Fixtures.buildBytes(DeltaCrashWorker.baseFiles(0), dir, "base.gsnap");
    String baseId = Hex.of(ObjectId.sha256().digest(baseBytes));
    Path deltas = dir.resolve("deltas");
    Random random = new Random(99);
    int written = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      AtomicReference<String> last = new AtomicReference<>();
      AtomicInteger writes = new AtomicInteger();
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DeltaCrashWorker.class.getName(),
          dir.resolve("base.gsnap").toString(), baseId, deltas.toString(), Integer.toString(kill))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine(), "child " + kill + " did not start");
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("wrote ")) {
              last.set(line.substring(6));
              writes.incrementAndGet();
            }
          }
        } catch (IOException ignored) {
          // the pipe breaks when the child dies
        }
      });
      int wanted = 1 + random.nextInt(6);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (writes.get() < wanted && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(random.nextInt(40));
      assertTrue(child.isAlive(), "child " + kill + " stopped by itself");
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
      written += writes.get();
      if (last.get() != null) {
        assertTrue(Files.isRegularFile(deltas.resolve(last.get() + DeltaFormat.FILE_EXTENSION)),
            "the last reported delta is missing after kill " + kill);
      }
      try (Stream<Path> files = Files.list(deltas)) {
        for (Path p : files.filter(f -> f.getFileName().toString().endsWith(DeltaFormat.FILE_EXTENSION)).toList()) {
          byte[] bytes = Files.readAllBytes(p);
          assertEquals(Hex.of(ObjectId.sha256().digest(bytes)) + DeltaFormat.FILE_EXTENSION, p.getFileName().toString(),
              "after kill " + kill);
          try (LayeredSnapshot l = LayeredSnapshot.open(dir.resolve("base.gsnap"), p)) {
            l.verify();
          }
        }
      }
    }
    assertTrue(written >= KILLS, "too few deltas written between kills: " + written);
    try (Stream<Path> files = Files.list(deltas)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().allMatch(n -> n.endsWith(DeltaFormat.FILE_EXTENSION) || n.endsWith(".tmp")), names.toString());
    }
  }
}
