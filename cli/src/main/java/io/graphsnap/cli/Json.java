package io.graphsnap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON serializer of the command line's {@code --json} and of the server's endpoints
 * ({@code graphsnap serve}): both print an answer ({@link SnapshotAnswer#answer}, {@link StoreAnswer#answer}) as
 * exactly one compact JSON document and a newline, so that the same question gives the same bytes either way
 * (docs/DESIGN.md §5). Plain answers are rendered by {@link JsonText}, anything else by Jackson, which gives the same
 * characters (Jackson is only loaded when needed: building it is a large part of a short command's start-up).
 * Thread-safe.
 */
public final class Json {
  /** Jackson, loaded and built on first use (its own class, so that verifying {@code Json} does not load it). */
  private static final class Jackson {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static String text(Object value) {
      try {
        return MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render JSON output", e);
      }
    }
  }

  private Json() {}

  /** Prints {@code value} (maps, lists, strings, numbers) as one JSON document and a newline, and flushes. */
  static void print(PrintWriter out, Object value) {
    line(out, value);
    out.flush();
  }

  /** Prints {@code value} as one JSON line without flushing (the {@code --stdin} batch mode flushes when idle). */
  static void line(PrintWriter out, Object value) {
    out.println(text(value));
  }

  /** {@code value} as one JSON document, without the newline. */
  public static String text(Object value) {
    StringBuilder plain = new StringBuilder(256);
    if (JsonText.append(plain, value)) {
      return plain.toString();
    }
    return jackson(value);
  }

  /** {@code value} as Jackson renders it. */
  static String jackson(Object value) {
    return Jackson.text(value);
  }

  /**
   * The exact bytes {@link #print} writes for {@code value} on a writer with this platform's line separator
   * replaced by {@code "\n"}: the document and a newline, in UTF-8 (what the server sends as a response body).
   */
  public static byte[] utf8Line(Object value) {
    JsonUtf8 out = UTF8.get();
    out.reset();
    byte[] line;
    if (out.append(value)) {
      out.put('\n');
      line = out.toByteArray();
    } else {
      line = (jackson(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }
    if (out.capacity() > KEPT_BUFFER) {
      UTF8.remove(); // a huge answer's buffer is not kept per thread
    }
    return line;
  }

  /** Largest per-thread buffer kept between calls of {@link #utf8Line}. */
  private static final int KEPT_BUFFER = 64 * 1024;
  private static final ThreadLocal<JsonUtf8> UTF8 = ThreadLocal.withInitial(() -> new JsonUtf8(1024));
}
