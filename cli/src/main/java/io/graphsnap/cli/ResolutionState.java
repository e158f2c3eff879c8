package io.graphsnap.cli;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import io.graphsnap.frontend.java.DeclarationChange;
import io.graphsnap.frontend.java.DeclarationScan;
import io.graphsnap.frontend.java.DeclarationTable;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code graphsnap build} remembers about whole-tree resolution, in {@code STORE/resolution.bin}: the
 * fingerprint of the declaration table that the stored Java summaries were extracted with, and each file's
 * declarations by path and source SHA-256 (so that a rebuild need not parse unchanged files to rebuild the
 * table).
 *
 * <p>The contract that keeps incremental builds exact: every stored summary equals what extracting its source
 * with the table of the stored fingerprint gives. So a stored summary is reused when its source hash is
 * unchanged and either the table's fingerprint is unchanged, or only the tree's declarations changed (same
 * external fingerprint: class path, JDK) and the file writes none of the names of the change
 * ({@link DeclarationChange}, computed against the table of the stored declarations). Before extracting with a
 * new table, the file is rewritten with no fingerprint ({@link #invalidate}); after the index commit, with the
 * new one ({@link #write}). A crash in between leaves no fingerprint, and the next build extracts every file
 * again. A build interrupted while extracting with a new table records the new fingerprint and, as
 * <em>pending</em>, every file it did not reach: their stored summaries predate the fingerprint, so the next
 * build extracts them whatever its table ({@link #pending()}). A missing, damaged or foreign file counts as
 * empty; a version 2 file reads with nothing pending.
 *
 * <pre>
 * File    --> Magic "GSRES3\n", Fingerprint (32 bytes, all zero: none), ExternalFingerprint (32 bytes), Count (int),
 *             (Path (UTF), Sha256 (32 bytes), Length (int), Declarations (Length bytes))^Count,
 *             PendingCount (int), Path (UTF)^PendingCount
 * Version 2: Magic "GSRES2\n", the same without the pending paths
 * </pre>
 */
final class ResolutionState {
  static final String FILE = "resolution.bin";
  private static final byte[] MAGIC = "GSRES3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V2 = "GSRES2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_ENTRY = 64 << 20;

  record Entry(byte[] sha256, byte[] declarations) {}

  private final byte[] fingerprint; // null: none
  private final byte[] externalFingerprint;
  private final Map<String, Entry> entries;
  private final Set<String> pending;
  private final Map<String, FileDeclarations> decoded; // null: decode entries when asked
  private final DeclarationTable table; // the table of the fingerprint, when known (a resident build keeps it)

  private ResolutionState(byte[] fingerprint, byte[] externalFingerprint, Map<String, Entry> entries,
      Set<String> pending) {
    this(fingerprint, externalFingerprint, entries, pending, null, null);
  }

  private ResolutionState(byte[] fingerprint, byte[] externalFingerprint, Map<String, Entry> entries,
      Set<String> pending, Map<String, FileDeclarations> decoded, DeclarationTable table) {
    this.fingerprint = fingerprint;
    this.externalFingerprint = externalFingerprint;
    this.entries = entries;
    this.pending = pending;
    this.decoded = decoded;
    this.table = table;
  }

  /**
   * The state a build just wrote ({@link #write} with {@code table}'s fingerprints, these entries, nothing
   * pending), kept in memory with the declarations decoded and the table built, so that the next build of a
   * resident watch need not read, decode or rebuild them ({@link BuildMemory}).
   */
  static ResolutionState remembered(DeclarationTable table, Map<String, Entry> entries,
      Map<String, FileDeclarations> decoded) {
    return new ResolutionState(table.fingerprint(), table.externalFingerprint(), Map.copyOf(entries), Set.of(),
        Map.copyOf(decoded), table);
  }

  /** The stored fingerprint (null: none); a copy. */
  byte[] fingerprint() {
    return fingerprint == null ? null : fingerprint.clone();
  }

  /**
   * The fingerprint stored in {@code store}'s file, reading only its header (null if none, or the file is
   * missing, damaged or not version 3).
   */
  static byte[] storedFingerprint(Path store) {
    try (InputStream raw = SafeFiles.newInputStream(store.resolve(FILE));
         DataInputStream in = new DataInputStream(raw)) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        return null;
      }
      byte[] fp = new byte[32];
      in.readFully(fp);
      return isZero(fp) ? null : fp;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The state stored in {@code store}, or an empty one. */
  static ResolutionState read(Path store) {
    Path file = store.resolve(FILE);
    try (InputStream raw = SafeFiles.newInputStream(file); // never through a link, never a FIFO
         DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      boolean v2 = Arrays.equals(magic, MAGIC_V2);
      if (!v2 && !Arrays.equals(magic, MAGIC)) {
        return empty();
      }
      byte[] fp = new byte[32];
      in.readFully(fp);
      byte[] external = new byte[32];
      in.readFully(external);
      int count = in.readInt();
      if (count < 0) {
        return empty();
      }
      Map<String, Entry> entries = new HashMap<>();
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        byte[] sha = new byte[32];
        in.readFully(sha);
        int length = in.readInt();
        if (length < 0 || length > MAX_ENTRY) {
          return empty();
        }
        byte[] decl = new byte[length];
        in.readFully(decl);
        entries.put(path, new Entry(sha, decl));
      }
      Set<String> pending = new HashSet<>();
      int pendingCount = v2 ? 0 : in.readInt();
      if (pendingCount < 0) {
        return empty();
      }
      for (int i = 0; i < pendingCount; i++) {
        pending.add(in.readUTF());
      }
      return new ResolutionState(isZero(fp) ? null : fp, external, entries, pending);
    } catch (NoSuchFileException | io.graphsnap.objects.UnsafeStoreException e) {
      return empty(); // an unsafe entry is refused when the store is opened for writing
    } catch (EOFException e) {
      return empty();
    } catch (IOException | RuntimeException e) {
      return empty();
    }
  }

  private static ResolutionState empty() {
    return new ResolutionState(null, new byte[32], Map.of(), Set.of());
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** True if the stored summaries were extracted with a table of this fingerprint. */
  boolean extractedWith(byte[] tableFingerprint) {
    return fingerprint != null && Arrays.equals(fingerprint, tableFingerprint);
  }

  /**
   * What changed between the table the stored summaries were extracted with and {@code table}: {@link
   * DeclarationChange#NONE} for the same table, {@link DeclarationChange#ALL} when there is no stored
   * fingerprint, the class path or JDK changed, or a stored declaration cannot be read.
   */
  DeclarationChange changeTo(DeclarationTable newTable, ClasspathTypes classpath) {
    if (extractedWith(newTable.fingerprint())) {
      return DeclarationChange.NONE;
    }
    if (fingerprint == null || !Arrays.equals(externalFingerprint, newTable.externalFingerprint())) {
      return DeclarationChange.ALL;
    }
    if (table != null) {
      return DeclarationChange.between(table, newTable);
    }
    List<FileDeclarations> before = new java.util.ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      try {
        before.add(FileDeclarations.decode(e.declarations()));
      } catch (IOException ex) {
        return DeclarationChange.ALL;
      }
    }
    DeclarationTable old = DeclarationTable.of(before, classpath);
    if (!Arrays.equals(old.fingerprint(), fingerprint)) {
      return DeclarationChange.ALL; // the stored declarations are not those of the stored fingerprint
    }
    return DeclarationChange.between(old, newTable);
  }

  /**
   * The files whose stored summaries were not extracted with this state's fingerprint (an interrupted build did
   * not reach them): extract them again, whatever the table.
   */
  Set<String> pending() {
    return pending;
  }

  /** True if this state has a fingerprint, nothing pending, and holds exactly {@code files}' paths with these source hashes. */
  boolean holds(Map<String, Entry> files) {
    if (fingerprint == null || !pending.isEmpty() || files.size() != entries.size()) {
      return false;
    }
    for (Map.Entry<String, Entry> e : files.entrySet()) {
      Entry mine = entries.get(e.getKey());
      if (mine == null || !Arrays.equals(mine.sha256(), e.getValue().sha256())) {
        return false;
      }
    }
    return true;
  }

  /** The declarations cache for {@link DeclarationScan}. */
  DeclarationScan.Cache cache() {
    return new DeclarationScan.Cache() {
      @Override
      public FileDeclarations lookup(String path, byte[] sha) {
        Entry e = entries.get(path);
        if (e == null || !Arrays.equals(e.sha256(), sha)) {
          return null;
        }
        if (decoded != null && decoded.containsKey(path)) {
          return decoded.get(path);
        }
        try {
          return FileDeclarations.decode(e.declarations());
        } catch (IOException ex) {
          return null;
        }
      }

      @Override
      public boolean mayHave(String path, byte[] sha) {
        Entry e = entries.get(path);
        return e != null && Arrays.equals(e.sha256(), sha);
      }
    };
  }

  /** Forgets the fingerprint (keeps the declarations), durably, before summaries are extracted with another table. */
  void invalidate(Path store) throws IOException {
    write(store, null, externalFingerprint, entries, pending);
  }

  /**
   * Stores {@code fingerprint}, the declarations of {@code files} (path → its SHA-256 and declarations), and the
   * paths whose stored summaries were not extracted with {@code fingerprint}.
   */
  static void write(Path store, byte[] fingerprint, byte[] externalFingerprint, Map<String, Entry> files,
      Set<String> pending) throws IOException {
    Path file = store.resolve(FILE);
    SafeFiles.checkFileIfPresent(file);
    Path tmp = Files.createTempFile(store.resolve("tmp"), FILE + "-", ".tmp"); // a new file: links cannot redirect it
    try (OutputStream raw = Files.newOutputStream(tmp);
         DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      out.write(MAGIC);
      out.write(fingerprint == null ? new byte[32] : fingerprint);
      out.write(externalFingerprint);
      List<String> paths = files.keySet().stream().sorted().toList();
      out.writeInt(paths.size());
      for (String p : paths) {
        Entry e = files.get(p);
        out.writeUTF(p);
        out.write(e.sha256());
        out.writeInt(e.declarations().length);
        out.write(e.declarations());
      }
      List<String> pendingPaths = pending.stream().sorted().toList();
      out.writeInt(pendingPaths.size());
      for (String p : pendingPaths) {
        out.writeUTF(p);
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileSync.forceDirectory(store);
  }
}
