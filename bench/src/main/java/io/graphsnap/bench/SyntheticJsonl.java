package io.graphsnap.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link SyntheticGraph} in the JSON Lines interchange of docs/DESIGN.md §4 (one file per line, the fields
 * {@code path}, {@code language}, {@code symbols} with {@code name}, {@code kind}, {@code effects} when present
 * and {@code lines}, and {@code edges} with {@code from}, {@code type}, {@code to}), so that
 * {@code graphsnap ingest} reads it. Stateless; O(graph) time, O(one file) memory.
 */
public final class SyntheticJsonl {
  private static final JsonFactory JSON = new JsonFactory();

  private SyntheticJsonl() {}

  /** The sizes {@link #write(SyntheticGraph, Path, Path)} produced. */
  public record Sizes(long jsonlBytes, long gzipBytes) {}

  /**
   * Writes the graph to {@code jsonl} and, in the same pass, its gzip (default level) to {@code gzip}; either
   * may be {@code null} to skip it. Files are replaced.
   */
  public static Sizes write(SyntheticGraph graph, Path jsonl, Path gzip) throws IOException {
    try (OutputStream plain = jsonl == null ? OutputStream.nullOutputStream()
            : new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16);
        OutputStream zipped = gzip == null ? OutputStream.nullOutputStream()
            : new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(gzip), 1 << 16), 1 << 16);
        OutputStream both = new Tee(plain, zipped)) {
      write(graph, both);
    }
    return new Sizes(jsonl == null ? 0 : Files.size(jsonl), gzip == null ? 0 : Files.size(gzip));
  }

  /**
   * Writes a synthetic graph's JSON Lines to a file or to standard output, so that a graph too large to keep as a
   * file can be piped into {@code graphsnap ingest -}:
   *
   * <pre>
   * java -cp bench/target/benchmarks.jar io.graphsnap.bench.SyntheticJsonl (--scale S | --files N) [--seed SEED] OUT.jsonl|-
   * java -cp bench/target/benchmarks.jar io.graphsnap.bench.SyntheticJsonl (--scale S | --files N) --shards K OUTDIR
   * </pre>
   *
   * <p>With {@code --shards K} the lines go to K files {@code OUTDIR/shard-000.jsonl} … in order (file {@code i} of
   * {@code n} into shard {@code i·K/n}), for {@code watch --jsonl OUTDIR}; their concatenation is the single file.
   */
  public static void main(String[] args) throws IOException {
    Scale scale = null;
    int files = 0;
    long seed = SyntheticGraph.DEFAULT_SEED;
    String out = null;
    int shards = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shards" -> shards = Integer.parseInt(args[++i]);
        case "--scale" -> scale = Scale.parse(args[++i]);
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          if (out != null || args[i].startsWith("--")) {
            throw new IllegalArgumentException("usage: SyntheticJsonl (--scale S | --files N) [--seed SEED] "
                + "[--shards K] OUT.jsonl|-|OUTDIR (unexpected " + args[i] + ")");
          }
          out = args[i];
        }
      }
    }
    if (out == null || (scale == null) == (files <= 0)) {
      throw new IllegalArgumentException("usage: SyntheticJsonl (--scale S | --files N) [--seed SEED] OUT.jsonl|-");
    }
    SyntheticGraph graph = scale != null ? SyntheticGraph.of(scale, seed) : SyntheticGraph.ofFiles(files, seed);
    if (shards > 0) {
      if (out.equals("-")) {
        throw new IllegalArgumentException("--shards writes a folder, not standard output");
      }
      writeShards(graph, Path.of(out), shards);
    } else if (out.equals("-")) {
      OutputStream stdout = new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
      write(graph, stdout);
      stdout.flush();
    } else {
      Path target = Path.of(out);
      Path temp = target.resolveSibling(target.getFileName() + ".tmp");
      write(graph, temp, null);
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Writes the graph as {@code shards} JSON Lines files {@code shard-NNN.jsonl} in {@code folder} (created if
   * missing), consecutive files in each; each written to a temporary name and renamed.
   */
  public static void writeShards(SyntheticGraph graph, Path folder, int shards) throws IOException {
    Files.createDirectories(folder);
    int n = graph.fileCount();
    int from = 0;
    for (int k = 0; k < shards; k++) {
      int to = (int) ((long) n * (k + 1) / shards);
      Path target = folder.resolve(String.format(java.util.Locale.ROOT, "shard-%03d.jsonl", k));
      Path temp = folder.resolve("." + target.getFileName() + ".tmp");
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        write(graph, from, to, file);
      }
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      from = to;
    }
  }

  /** Writes the graph as JSON Lines to {@code out}, which stays open. */
  public static void write(SyntheticGraph graph, OutputStream out) throws IOException {
    write(graph, 0, graph.fileCount(), out);
  }

  /** Writes the lines of files {@code [from, to)} to {@code out}, which stays open. */
  static void write(SyntheticGraph graph, int from, int to, OutputStream out) throws IOException {
    OutputStream unclosed = new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
    try (JsonGenerator g = JSON.createGenerator(unclosed, JsonEncoding.UTF8)) {
      g.setRootValueSeparator(null);
      for (int i = from; i < to; i++) {
        writeLine(g, graph.file(i));
        g.flush();
        unclosed.write('\n');
      }
    }
  }

  private static void writeLine(JsonGenerator g, FileSummary file) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", file.path());
    g.writeStringField("language", file.language());
    g.writeArrayFieldStart("symbols");
    List<SymbolSummary> symbols = file.symbols();
    for (SymbolSummary s : symbols) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("kind", s.kind());
      if (!s.effects().isEmpty()) {
        g.writeArrayFieldStart("effects");
        for (String e : s.effects()) {
          g.writeString(e);
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("lines");
      g.writeNumber(s.lineStart());
      g.writeNumber(s.lineEnd());
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("edges");
    for (EdgeSummary e : file.edges()) {
      g.writeStartObject();
      g.writeStringField("from", symbols.get(e.source()).name());
      g.writeStringField("type", e.type());
      g.writeStringField("to", e.target());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes every byte to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
