package io.graphsnap.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A {@code @TempDir} factory that puts the folder on {@code /dev/shm} (tmpfs) when it exists, so that tests doing
 * hundreds of durable writes measure logic rather than the disk's sync latency; elsewhere, the default temp folder.
 * JUnit deletes the folder afterwards either way.
 */
public final class MemoryTempDir implements TempDirFactory {
  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return Files.createTempDirectory(shm, "graphsnap-test-");
    }
    return Files.createTempDirectory("graphsnap-test-");
  }
}
