package io.graphsnap.bench.harness;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.SectionId;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Every {@link SectionId} has a format class (which loads: this module sees the format and bloom modules) and an
 * entry in the size report. The switches behind both are exhaustive, so a new section does not compile without
 * them; this test checks that what they name exists.
 */
class SnapshotSectionsTest {
  @Test
  void everySectionHasAFormatClassAndASizeReportEntry() {
    for (SectionId id : SectionId.values()) {
      Class<?> format = assertDoesNotThrow(() -> Class.forName(id.formatClassName()), id + " format class");
      assertTrue(format.getSimpleName().endsWith("Format"), id + ": " + format);
      assertTrue(Modifier.isFinal(format.getModifiers()) && Modifier.isPublic(format.getModifiers()), id + ": " + format);
      assertFalse(SnapshotSections.describe(id).isBlank(), id + " size-report entry");
      assertFalse(SnapshotSections.describe(id.name()).isBlank(), id + " size-report entry by name");
    }
    assertFalse(SnapshotSections.describe(SnapshotSections.HEADER_AND_PADDING).isBlank());
  }
}
