package io.graphsnap.format.snapshot;

import java.util.function.IntFunction;

/**
 * One kind of file in the snapshot container ({@link SnapshotFormat}'s grammar: header, section table, CRC32C per
 * section, 64-byte alignment): what tells it apart from the other kinds (its magic), the versions this code reads,
 * and how its section ids are named in messages. The snapshot is {@link SnapshotFormat#CONTAINER}; the layered
 * delta ({@code io.graphsnap.format.delta.DeltaFormat}) is another. Immutable.
 *
 * @param what what the file is, for messages ("snapshot", "delta")
 * @param magic the 8 bytes at offset 0
 * @param versionStart the oldest version this code reads
 * @param versionCurrent the version this code writes and the newest it reads
 * @param sectionName the name of a numeric section id in messages ({@code #id} for unknown ids)
 */
public record Container(String what, byte[] magic, int versionStart, int versionCurrent,
    IntFunction<String> sectionName) {
  /** Checks the magic's length (the header's fixed part has 8 bytes for it). */
  public Container {
    if (magic.length != SnapshotFormat.MAGIC.length) {
      throw new IllegalArgumentException("magic of " + what + " has " + magic.length + " bytes, expected "
          + SnapshotFormat.MAGIC.length);
    }
    magic = magic.clone();
  }

  /** The magic bytes, copied. */
  @Override
  public byte[] magic() {
    return magic.clone();
  }
}
