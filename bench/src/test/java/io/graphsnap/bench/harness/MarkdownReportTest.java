package io.graphsnap.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {
  @Test
  void readsHandWrittenReasonsSkippingCommentsAndShortLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("medium" + MarkdownReport.REASONS);
    Files.writeString(file, """
        # measure<TAB>peer<TAB>reason
        Snapshot vs SQLite file\tsqlite\tCSR ids take 8 B per edge: measured in the section table.
        a line without tabs

        Lookup by name, hit\tsqlite\tsee the JFR profile\twith a tab inside
        """);
    Map<String, String> reasons = MarkdownReport.reasons(file);
    assertEquals(2, reasons.size());
    assertEquals("CSR ids take 8 B per edge: measured in the section table.",
        reasons.get("Snapshot vs SQLite file\tsqlite"));
    assertEquals("see the JFR profile\twith a tab inside", reasons.get("Lookup by name, hit\tsqlite"));
    assertTrue(MarkdownReport.reasons(dir.resolve("absent.tsv")).isEmpty());
  }
}
