package io.graphsnap.cli;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap sections}: where a snapshot's bytes go, each section's length from the file's section table
 * in file order, then {@value #HEADER_AND_PADDING} for the header, the table and the alignment padding; the rows
 * add up to the file's size. {@code --json} prints {@code [{"section", "bytes"}]}.
 *
 * <p>O(sections): maps the snapshot's file again and reads only its header (snapshot files are immutable, so it
 * is the same content the answer's snapshot maps).
 */
@Command(name = "sections", description = "Show how many bytes each section of the snapshot file takes.")
final class SectionsCommand implements Callable<Integer>, SnapshotAnswer {
  /** The row for the bytes outside every section. */
  static final String HEADER_AND_PADDING = "HEADER_AND_PADDING";

  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--json", description = "Print one JSON document: [{\"section\", \"bytes\"}].")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, rows, g) -> {
      for (Map<String, Object> row : rows) {
        TerminalText.printf(out, "%-20s %,14d%n", row.get("section"), (Long) row.get("bytes"));
      }
    });
  }

  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g) {
    try (SnapshotFile file = SnapshotFile.open(g.path())) {
      List<Map<String, Object>> rows = new ArrayList<>();
      long sum = 0;
      for (SectionEntry e : file.header().sections()) {
        rows.add(row(e.displayName(), e.length()));
        sum += e.length();
      }
      rows.add(row(HEADER_AND_PADDING, file.bytes().byteSize() - sum));
      return rows;
    } catch (NoSuchFileException e) {
      throw CliException.notFound("snapshot file " + g.path() + " is gone (a gc removed it?)");
    } catch (IOException | CorruptSnapshotException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read the section table of " + g.path() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> row(String section, long bytes) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("section", section);
    row.put("bytes", bytes);
    return row;
  }
}
