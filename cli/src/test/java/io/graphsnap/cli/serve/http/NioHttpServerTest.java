package io.graphsnap.cli.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer of {@code serve} on its own, through raw sockets: keep-alive, limits, timeouts, bad input. */
class NioHttpServerTest {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger handled = new AtomicInteger();

  /** /echo → "PATH?QUERY"; /later?ms=N → answered on the pool after N ms; /big?mb=N → N MiB; /boom → throws. */
  private HttpAnswer handle(HttpRequest r) {
    handled.incrementAndGet();
    String q = r.rawQuery() == null ? "" : r.rawQuery();
    return switch (r.rawPath()) {
      case "/later" -> HttpAnswer.later(() -> {
        try {
          Thread.sleep(Long.parseLong(q.substring(3)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return text("later " + q);
      });
      case "/big" -> new HttpResponse(200, new byte[Integer.parseInt(q.substring(3)) << 20]);
      case "/kb" -> new HttpResponse(200, pattern(Integer.parseInt(q.substring(2)) << 10, q), BLOCK);
      case "/boom" -> throw new IllegalStateException("boom");
      default -> text(r.method() + " " + r.rawPath() + "?" + q);
    };
  }

  private static final HttpResponse.HeaderBlock BLOCK = HttpResponse.HeaderBlock.of("Content-Type", "text/plain",
      "X-Block", "yes");

  /** {@code n} bytes of a text that differs for each {@code seed}, so that a misplaced byte shows. */
  private static byte[] pattern(int n, String seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + (i * 31 + seed.hashCode()) % 26);
    }
    return b;
  }

  private static HttpResponse text(String s) {
    return new HttpResponse(200, s.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
  }

  private NioHttpServer start(HttpLimits limits) throws IOException {
    NioHttpServer s = NioHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128, 2, limits,
        this::handle, pool, line -> { }, "test-http");
    opened.add(s);
    return s;
  }

  private RawClient connect(NioHttpServer s) throws IOException {
    RawClient c = new RawClient(s.port());
    opened.add(c);
    return c;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    pool.shutdownNow();
  }

  @Test
  void oneConnectionServesManyRequests() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    for (int i = 0; i < 200; i++) {
      RawClient.Reply r = c.get("/echo?i=" + i);
      assertEquals(200, r.status());
      assertEquals("GET /echo?i=" + i, r.body());
      assertEquals(null, r.header("Connection"));
      assertTrue(r.header("Date").endsWith(" GMT"), r.headers().toString());
    }
    RawClient.Reply later = c.get("/later?ms=20");
    assertEquals("later ms=20", later.body());
    assertEquals("GET /echo?i=x", c.get("/echo?i=x").body());
    assertEquals(1, s.openConnections());
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    StringBuilder all = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i % 7 == 3) {
        all.append("GET /later?ms=").append(30 - i).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
        expected.add("later ms=" + (30 - i));
      } else {
        all.append("GET /echo?n=").append(i).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
        expected.add("GET /echo?n=" + i);
      }
    }
    c.send(all.toString()); // one write: the server finds them all in its buffer
    for (String e : expected) {
      assertEquals(e, c.read().body());
    }
    assertEquals("GET /echo?n=last", c.get("/echo?n=last").body());
  }

  @Test
  void responsesThatOnlyPartlyFitTheSocketArriveWhole() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    StringBuilder all = new StringBuilder();
    int[] round = {60, 1, 63, 2, 64, 0, 33, 17, 500, 48}; // KiB: in the loop's direct buffer, and one beyond it
    int[] sizes = new int[8 * round.length]; // 6 MiB in all: more than the socket buffers hold
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = round[i % round.length];
    }
    for (int kb : sizes) {
      all.append("GET /kb?n=").append(kb).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
    }
    c.send(all.toString());
    Thread.sleep(200); // the server fills the socket and waits to write the rest
    for (int kb : sizes) {
      RawClient.Reply r = c.read();
      assertEquals(200, r.status());
      assertEquals("yes", r.header("X-Block"));
      assertEquals(new String(pattern(kb << 10, "n=" + kb), StandardCharsets.ISO_8859_1), r.body(), "body of " + kb + " KiB");
    }
    assertEquals("GET /echo?after", c.get("/echo?after").body());
  }

  @Test
  void aHeaderBlockIsSentAsItsHeadersWouldBe() {
    HttpResponse.HeaderBlock block = HttpResponse.HeaderBlock.of("A", "1", "B-Name", "two words").plus("C", "3");
    HttpResponse withBlock = new HttpResponse(200, "body".getBytes(StandardCharsets.UTF_8), block).header("D", "4");
    HttpResponse plain = new HttpResponse(200, "body".getBytes(StandardCharsets.UTF_8))
        .header("A", "1").header("B-Name", "two words").header("C", "3").header("D", "4");
    for (boolean keep : new boolean[] {true, false}) {
      for (boolean head : new boolean[] {true, false}) {
        byte[] expected = plain.encode(keep, true, head, "Thu, 03 Dec 2026 17:00:00 GMT");
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(withBlock.encode(keep, true, head,
            "Thu, 03 Dec 2026 17:00:00 GMT"), StandardCharsets.ISO_8859_1));
        assertEquals(expected.length, withBlock.encodedLength(keep, true, head, "Thu, 03 Dec 2026 17:00:00 GMT"));
      }
    }
    assertEquals("two words", withBlock.header("b-name"));
    assertEquals("4", withBlock.header("D"));
    assertThrows(IllegalArgumentException.class, () -> HttpResponse.HeaderBlock.of("X", "a\r\nInjected: 1"));
    assertEquals("HTTP/1.1 200 OK\r\nA: 1\r\nB-Name: two words\r\nC: 3\r\nD: 4\r\nContent-Length: 4\r\n"
        + "Date: Thu, 03 Dec 2026 17:00:00 GMT\r\n\r\nbody", new String(withBlock.encode(true, false, false,
        "Thu, 03 Dec 2026 17:00:00 GMT"), StandardCharsets.ISO_8859_1));
  }

  @Test
  void headGetsTheHeadOnly() throws IOException {
    RawClient c = connect(start(HttpLimits.defaults()));
    c.send("HEAD /echo?x HTTP/1.1\r\nHost: t\r\n\r\n");
    RawClient.Reply r = c.read(true);
    assertEquals(200, r.status());
    assertEquals(String.valueOf("HEAD /echo?x".length()), r.header("Content-Length"));
    assertEquals("GET /echo?y", c.get("/echo?y").body()); // no stray body bytes before the next response
  }

  @Test
  void oversizedRequestLineIs414AndClosed() throws IOException {
    HttpLimits limits = HttpLimits.defaults();
    RawClient c = connect(start(limits));
    c.send("GET /echo?" + "x".repeat(limits.maxRequestLine()) + " HTTP/1.1\r\n\r\n");
    RawClient.Reply r = c.read();
    assertEquals(414, r.status());
    assertEquals("close", r.header("Connection"));
    assertTrue(r.body().startsWith("{\"error\":\"request line longer than"), r.body());
    assertTrue(c.closedWithin(3_000));
  }

  @Test
  void oversizedHeadOrTooManyHeadersIs431AndClosed() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient big = connect(s);
    big.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n");
    assertEquals(431, big.read().status());
    assertTrue(big.closedWithin(3_000));

    RawClient many = connect(s);
    StringBuilder head = new StringBuilder("GET /echo HTTP/1.1\r\n");
    for (int i = 0; i < 65; i++) {
      head.append("X-H").append(i).append(": v\r\n");
    }
    many.send(head.append("\r\n").toString());
    RawClient.Reply r = many.read();
    assertEquals(431, r.status());
    assertTrue(r.body().contains("more than 64 request headers"), r.body());
    assertTrue(many.closedWithin(3_000));
  }

  @Test
  void oversizedBodyIs413AndClosedButASmallBodyIsSkipped() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
    assertEquals("POST /echo?", c.read().body());
    assertEquals("GET /echo?after", c.get("/echo?after").body()); // the body was not taken for a request

    RawClient big = connect(s);
    big.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n" + "z".repeat(1000));
    RawClient.Reply r = big.read();
    assertEquals(413, r.status());
    assertEquals("close", r.header("Connection"));
    assertTrue(big.closedWithin(3_000));

    RawClient chunked = connect(s);
    chunked.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertEquals(501, chunked.read().status());
    assertTrue(chunked.closedWithin(3_000));
  }

  @Test
  void malformedRequestsAre400AndClosed() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    List<String> bad = List.of(
        "GARBAGE\r\n\r\n",
        "GET /echo\r\n\r\n",
        "GET echo HTTP/1.1\r\n\r\n",
        "GET /echo HTTP/1.1 extra\r\n\r\n",
        "GET  /echo HTTP/1.1\r\n\r\n",
        "GET /echo HTTQ/1.1\r\n\r\n",
        "GET /echo HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET /echo HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
        "GET /echo HTTP/1.1\r\nBad Name: 1\r\n\r\n",
        "GET /echo HTTP/1.1\r\nX-A: a\u0001b\r\n\r\n",
        "GET /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "GET /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "G\u00c9T /echo HTTP/1.1\r\n\r\n",
        "GET /e\u00e9cho HTTP/1.1\r\n\r\n");
    for (String request : bad) {
      RawClient c = connect(s);
      c.send(request);
      RawClient.Reply r = c.read();
      assertEquals(400, r.status(), request + " → " + r.body());
      assertTrue(r.body().startsWith("{\"error\":"), r.body());
      assertTrue(c.closedWithin(3_000), request);
    }
    RawClient v2 = connect(s);
    v2.send("GET /echo HTTP/2.0\r\n\r\n");
    assertEquals(505, v2.read().status());

    // another protocol (a TLS ClientHello starts 0x16 0x03): refused at the first byte, not after a timeout
    RawClient tls = connect(s);
    tls.send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
    assertEquals(400, tls.read().status());
    assertTrue(tls.closedWithin(3_000));
    assertEquals(0, handled.get(), "no malformed request reaches the handler");
  }

  @Test
  void aSlowClientGets408AndIsClosed() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults().withTimeouts(400, 30_000, 60_000));
    RawClient c = connect(s);
    long t0 = System.nanoTime();
    c.send("GET /echo HTTP/1.1\r\n");
    for (int i = 0; i < 20; i++) { // one header byte every 50 ms does not keep it alive
      Thread.sleep(50);
      try {
        c.send("X");
      } catch (IOException closed) {
        break;
      }
    }
    RawClient.Reply r = c.read();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(408, r.status());
    assertTrue(ms >= 350 && ms < 3_000, ms + " ms");
    assertTrue(c.closedWithin(3_000));
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTime() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults().withTimeouts(10_000, 300, 60_000));
    RawClient c = connect(s);
    assertEquals(200, c.get("/echo").status());
    long t0 = System.nanoTime();
    assertTrue(c.closedWithin(3_000));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 200, ms + " ms");
    waitFor(() -> s.openConnections() == 0);
  }

  @Test
  void aClientThatDoesNotReadIsClosedAfterTheWriteTime() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults().withTimeouts(10_000, 30_000, 300));
    RawClient c = connect(s);
    c.socket.setReceiveBufferSize(4096);
    c.send("GET /big?mb=16 HTTP/1.1\r\nHost: t\r\n\r\n"); // never read: the server's writes stall
    waitFor(() -> s.openConnections() == 0);
  }

  @Test
  void aHalfClosedConnectionIsAnsweredThenClosed() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    c.send("GET /echo?a HTTP/1.1\r\nHost: t\r\n\r\nGET /later?ms=30 HTTP/1.1\r\nHost: t\r\n\r\n");
    c.socket.shutdownOutput();
    assertEquals("GET /echo?a", c.read().body());
    assertEquals("later ms=30", c.read().body()); // answered although the client's side was shut before it
    assertTrue(c.closedWithin(3_000));

    RawClient partial = connect(s); // half a request, then shut: closed without an answer
    partial.send("GET /echo HTTP/1.1\r\nHost:");
    partial.socket.shutdownOutput();
    assertTrue(partial.closedWithin(3_000));
  }

  @Test
  void http10ClosesUnlessAskedToKeepAlive() throws IOException {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    c.send("GET /echo?a HTTP/1.0\r\n\r\n");
    RawClient.Reply r = c.read();
    assertEquals("close", r.header("Connection"));
    assertTrue(c.closedWithin(3_000));

    RawClient k = connect(s);
    k.send("GET /echo?b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertEquals("keep-alive", k.read().header("Connection"));
    k.send("GET /echo?c HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertEquals("close", k.read().header("Connection"));
    assertTrue(k.closedWithin(3_000));
  }

  @Test
  void aHandlerThatThrowsGets500AndTheConnectionGoesOn() throws IOException {
    RawClient c = connect(start(HttpLimits.defaults()));
    assertEquals(500, c.get("/boom").status());
    assertEquals("GET /echo?z", c.get("/echo?z").body());
  }

  @Test
  void manyConcurrentConnectionsAreAllServed() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults());
    int clients = 300;
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      List<RawClient> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        all.add(connect(s));
      }
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        RawClient c = all.get(i);
        int id = i;
        done.add(threads.submit(() -> {
          int ok = 0;
          for (int k = 0; k < 20; k++) {
            String target = k % 10 == 9 ? "/later?ms=1" : "/echo?c=" + id + "&k=" + k;
            RawClient.Reply r = c.get(target);
            ok += r.status() == 200 && r.body().endsWith(target.substring(target.indexOf('?') + 1)) ? 1 : 0;
          }
          return ok;
        }));
      }
      for (Future<Integer> f : done) {
        assertEquals(20, f.get());
      }
      assertEquals(clients, s.openConnections());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void connectionsBeyondTheCapGet503() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults().withMaxConnections(4));
    for (int i = 0; i < 4; i++) {
      assertEquals(200, connect(s).get("/echo").status());
    }
    RawClient fifth = connect(s);
    RawClient.Reply r = fifth.read();
    assertEquals(503, r.status());
    assertTrue(r.body().contains("too many connections"), r.body());
    assertTrue(fifth.closedWithin(3_000));
    opened.remove(fifth);
    fifth.close();
    ((RawClient) opened.get(1)).close(); // one leaves: a new one is served
    waitFor(() -> s.openConnections() == 3);
    assertEquals(200, connect(s).get("/echo").status());
  }

  @Test
  void closeLetsAnAnswerInFlightFinish() throws Exception {
    NioHttpServer s = start(HttpLimits.defaults());
    RawClient c = connect(s);
    RawClient idle = connect(s);
    assertEquals(200, idle.get("/echo").status());
    c.send("GET /later?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n");
    Thread.sleep(50);
    s.close();
    RawClient.Reply r = c.read();
    assertEquals("later ms=300", r.body());
    assertEquals("close", r.header("Connection"));
    assertTrue(idle.closedWithin(3_000));
    assertFalse(canConnect(s.port()));
  }

  private static boolean canConnect(int port) {
    try (RawClient c = new RawClient(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(20);
    }
  }
}
