package io.graphsnap.cli.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Stands between standard input and the MCP transport: reads newline-delimited messages, passes on each line
 * that is a JSON object or array, and answers every other line itself with a JSON-RPC parse error
 * ({@code -32700}, id null) instead of letting it end the session. A line longer than {@value #MAX_LINE} bytes is
 * dropped as it is read (never held whole) and answered the same way. When standard input ends, the transport's
 * input ends too and {@link #awaitEnd} returns.
 *
 * <p>One daemon thread reads; error replies are written under the output stream's monitor, the lock the SDK's
 * stdio transport takes for its own writes, so that lines never interleave.
 */
final class LineGate {
  /** Longest message accepted, in bytes. */
  static final int MAX_LINE = 16 << 20;

  private final InputStream stdin;
  private final OutputStream protocolOut;
  private final ObjectMapper mapper;
  private final Consumer<String> log;
  private final Pipe pipe;
  private final OutputStream toTransport;
  private final CountDownLatch ended = new CountDownLatch(1);

  LineGate(InputStream stdin, OutputStream protocolOut, ObjectMapper mapper, Consumer<String> log) throws IOException {
    this.stdin = stdin;
    this.protocolOut = protocolOut;
    this.mapper = mapper;
    this.log = log;
    this.pipe = Pipe.open();
    this.toTransport = Channels.newOutputStream(pipe.sink());
  }

  /** What the transport reads: the well-formed lines. */
  InputStream transportInput() {
    return Channels.newInputStream(pipe.source());
  }

  /** Starts reading standard input on a daemon thread. */
  void start() {
    Thread.ofPlatform().daemon().name("graphsnap-mcp-stdin").start(this::run);
  }

  /** Waits until standard input has ended. */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  private void run() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    boolean tooLong = false;
    try {
      for (int n = stdin.read(buffer); n >= 0; n = stdin.read(buffer)) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          if (!tooLong) {
            line.write(buffer, start, i - start);
            pass(line.toByteArray());
          } else {
            reject("message longer than " + MAX_LINE + " bytes");
          }
          line.reset();
          tooLong = false;
          start = i + 1;
        }
        if (!tooLong) {
          if (line.size() + (n - start) > MAX_LINE) {
            tooLong = true;
            line.reset();
          } else {
            line.write(buffer, start, n - start);
          }
        }
      }
      if (tooLong) {
        reject("message longer than " + MAX_LINE + " bytes");
      } else if (line.size() > 0) {
        pass(line.toByteArray());
      }
    } catch (IOException e) {
      log.accept("cannot read stdin: " + e.getMessage());
    } finally {
      try {
        toTransport.close();
      } catch (IOException ignored) {
        // the transport has gone
      }
      ended.countDown();
    }
  }

  private void pass(byte[] message) throws IOException {
    int end = message.length;
    if (end > 0 && message[end - 1] == '\r') {
      end--;
    }
    if (new String(message, 0, end, StandardCharsets.UTF_8).isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = mapper.readTree(message, 0, end);
    } catch (JsonProcessingException e) {
      reject("not JSON: " + e.getOriginalMessage());
      return;
    } catch (IOException e) {
      reject("not JSON: " + e.getMessage());
      return;
    }
    if (node == null || !(node.isObject() || node.isArray())) {
      reject("a message must be a JSON object");
      return;
    }
    toTransport.write(message, 0, end);
    toTransport.write('\n');
    toTransport.flush();
  }

  private void reject(String why) throws IOException {
    log.accept("rejected a message: " + why);
    String reply = mapper.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "id", "null",
        "error", java.util.Map.of("code", -32700, "message", "Parse error: " + why)));
    reply = reply.replace("\"id\":\"null\"", "\"id\":null");
    synchronized (protocolOut) {
      protocolOut.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
      protocolOut.flush();
    }
  }
}
