package io.graphsnap.frontend.java;

import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.frontend.java.internal.TreeTypes;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * What a whole source tree declares (every file's {@link FileDeclarations}), with the running JDK's modules
 * and a class path behind it: the table that the second pass resolves each file against, so that types,
 * methods, fields and member types of other files, of the JDK and of libraries get their real names.
 *
 * <p>Life cycle: collect each file's declarations ({@link JavaExtractor#declarations}, or
 * {@link DeclarationScan} for a whole tree) → {@link #of} → hand the table to
 * {@link ParallelExtraction#declarations} or {@link JavaExtractor#extract(String, byte[], DeclarationTable)}.
 *
 * <p>A file's summary depends on its bytes, its path and this table; the {@link #fingerprint()} covers all of
 * the table (each file's declarations, the class path's class files, the JDK's version), so a stored summary
 * may be reused as long as both its source hash and the fingerprint are unchanged. Immutable and thread-safe.
 */
public final class DeclarationTable {
  private final List<FileDeclarations> files;
  private final ClasspathTypes classpath;
  private final byte[] fingerprint;
  private volatile TreeTypes types;

  private DeclarationTable(List<FileDeclarations> files, ClasspathTypes classpath) {
    this.files = files;
    this.classpath = classpath;
    this.fingerprint = TreeTypes.fingerprint(files, classpath);
  }

  /**
   * The table of {@code files}, with {@code classpath} (or {@link ClasspathTypes#EMPTY}) and the running JDK behind
   * it. Only the fingerprint is computed here (O(declaration bytes)); the table itself is built when first used,
   * so a build that finds nothing to extract never builds it.
   */
  public static DeclarationTable of(Collection<FileDeclarations> files, ClasspathTypes classpath) {
    return new DeclarationTable(List.copyOf(files), classpath == null ? ClasspathTypes.EMPTY : classpath);
  }

  /** SHA-256 of everything the table holds; equal fingerprints give equal summaries for equal files. */
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  /** {@link #fingerprint()} in lower-case hex. */
  public String fingerprintHex() {
    return HexFormat.of().formatHex(fingerprint);
  }

  /**
   * SHA-256 of what the table holds besides the tree's own declarations (the class path, the JDK's version, the
   * resolution rules' version): when it is unchanged, only declarations of the tree can have changed.
   */
  public byte[] externalFingerprint() {
    return TreeTypes.externalFingerprint(classpath);
  }

  /** The declarations the table is made of, in path order. */
  public List<FileDeclarations> files() {
    return files;
  }

  /** The number of named types the tree declares (distinct names; does not build the table). */
  public int typeCount() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (FileDeclarations f : files) {
      f.typeNames(names);
    }
    return names.size();
  }

  TreeTypes types() {
    TreeTypes t = types;
    if (t == null) {
      synchronized (this) {
        t = types;
        if (t == null) {
          t = TreeTypes.of(files, classpath);
          types = t;
        }
      }
    }
    return t;
  }
}
