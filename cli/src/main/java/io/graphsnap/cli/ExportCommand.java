package io.graphsnap.cli;

import io.graphsnap.export.ExportFormat;
import io.graphsnap.export.ExportListener;
import io.graphsnap.export.ExportResult;
import io.graphsnap.export.Neighbourhood;
import io.graphsnap.export.Subgraph;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap export --format parquet|tsv|graphml|dot OUTDIR [--around NAME --depth D] [--type T,...]}:
 * writes the snapshot (or one symbol's neighbourhood) for Spark, DuckDB, NetworkX, igraph, Gephi or Graphviz.
 */
@Command(name = "export",
    description = {
      "Write the snapshot for other tools: parquet (nodes.parquet, edges.parquet; Spark, DuckDB),"
          + " tsv (nodes.tsv, edges.tsv; NetworkX, igraph, pandas), graphml (graph.graphml; Gephi, NetworkX),"
          + " dot (graph.dot; Graphviz, needs --around).",
      "With --around NAME only the nodes within --depth hops of NAME are written, with the edges between them."})
final class ExportCommand implements Callable<Integer> {
  /** Default node limit of a neighbourhood. */
  static final int DEFAULT_MAX_NODES = 10_000;

  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "parquet, tsv, graphml or dot.")
  String format;

  @Parameters(paramLabel = "OUTDIR", description = "Directory to write into (created if missing; files of the same name are "
      + "replaced), or - for stdout with the single-file formats graphml and dot.")
  Path directory;

  @Option(names = "--around", paramLabel = "NAME", description = "Only the neighbourhood of this symbol.")
  String around;

  @Option(names = "--depth", paramLabel = "D", defaultValue = "2",
      description = "Hops from --around (default: ${DEFAULT-VALUE}).")
  int depth;

  @ArgGroup(exclusive = true)
  DirectionChoice direction;

  static final class DirectionChoice {
    @Option(names = "--forward", description = "Neighbourhood over out-edges only (what NAME uses).")
    boolean forward;

    @Option(names = "--reverse", description = "Neighbourhood over in-edges only (what uses NAME).")
    boolean reverse;
  }

  @Option(names = "--type", split = ",", paramLabel = "T",
      description = "Only edges of these types (comma-separated; default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_NODES,
      description = "Node limit of a neighbourhood (default: ${DEFAULT-VALUE}); nearer nodes are kept first.")
  int maxNodes;

  @Option(names = "--json", description = "Print one JSON document describing what was written.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ExportFormat f;
    try {
      f = ExportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    if (around == null && f == ExportFormat.DOT) {
      throw CliException.badInput("--format dot needs --around NAME (a whole graph in DOT is unreadable;"
          + " use --format graphml for Gephi)");
    }
    if (around == null && (depth != 2 || direction != null)) {
      throw CliException.badInput("--depth, --forward and --reverse apply to --around NAME only");
    }
    if (depth < 0 || maxNodes < 1) {
      throw CliException.badInput("--depth must be >= 0 and --max-nodes >= 1: actual depth=" + depth
          + ", max-nodes=" + maxNodes);
    }
    boolean toStdout = directory.toString().equals("-");
    if (toStdout && (f == ExportFormat.TSV || f == ExportFormat.PARQUET)) {
      throw CliException.badInput("--format " + format + " writes two files (nodes and edges): give a directory; '-' (stdout) "
          + "is for the single-file formats graphml and dot");
    }
    if (toStdout && json) {
      throw CliException.badInput("'-' writes the graph to stdout, which leaves no room for --json");
    }
    if (!toStdout && Files.exists(directory) && !Files.isDirectory(directory)) {
      throw CliException.badInput("OUTDIR must be a directory, and " + directory + " is " + (Files.isRegularFile(directory) ? "a file" : InputFiles.kind(directory))
          + (f == ExportFormat.GRAPHML || f == ExportFormat.DOT ? " (use - to write to stdout)" : ""));
    }
    long start = System.nanoTime();
    try (GraphSnapshot g = snapshot.open()) {
      Subgraph s = select(g);
      if (toStdout) {
        return exportToStdout(f, g, s);
      }
      createDirectory();
      if (s.truncated() && !root.quiet()) {
        root.err().println("graphsnap: the neighbourhood of " + TerminalText.escape(around) + " was cut at " + maxNodes
            + " nodes (raise --max-nodes or lower --depth)");
        root.err().flush();
      }
      Progress progress = root.progress();
      ExportListener listener = (phase, done, total) -> progress.update("export " + phase, done, total);
      ExportResult result;
      try {
        result = f.exporter().export(g, s, directory, listener);
      } finally {
        progress.done();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report(f, s, result, seconds);
      return ExitCodes.OK;
    }
  }

  /** Writes the one file of {@code f} into a temporary folder, copies it to stdout, deletes the folder. */
  private int exportToStdout(ExportFormat f, GraphSnapshot g, Subgraph s) throws IOException {
    Path temp = Files.createTempDirectory("graphsnap-export");
    try {
      ExportResult result = f.exporter().export(g, s, temp, ExportListener.NONE);
      for (Path file : result.files()) {
        try (java.io.Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
          in.transferTo(root.out());
        }
      }
      root.out().flush();
      return ExitCodes.OK;
    } finally {
      try (var files = Files.list(temp)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(temp);
    }
  }

  /** Creates OUTDIR; exit 2 when it is a file, or cannot be created, before anything is written. */
  private void createDirectory() {
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw CliException.badInput("OUTDIR must be a directory, and " + e.getFile() + " is a file");
    } catch (IOException e) {
      String why = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : GraphsnapCommand.message(e);
      throw new CliException(ExitCodes.BAD_INPUT, "cannot create the output directory " + directory + ": " + why, e);
    }
  }

  static String size(long bytes) {
    if (bytes < 10_000) {
      return String.format("%,d bytes", bytes);
    }
    return bytes < 10_000_000 ? String.format("%,.1f kB", bytes / 1e3) : String.format("%,.1f MB", bytes / 1e6);
  }

  private Subgraph select(GraphSnapshot g) {
    try {
      if (around == null) {
        return Subgraph.whole(g, types);
      }
      int centre = GraphArgs.node(g, around);
      Neighbourhood d = direction == null ? Neighbourhood.BOTH
          : direction.forward ? Neighbourhood.FORWARD : Neighbourhood.REVERSE;
      return Subgraph.around(g, centre, depth, d, types, maxNodes);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  private void report(ExportFormat f, Subgraph s, ExportResult result, double seconds) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("format", f.name().toLowerCase(java.util.Locale.ROOT));
      doc.put("directory", directory.toAbsolutePath().normalize().toString());
      doc.put("files", result.files().stream().map(p -> p.getFileName().toString()).toList());
      doc.put("nodes", result.nodes());
      doc.put("edges", result.edges());
      doc.put("bytes", result.bytes());
      doc.put("truncated", s.truncated());
      Json.print(root.out(), doc);
      return;
    }
    TerminalText.printf(root.out(), "wrote %,d nodes and %,d edges to %s (%s; %s) in %.1f s%n", result.nodes(), result.edges(),
        directory, String.join(", ", result.files().stream().map(p -> p.getFileName().toString()).toList()),
        size(result.bytes()), seconds);
    root.out().flush();
  }
}
