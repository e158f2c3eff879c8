package io.graphsnap.bench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpLoad}'s event-loop client ({@link LoadLoop}) against a tiny blocking server on loopback: every request
 * is counted once, non-200 answers are errors, responses split over several writes are read whole, and in the
 * open loop latencies count from the due time, so a server slower than the schedule is charged for the queue.
 */
class LoadLoopTest {
  /** A server with a thread per connection: answers each request after {@code delayMillis}, every {@code failEvery}-th 404. */
  private static final class TinyServer implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<Socket> clients = new ArrayList<>();
    final long delayMillis;
    final int failEvery;
    final boolean closeAfterEach;
    final AtomicInteger connections = new AtomicInteger();

    TinyServer(long delayMillis, int failEvery) throws IOException {
      this(delayMillis, failEvery, false);
    }

    TinyServer(long delayMillis, int failEvery, boolean closeAfterEach) throws IOException {
      this.delayMillis = delayMillis;
      this.failEvery = failEvery;
      this.closeAfterEach = closeAfterEach;
      socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
      Thread.ofPlatform().daemon().start(this::accept);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void accept() {
      try {
        while (true) {
          Socket s = socket.accept();
          connections.incrementAndGet();
          synchronized (clients) {
            clients.add(s);
          }
          Thread.ofPlatform().daemon().start(() -> serve(s));
        }
      } catch (IOException e) {
        // closed
      }
    }

    private void serve(Socket s) {
      try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        s.setTcpNoDelay(true);
        while (true) {
          int ends = 0; // the head ends at CR LF CR LF
          for (int c; ends < 4; ) {
            if ((c = in.read()) < 0) {
              return;
            }
            ends = (c == '\r' && ends % 2 == 0) || (c == '\n' && ends % 2 == 1) ? ends + 1 : c == '\r' ? 1 : 0;
          }
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
          int n = answered.incrementAndGet();
          boolean fail = failEvery > 0 && n % failEvery == 0;
          if (fail) {
            failed.incrementAndGet();
          }
          byte[] body = ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(n % 3000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
          byte[] head = ((fail ? "HTTP/1.1 404 Not Found" : "HTTP/1.1 200 OK") + "\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
          int split = n % 5 == 0 ? head.length / 2 : head.length + body.length / 2; // in the head or the body
          byte[] all = new byte[head.length + body.length];
          System.arraycopy(head, 0, all, 0, head.length);
          System.arraycopy(body, 0, all, head.length, body.length);
          out.write(all, 0, split);
          out.flush();
          if (n % 7 == 0) {
            Thread.sleep(1); // the rest arrives in a later read
          }
          out.write(all, split, all.length - split);
          out.flush();
          if (closeAfterEach) {
            return; // as a server closing idle keep-alive connections
          }
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (clients) {
        for (Socket s : clients) {
          s.close();
        }
      }
    }
  }

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private TinyServer server(long delayMillis, int failEvery) throws IOException {
    TinyServer s = new TinyServer(delayMillis, failEvery);
    opened.add(s);
    return s;
  }

  private static byte[][] requests(URI url) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      paths.add("/api/lookup?name=n" + i);
    }
    return HttpLoad.requests(url, null, paths);
  }

  @Test
  void theClosedLoopCountsEveryAnswerOnceAndEveryNon200AsAnError() throws Exception {
    TinyServer s = server(0, 10);
    HttpLoad.Result r = HttpLoad.runLoops(s.url(), 8, 2, 0.5, 0, requests(s.url()), "closed");
    assertTrue(r.requests() > 100, () -> "only " + r.requests() + " requests in 0.5 s");
    assertEquals(s.answered.get(), r.requests(), "requests answered by the server and counted by the client");
    assertEquals(s.failed.get(), r.errors(), "404s counted as errors");
    assertEquals(r.latencies().count(), r.requests());
  }

  @Test
  void theOpenLoopSendsOnScheduleAndCountsFromTheDueTime() throws Exception {
    TinyServer s = server(2, 0); // 2 ms per answer, one connection at 100/s: the server keeps up
    HttpLoad.Result r = HttpLoad.runLoops(s.url(), 2, 1, 1.0, 100, requests(s.url()), "open");
    assertEquals(0, r.errors());
    assertEquals(s.answered.get(), r.requests());
    assertTrue(r.requests() >= 95 && r.requests() <= 101, () -> r.requests() + " requests at 100/s for 1 s");
    assertTrue(r.latencies().percentileMicros(0.5) >= 2_000, "no answer faster than the server's 2 ms");
    assertTrue(r.service().percentileMicros(0.5) >= 2_000);
  }

  @Test
  void connectionsTheServerClosesBetweenRequestsAreOpenedAgainWithoutErrors() throws Exception {
    TinyServer s = new TinyServer(0, 0, true);
    opened.add(s);
    HttpLoad.Result r = HttpLoad.runLoops(s.url(), 2, 1, 1.0, 40, requests(s.url()), "reconnect");
    assertEquals(0, r.errors());
    assertEquals(s.answered.get(), r.requests());
    assertTrue(r.requests() >= 38 && r.requests() <= 41, () -> r.requests() + " requests at 40/s for 1 s");
    assertTrue(s.connections.get() >= r.requests(), () -> s.connections.get() + " connections for " + r.requests());
  }

  @Test
  void aServerSlowerThanTheScheduleIsChargedForItsQueue() throws Exception {
    TinyServer s = server(20, 0); // 20 ms per answer, one connection, a request due every 10 ms: the queue grows
    HttpLoad.Result r = HttpLoad.runLoops(s.url(), 1, 1, 1.0, 100, requests(s.url()), "behind");
    assertEquals(0, r.errors());
    assertTrue(r.requests() >= 40 && r.requests() <= 51, () -> r.requests() + " requests at one per 20 ms");
    double service = r.service().percentileMicros(0.5);
    double latency = r.latencies().percentileMicros(0.5);
    assertTrue(service >= 20_000 && service < 40_000, () -> "service p50 " + service);
    // the k-th request is answered about 20k ms after start but was due at 10k ms: the median waits ~250 ms
    assertTrue(latency > 150_000, () -> "latency from the due time p50 " + latency + " µs, service " + service);
  }
}
