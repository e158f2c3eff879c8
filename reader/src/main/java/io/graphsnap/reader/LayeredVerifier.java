package io.graphsnap.reader;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.internal.DeltaView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * {@link LayeredSnapshot#verify()}: both layers' checksums, the base's SHA-256 against the delta's BASE, and the
 * agreement of the layers. O(base size) for the hash, else O(delta + base rows of the nodes the delta touches).
 * Single-use; the snapshot must stay open.
 */
final class LayeredVerifier {
  private final LayeredSnapshot layered;
  private final GraphSnapshot base;
  private final Path basePath;
  private final DeltaView delta;
  private final int baseNodes;

  LayeredVerifier(LayeredSnapshot layered, GraphSnapshot base, Path basePath, DeltaView delta) {
    this.layered = layered;
    this.base = base;
    this.basePath = basePath;
    this.delta = delta;
    this.baseNodes = base.nodeCount();
  }

  private boolean isLive(int id) {
    return layered.isLive(id);
  }

  private boolean isFileLive(int f) {
    return layered.isFileLive(f);
  }

  void verify() throws IOException {
    base.verify();
    delta.verifyChecksums();
    byte[] sha = sha256(basePath);
    if (!Arrays.equals(sha, delta.base.snapshotSha256())) {
      throw corrupt("BASE", "the base's SHA-256 is " + HexFormat.of().formatHex(sha) + ", the delta expects "
          + HexFormat.of().formatHex(delta.base.snapshotSha256()));
    }
    for (String name : delta.newNames) {
      if (base.node(name) >= 0) {
        throw corrupt("NEW_NAMES", "new name " + name + " is already a base node");
      }
    }
    for (String path : delta.newFilePaths) {
      if (base.fileId(path) >= 0) {
        throw corrupt("NEW_FILE_PATHS", "new path " + path + " is already a base file");
      }
    }
    for (int i = 0; i < delta.dirtyNodes.length; i++) {
      int v = delta.dirtyNodes[i];
      if (!isLive(v)) {
        throw corrupt("DIRTY_NODES", "dirty node " + v + " is tombstoned");
      }
      int f = delta.nodes.fileId(i);
      if (f >= 0 && !isFileLive(f)) {
        throw corrupt("NODES", "node " + v + " is in deleted file " + f);
      }
    }
    for (int f : delta.dirtyFiles) {
      if (!isFileLive(f)) {
        throw corrupt("DIRTY_FILES", "dirty file " + f + " is deleted");
      }
    }
    Map<Long, Set<Long>> expectedAdded = new HashMap<>();
    Map<Long, Set<Long>> expectedRemoved = new HashMap<>();
    DeltaView.Rows fw = delta.forward;
    for (int row = 0; row < fw.keys().length; row++) {
      int v = fw.keys()[row];
      if (!isLive(v)) {
        throw corrupt("FORWARD", "row of tombstoned node " + v);
      }
      Set<Long> now = new HashSet<>();
      for (int j = fw.offsets()[row]; j < fw.offsets()[row + 1]; j++) {
        if (!isLive(fw.neighbours()[j])) {
          throw corrupt("FORWARD", "node " + v + " has an edge to tombstoned node " + fw.neighbours()[j]);
        }
        now.add((long) fw.types()[j] << 32 | fw.neighbours()[j]);
      }
      Set<Long> before = new HashSet<>();
      if (v < baseNodes) {
        EdgeCursor c = base.out(v);
        for (int w = c.next(); w >= 0; w = c.next()) {
          before.add((long) c.type() << 32 | w);
        }
      }
      for (long e : now) {
        if (!before.contains(e)) {
          expectedAdded.computeIfAbsent(e & 0xFFFF_FFFFL, k -> new HashSet<>()).add((e >>> 32) << 32 | v);
        }
      }
      for (long e : before) {
        if (!now.contains(e)) {
          expectedRemoved.computeIfAbsent(e & 0xFFFF_FFFFL, k -> new HashSet<>()).add((e >>> 32) << 32 | v);
        }
      }
    }
    for (int v : delta.tombstones) { // a tombstone's base out-row is gone with it
      if (fw.find(v) < 0) {
        EdgeCursor c = base.out(v);
        for (int w = c.next(); w >= 0; w = c.next()) {
          expectedRemoved.computeIfAbsent((long) w, k -> new HashSet<>()).add((long) c.type() << 32 | v);
        }
      }
    }
    checkTranspose("REVERSE_ADDED", delta.reverseAdded, expectedAdded);
    checkTranspose("REVERSE_REMOVED", delta.reverseRemoved, expectedRemoved);
    for (int v : delta.tombstones) {
      LayeredSnapshot.Edges in = layered.inRow(v);
      if (in.size() != 0) {
        throw corrupt("TOMBSTONES", "tombstoned node " + v + " keeps " + in.size() + " in-edges");
      }
    }
  }


  private void checkTranspose(String section, DeltaView.Rows rows, Map<Long, Set<Long>> expected) {
    Map<Long, Set<Long>> actual = new HashMap<>();
    for (int row = 0; row < rows.keys().length; row++) {
      Set<Long> edges = new HashSet<>();
      for (int j = rows.offsets()[row]; j < rows.offsets()[row + 1]; j++) {
        edges.add((long) rows.types()[j] << 32 | rows.neighbours()[j]);
      }
      if (!edges.isEmpty()) {
        actual.put((long) rows.keys()[row], edges);
      }
    }
    if (!actual.equals(expected)) {
      throw corrupt(section, "is not the transpose of the FORWARD rows' difference with the base: actual="
          + actual + " vs expected=" + expected);
    }
  }

  private CorruptSnapshotException corrupt(String section, String problem) {
    return new CorruptSnapshotException(delta.resource, section, 0, problem);
  }

  private static byte[] sha256(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }
}
