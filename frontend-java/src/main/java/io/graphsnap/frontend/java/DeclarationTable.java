package io.graphsnap.frontend.java;

import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import io.graphsnap.frontend.java.internal.TreeTypes;
import java.util.Collection;
import java.util.HexFormat;

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
  private final TreeTypes types;

  private DeclarationTable(TreeTypes types) {
    this.types = types;
  }

  /** The table of {@code files}, with {@code classpath} (or {@link ClasspathTypes#EMPTY}) and the running JDK behind it. */
  public static DeclarationTable of(Collection<FileDeclarations> files, ClasspathTypes classpath) {
    return new DeclarationTable(TreeTypes.of(files, classpath == null ? ClasspathTypes.EMPTY : classpath));
  }

  /** SHA-256 of everything the table holds; equal fingerprints give equal summaries for equal files. */
  public byte[] fingerprint() {
    return types.fingerprint();
  }

  /** {@link #fingerprint()} in lower-case hex. */
  public String fingerprintHex() {
    return HexFormat.of().formatHex(types.fingerprint());
  }

  /** The number of named types the tree declares. */
  public int typeCount() {
    return types.size();
  }

  TreeTypes types() {
    return types;
  }
}
