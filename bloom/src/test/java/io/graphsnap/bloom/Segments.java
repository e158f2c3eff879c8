package io.graphsnap.bloom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Places serialised bytes where a reader finds them: on the heap, or mapped from a file like a snapshot section. */
enum Segments {
  HEAP {
    @Override
    MemorySegment place(byte[] bytes, Path dir, Arena arena) {
      return MemorySegment.ofArray(bytes);
    }
  },
  /** Mapped from a file in which the bytes sit after 64 bytes of other data and before 8 more, as a section. */
  MAPPED_SECTION {
    @Override
    MemorySegment place(byte[] bytes, Path dir, Arena arena) {
      try {
        final Path file = Files.createTempFile(dir, "bloom", ".bin");
        final ByteBuffer content = ByteBuffer.allocate(SECTION_OFFSET + bytes.length + 8);
        content.put(new byte[SECTION_OFFSET]).put(bytes).put(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}).flip();
        Files.write(file, content.array());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          return channel.map(FileChannel.MapMode.READ_ONLY, SECTION_OFFSET, bytes.length, arena);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** Offset of the filter in the mapped file: a multiple of 64, as the snapshot aligns sections. */
  static final int SECTION_OFFSET = 64;

  /** Returns a segment holding exactly {@code bytes}; a mapped one lives as long as {@code arena}. */
  abstract MemorySegment place(byte[] bytes, Path dir, Arena arena);
}
