package io.graphsnap.bench;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Bloom filter of a snapshot file, mapped on its own, so that a benchmark can pick absent names the filter
 * rejects and absent names it lets through (false positives). Owns the mapping: {@link #close()} it.
 */
public final class SnapshotBloom implements AutoCloseable {
  private final SnapshotFile file;
  private final BloomView bloom;

  private SnapshotBloom(SnapshotFile file, BloomView bloom) {
    this.file = file;
    this.bloom = bloom;
  }

  /** Maps {@code file} and wraps its BLOOM section. */
  public static SnapshotBloom open(Path file) throws IOException {
    SnapshotFile mapped = SnapshotFile.open(file);
    boolean ok = false;
    try {
      MemorySegment section = mapped.optional(SectionId.BLOOM);
      if (section == null) {
        throw new IOException(file + " has no BLOOM section");
      }
      SnapshotBloom result = new SnapshotBloom(mapped, BloomView.wrap(section));
      ok = true;
      return result;
    } finally {
      if (!ok) {
        mapped.close();
      }
    }
  }

  /** Whether the filter may contain {@code name} ({@code false}: certainly absent). */
  public boolean mightContain(String name) {
    return bloom.mightContain(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Unmaps the file. */
  @Override
  public void close() {
    file.close();
  }
}
