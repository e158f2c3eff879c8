package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;

/** Every test of {@link QueryCommandTest} on a store whose snapshot has the compact adjacency. */
class CompactQueryCommandTest extends QueryCommandTest {
  @Override
  @BeforeEach
  void shop() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", EXAMPLE.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet", "--format", "compact")
        .exitCode());
    assertEquals("compact", CompactFormatCommandTest.adjacency(store));
  }
}
