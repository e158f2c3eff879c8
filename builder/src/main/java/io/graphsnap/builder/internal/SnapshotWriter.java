package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link SnapshotBody} as the sections of a snapshot file, in section-id order, then its header at
 * offset 0. Each section's grammar is in its format class ({@link SectionId#formatClassName()}). Mutable,
 * single-use, not thread-safe.
 */
final class SnapshotWriter {
  private final SnapshotBody body;
  private final PhaseClock clock;

  SnapshotWriter(SnapshotBody body, PhaseClock clock) {
    this.body = body;
    this.clock = clock;
  }

  /**
   * Writes the whole file through {@code channel} (which must be empty) and returns its header. Does not force
   * or close the channel.
   */
  SnapshotHeader write(FileChannel channel) throws IOException {
    SectionId[] ids = java.util.Arrays.stream(SectionId.values()).filter(body.layout()::holds)
        .toArray(SectionId[]::new);
    long headerBytes = SnapshotFormat.align(SnapshotFormat.headerBytes(ids.length));
    List<SectionEntry> entries = new ArrayList<>(ids.length);
    long end;
    try (SectionWriter out = new SectionWriter(channel, headerBytes)) {
      for (int i = 0; i < ids.length; i++) {
        out.begin(ids[i]);
        body.writeSection(ids[i], out);
        entries.add(out.end());
        clock.advance(i + 1, ids.length);
      }
      out.finish();
      end = out.position();
    }
    SnapshotHeader header = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, end, entries);
    byte[] encoded = header.encode();
    if (encoded.length != headerBytes) {
      throw new IllegalStateException("header is " + encoded.length + " bytes, expected " + headerBytes);
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    while (b.hasRemaining()) {
      channel.write(b, b.position());
    }
    return header;
  }
}
