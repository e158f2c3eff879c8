package io.graphsnap.objects;

import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.RepoPaths;
import java.util.Arrays;
import java.util.Optional;

/**
 * One indexed file: its repository-relative path, the id of its current loose object, and the SHA-256 of
 * its source if the producer gave one (so that change detection can skip an unchanged file before parsing
 * it). Immutable.
 *
 * @param path repository-relative path in normal form
 * @param objectId the file's current loose object
 * @param sourceSha256 32 bytes, or {@code null} if unknown
 */
public record FileEntry(String path, ObjectId objectId, byte[] sourceSha256) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the path is not in normal form, the id is null or the hash is not
   *     32 bytes
   */
  public FileEntry {
    if (path == null || !RepoPaths.isNormal(path)) {
      throw new IllegalArgumentException("not a normal repository path: " + path);
    }
    if (objectId == null) {
      throw new IllegalArgumentException("object id of " + path + " is null");
    }
    if (sourceSha256 != null && sourceSha256.length != 32) {
      throw new IllegalArgumentException("source sha256 of " + path + " must be 32 bytes, not " + sourceSha256.length);
    }
    sourceSha256 = sourceSha256 == null ? null : sourceSha256.clone();
  }

  /** A copy of the source hash, or {@code null}. */
  @Override
  public byte[] sourceSha256() {
    return sourceSha256 == null ? null : sourceSha256.clone();
  }

  /** The source hash in lower-case hex, if known. */
  public Optional<String> sourceSha256Hex() {
    return sourceSha256 == null ? Optional.empty() : Optional.of(Hex.of(sourceSha256));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileEntry e && path.equals(e.path) && objectId.equals(e.objectId)
        && Arrays.equals(sourceSha256, e.sourceSha256);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + objectId.hashCode();
  }

  @Override
  public String toString() {
    return "FileEntry[" + path + " -> " + objectId.hex() + "]";
  }
}
