package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import java.util.List;

/** The name-heavy graph of {@code internal.NameRunsTest}, for tests of this package. */
final class NamesFixture {
  private NamesFixture() {}

  /** 120 files: shared prefixes, non-ASCII, a 4090-byte name, externals, merged namespaces, conflicts. */
  static List<FileSummary> files() {
    return io.graphsnap.builder.internal.NameRunsTest.files(9, 120);
  }
}
