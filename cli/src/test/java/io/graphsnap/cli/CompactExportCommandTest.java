package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;

/** Every test of {@link ExportCommandTest} on a store whose snapshot has the compact adjacency. */
class CompactExportCommandTest extends ExportCommandTest {
  @Override
  @BeforeEach
  void ingestAndSnapshot() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store).exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet", "--format", "compact")
        .exitCode());
    assertEquals("compact", CompactFormatCommandTest.adjacency(store));
  }
}
