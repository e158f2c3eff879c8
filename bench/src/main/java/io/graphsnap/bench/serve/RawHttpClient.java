package io.graphsnap.bench.serve;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses (status, {@code Content-Length}
 * body), with as little client-side work as possible so that the server's cost dominates what is measured.
 * Not thread-safe: one per client thread.
 */
final class RawHttpClient implements AutoCloseable {
  private final String host;
  private final int port;
  private final String authorization;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] body = new byte[1 << 16];
  private int bodyLength;

  RawHttpClient(URI base, String token) {
    this.host = base.getHost();
    this.port = base.getPort();
    this.authorization = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
  }

  /** Sends {@code GET pathAndQuery} and returns the status; the body is in {@link #body()}. Reconnects if needed. */
  int get(String pathAndQuery) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      return exchange(pathAndQuery);
    } catch (IOException e) { // the server closed an idle connection: once more on a new one
      close();
      connect();
      return exchange(pathAndQuery);
    }
  }

  String body() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    out = socket.getOutputStream();
  }

  private int exchange(String pathAndQuery) throws IOException {
    out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n" + authorization + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String h = line(); !h.isEmpty(); h = line()) {
      if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length in the response to " + pathAndQuery);
    }
    if (length > body.length) {
      body = new byte[Math.max(length, 2 * body.length)];
    }
    int n = in.readNBytes(body, 0, length);
    if (n < length) {
      throw new EOFException("response body cut short");
    }
    bodyLength = length;
    return code;
  }

  private final StringBuilder lineBuffer = new StringBuilder();

  private String line() throws IOException {
    lineBuffer.setLength(0);
    for (int c = in.read(); ; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c == '\n') {
        int len = lineBuffer.length();
        if (len > 0 && lineBuffer.charAt(len - 1) == '\r') {
          lineBuffer.setLength(len - 1);
        }
        return lineBuffer.toString();
      }
      lineBuffer.append((char) c);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
      socket = null;
    }
  }
}
