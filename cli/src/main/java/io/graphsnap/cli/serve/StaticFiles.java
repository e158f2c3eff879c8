package io.graphsnap.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web explorer's files (module {@code explorer}, bundled into the jar under {@value #ROOT}): {@code /}
 * is {@code index.html}, {@code /static/NAME} the file NAME. Only names of one path segment made of
 * {@code [A-Za-z0-9._-]} and not starting with a dot are looked up, so no request reaches anything but that
 * folder of the class path (no {@code ..}, no slashes, no encoded tricks: the raw path is matched as is).
 * Everything else is 404, any method but GET and HEAD 405.
 *
 * <p>Headers: the content type by extension; {@code Cache-Control: no-cache} with a strong {@code ETag} (the
 * file's SHA-256), so that browsers revalidate and get {@code 304 Not Modified} for what they have; a
 * Content-Security-Policy that lets the page load and fetch only from this server ({@code 'self'}), which is
 * also what keeps it off the network; {@code nosniff}; no referrer. The files hold no data and need no bearer
 * token: the explorer sends the token on its {@code /api/} requests.
 *
 * <p>Thread-safe. Files are read once and kept (the bundle is a few hundred KiB); misses are not kept.
 */
final class StaticFiles {
  /** The class-path folder of the bundle ({@code explorer/build.mjs} writes it). */
  static final String ROOT = "io/graphsnap/explorer/static/";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "json", "application/json; charset=utf-8",
      "txt", "text/plain; charset=utf-8");
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  /** A file's bytes, type and entity tag. */
  private record Asset(byte[] bytes, String type, String etag) {}

  private final ClassLoader loader;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  /** True if the explorer's bundle is on the class path (the cli jar has it; a build without npm may not). */
  boolean present() {
    return asset("index.html") != null;
  }

  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var headers = exchange.getResponseHeaders();
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        headers.set("Allow", "GET, HEAD");
        text(exchange, 405, "only GET and HEAD are served, not " + method);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String name = path.equals("/") || path.equals("/index.html") ? "index.html"
          : path.startsWith("/static/") ? path.substring("/static/".length()) : null;
      Asset asset = name == null || !NAME.matcher(name).matches() ? null : asset(name);
      if (asset == null) {
        text(exchange, 404, path.startsWith("/static/") || path.equals("/") ? "no such file: " + path
            + (name != null && name.equals("index.html") ? " (this graphsnap was built without the explorer)" : "")
            : "nothing at " + path + " (the explorer is at /, the API at /api/)");
        return;
      }
      headers.set("Content-Type", asset.type());
      headers.set("Cache-Control", "no-cache");
      headers.set("ETag", asset.etag());
      if (asset.type().startsWith("text/html")) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      }
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.sendResponseHeaders(200, head ? -1 : asset.bytes().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(asset.bytes());
        }
      }
    }
  }

  private Asset asset(String name) {
    Asset cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    byte[] bytes;
    try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return null;
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    Asset asset = new Asset(bytes, type, "\"" + sha256(bytes) + "\"");
    cache.put(name, asset);
    return asset;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
