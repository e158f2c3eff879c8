package io.graphsnap.cli.serve.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection of a {@link NioHttpServer}, driven by its {@link EventLoop}: reads request heads, hands each
 * to the handler, writes the response, and goes on with the next request (keep-alive). One request at a time:
 * bytes of a pipelined next request stay in the buffer, unread by the handler, until the response before it has
 * been sent, so responses leave in request order.
 *
 * <p>States: READING (waiting for or reading a request), WAITING (the handler's {@link HttpAnswer.Later} runs on the
 * pool; the socket is not read), WRITING (the socket's send buffer was full: waiting to write the rest), LINGERING
 * (a response that ends the connection was sent and our side shut; what the client still sends is read and dropped
 * for up to {@value #LINGER_MILLIS} ms so that it does not turn our close into a reset that would destroy the
 * response), CLOSED. Every state but WAITING has a deadline ({@link HttpLimits}); the loop checks it.
 *
 * <p>Confined to its loop's thread (the pool only posts the finished response back to the loop).
 */
final class Connection {
  private enum State { READING, WAITING, WRITING, LINGERING, CLOSED }

  /** Most bytes given to one socket write (a heap buffer is copied to a temporary direct buffer of its size). */
  private static final int WRITE_SLICE = 256 * 1024;
  static final long LINGER_MILLIS = 2_000;
  private static final int LINGER_BYTES = 1 << 20;
  private static final int INITIAL_BUFFER = 2048;

  private final EventLoop loop;
  private final SocketChannel channel;
  private final HttpLimits limits;
  private final RequestParser parser;
  SelectionKey key;
  /** Position in the loop's list of connections. */
  int slot;
  private int interest = SelectionKey.OP_READ;

  private byte[] in = new byte[INITIAL_BUFFER];
  private ByteBuffer inBuffer = ByteBuffer.wrap(in);
  /** Unconsumed bytes are {@code in[start, end)}. */
  private int start;
  private int end;
  private boolean inputEnded;
  private long bodyLeft;

  private ByteBuffer out;
  private boolean closeAfterWrite;

  private State state = State.READING;
  /** When the current state times out (milliseconds of {@link EventLoop#now}), 0 for never. */
  private long deadline;
  private boolean requestStarted;
  private long requestDeadline;
  private int lingered;

  Connection(EventLoop loop, SocketChannel channel, HttpLimits limits) {
    this.loop = loop;
    this.channel = channel;
    this.limits = limits;
    this.parser = new RequestParser(limits);
    this.deadline = loop.now() + limits.idleMillis();
  }

  /** The selector says the socket is ready for {@code readyOps}. */
  void onReady(int readyOps) {
    try {
      if ((readyOps & SelectionKey.OP_WRITE) != 0 && state == State.WRITING) {
        flush();
        if (state == State.READING) {
          process();
        }
      }
      if ((readyOps & SelectionKey.OP_READ) != 0) {
        if (state == State.READING) {
          read();
        } else if (state == State.LINGERING) {
          drain();
        }
      }
    } catch (IOException e) { // reset by the client, broken pipe: nothing to answer
      close();
    }
  }

  /** The response to a request handed to the pool is ready (on the loop's thread). */
  void onAnswered(HttpRequest request, HttpResponse response) {
    if (state != State.WAITING) {
      return; // closed meanwhile
    }
    try {
      state = State.READING;
      send(request, response);
      if (state == State.READING) {
        process();
      }
    } catch (IOException e) {
      close();
    }
  }

  /** Closes the connection if its deadline has passed; a request still arriving is answered 408 first. */
  void checkDeadline(long now) {
    if (deadline == 0 || now < deadline || state == State.CLOSED) {
      return;
    }
    if (state == State.READING && requestStarted) {
      try {
        refuse(408, "request not complete within " + limits.requestMillis() + " ms");
      } catch (IOException e) {
        close();
      }
    } else {
      close();
    }
  }

  /** True if no request is being read, answered or sent (a server that stops may close it at once). */
  boolean idle() {
    return state == State.LINGERING || (state == State.READING && !requestStarted && start == end);
  }

  private void read() throws IOException {
    makeRoom();
    inBuffer.limit(in.length).position(end);
    int n = channel.read(inBuffer);
    if (n < 0) {
      inputEnded = true;
    } else {
      end += n;
    }
    process();
  }

  /** Room to read at least 1 KiB more: moves the unconsumed bytes to the front, or grows the buffer up to the head limit. */
  private void makeRoom() {
    if (start == end) {
      start = 0;
      end = 0;
    }
    if (in.length - end >= 1024) {
      return;
    }
    if (start > 0) {
      System.arraycopy(in, start, in, 0, end - start);
      end -= start;
      start = 0;
    }
    if (in.length - end < 1024) {
      byte[] bigger = java.util.Arrays.copyOf(in, Math.max(in.length * 2, end + 1024 + 1));
      in = bigger;
      inBuffer = ByteBuffer.wrap(in);
    }
  }

  /** Answers every complete request in the buffer, one after another, while responses go out at once. */
  private void process() throws IOException {
    while (state == State.READING) {
      if (bodyLeft > 0) { // a request's body: read and dropped
        int k = (int) Math.min(bodyLeft, end - start);
        start += k;
        bodyLeft -= k;
        if (bodyLeft > 0) {
          if (inputEnded) {
            close();
          } else {
            deadline = requestDeadline;
            setInterest(SelectionKey.OP_READ);
          }
          return;
        }
        requestStarted = false;
      }
      if (!requestStarted) {
        while (start < end && (in[start] == '\r' || in[start] == '\n')) { // empty lines before a request are allowed
          start++;
        }
      }
      if (start == end) {
        if (inputEnded) {
          close();
          return;
        }
        if (!requestStarted) {
          deadline = loop.now() + limits.idleMillis();
        }
        setInterest(SelectionKey.OP_READ);
        return;
      }
      if (!requestStarted) {
        requestStarted = true;
        requestDeadline = loop.now() + limits.requestMillis();
        deadline = requestDeadline;
      }
      HttpRequest request;
      try {
        int headEnd = parser.headEnd(in, start, end);
        if (headEnd < 0) {
          if (inputEnded) {
            close(); // half a request, then the client shut: nothing to answer
          } else {
            deadline = requestDeadline;
            setInterest(SelectionKey.OP_READ);
          }
          return;
        }
        request = parser.parse(in, start, headEnd);
        parser.reset();
        start = headEnd;
      } catch (RequestParser.Refusal r) {
        refuse(r.status, r.getMessage());
        return;
      }
      bodyLeft = request.contentLength();
      if (bodyLeft == 0) {
        requestStarted = false;
      }
      dispatch(request);
    }
  }

  private void dispatch(HttpRequest request) throws IOException {
    HttpAnswer answer;
    try {
      answer = loop.handler().handle(request);
    } catch (Throwable e) {
      loop.log("internal error answering " + request + ": " + e);
      answer = HttpResponse.jsonError(500, "internal error: " + e.getClass().getSimpleName());
    }
    if (answer instanceof HttpResponse response) {
      send(request, response);
      return;
    }
    HttpAnswer.Later later = (HttpAnswer.Later) answer;
    state = State.WAITING;
    deadline = 0;
    setInterest(0);
    try {
      loop.pool().execute(() -> {
        HttpResponse response;
        try {
          response = later.work().get();
        } catch (Throwable e) {
          loop.log("internal error answering " + request + ": " + e);
          response = HttpResponse.jsonError(500, "internal error: " + e.getClass().getSimpleName());
        }
        HttpResponse done = response;
        loop.execute(() -> onAnswered(request, done));
      });
    } catch (RejectedExecutionException e) {
      state = State.READING;
      send(request, HttpResponse.jsonError(503, "the server is stopping"));
    }
  }

  /**
   * Sends {@code response}: a response that fits the loop's direct send buffer is encoded into it and written with
   * one system call and no copy (what the socket does not take at once is copied into a buffer of this connection's
   * own); a larger one is encoded into a heap array and written in slices.
   */
  private void send(HttpRequest request, HttpResponse response) throws IOException {
    boolean keep = request.keepAlive() && !inputEnded && !loop.stopping();
    boolean head = request.method().equals("HEAD");
    String date = loop.date();
    closeAfterWrite = !keep;
    int length = response.encodedLength(keep, request.isHttp10(), head, date);
    ByteBuffer direct = loop.sendBuffer();
    if (length > direct.capacity()) {
      out = ByteBuffer.wrap(response.encode(keep, request.isHttp10(), head, date));
      flush();
      return;
    }
    direct.clear();
    response.encode(direct, keep, request.isHttp10(), head, date);
    direct.flip();
    channel.write(direct);
    if (direct.hasRemaining()) { // the send buffer is full: keep the rest, wait until the socket takes more
      out = ByteBuffer.allocate(direct.remaining()).put(direct).flip();
      flush();
    } else {
      sent();
    }
  }

  /** Answers {@code status} with the reason and closes the connection (after the response, lingering). */
  private void refuse(int status, String message) throws IOException {
    bodyLeft = 0;
    requestStarted = false;
    state = State.READING;
    closeAfterWrite = true;
    out = ByteBuffer.wrap(HttpResponse.jsonError(status, message).encode(false, false, false, loop.date()));
    flush();
  }

  private void flush() throws IOException {
    int total = out.capacity();
    while (out.position() < total) {
      out.limit(Math.min(total, out.position() + WRITE_SLICE));
      if (channel.write(out) == 0) {
        if (state != State.WRITING) {
          state = State.WRITING;
          deadline = loop.now() + limits.writeMillis();
        }
        setInterest(SelectionKey.OP_WRITE);
        return;
      }
    }
    sent();
  }

  /** The whole response is out: read the next request, or shut the connection. */
  private void sent() {
    out = null;
    if (closeAfterWrite) {
      linger();
      return;
    }
    state = State.READING;
  }

  private void linger() {
    state = State.LINGERING;
    start = 0;
    end = 0;
    if (inputEnded) {
      close();
      return;
    }
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      close();
      return;
    }
    deadline = loop.now() + LINGER_MILLIS;
    lingered = 0;
    setInterest(SelectionKey.OP_READ);
  }

  private void drain() throws IOException {
    inBuffer.clear();
    int n = channel.read(inBuffer);
    if (n < 0 || (lingered += n) > LINGER_BYTES) {
      close();
    }
  }

  private void setInterest(int ops) {
    if (interest != ops && key.isValid()) {
      key.interestOps(ops);
      interest = ops;
    }
  }

  /** Closes the socket (idempotent) and leaves the loop. */
  void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    deadline = 0;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    loop.closed(this);
  }
}
