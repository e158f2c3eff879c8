package io.graphsnap.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.cli.CliException;
import io.graphsnap.cli.ExitCodes;
import io.graphsnap.cli.GraphsnapCommand;
import io.graphsnap.cli.serve.HeadFollower;
import io.graphsnap.cli.serve.LiveSnapshot;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graphsnap mcp [--store DIR]}: a Model Context Protocol server over standard input and output, for coding
 * agents. It offers the query commands as tools ({@link GraphTools}), answers them from the store's published
 * snapshot and follows {@code refs/HEAD} as {@code graphsnap serve} does (a {@link LiveSnapshot} and a
 * {@link HeadFollower}: a new build is answered from at once, calls in flight finish on theirs).
 *
 * <p>Standard output carries only protocol messages: the transport writes to the process's real standard output,
 * and {@link System#out} is pointed at standard error for as long as the server runs, so that nothing else can
 * write there; log lines go to standard error. It runs until standard input ends (the client closed it) and
 * exits 0.
 */
@Command(name = "mcp", description = "Serve the store to coding agents over the Model Context Protocol (JSON-RPC on "
    + "stdin/stdout): tools search, lookup, neighbors, reach, path, effects, dead, pagerank, diff, info. Follows "
    + "refs/HEAD like serve. Runs until stdin is closed; logs go to stderr.")
public final class McpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default: ${DEFAULT-VALUE}).")
  Path store = Path.of(".graphsnap");

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(store)) {
      throw CliException.badInput("no store at " + store + " (run 'graphsnap build' first, or pass --store DIR)");
    }
    Consumer<String> log = line -> {
      synchronized (err) {
        err.println("graphsnap mcp: " + line.replaceAll("\\p{Cntrl}", "?"));
        err.flush();
      }
    };
    PrintStream realOut = System.out;
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    System.setOut(System.err); // nothing but the transport may write to stdout
    ObjectMapper mapper = new ObjectMapper();
    LineGate in;
    try {
      in = new LineGate(new FileInputStream(FileDescriptor.in), protocolOut, mapper, log);
    } catch (java.io.IOException e) {
      System.setOut(realOut);
      throw new CliException(ExitCodes.CORRUPT, "cannot set up standard input: " + e.getMessage(), e);
    }
    LiveSnapshot live = new LiveSnapshot();
    HeadFollower follower = new HeadFollower(store, live, 500, log);
    McpSyncServer server = null;
    ToolRunner runner = new ToolRunner(store, live);
    try {
      JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(mapper);
      server = McpServer.sync(new StdioServerTransportProvider(json, in.transportInput(), protocolOut))
          .serverInfo("graphsnap", GraphsnapCommand.class.getPackage().getImplementationVersion() == null ? "0.1.0"
              : GraphsnapCommand.class.getPackage().getImplementationVersion())
          .instructions(McpTools.INSTRUCTIONS)
          .jsonMapper(json)
          .requestTimeout(Duration.ofMinutes(5))
          .tools(McpTools.specifications(runner))
          .build();
      in.start();
      log.accept("serving " + store + " on stdin/stdout (" + (live.currentId() == null ? "no snapshot published yet"
          : "snapshot " + live.currentId()) + ")");
      in.awaitEnd();
      runner.awaitIdle(300, 60_000);
      log.accept("stdin closed; stopping");
      return ExitCodes.OK;
    } finally {
      if (server != null) {
        server.closeGracefully();
      }
      follower.close();
      live.close();
      System.setOut(realOut);
    }
  }
}
