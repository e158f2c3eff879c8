package io.graphsnap.cli.serve;

import io.graphsnap.cli.serve.http.HttpRequest;
import io.graphsnap.cli.serve.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
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
 * also what keeps it off the network; {@code nosniff}; no referrer.
 *
 * <p>With a bearer token (a server bound off loopback), every file needs it too, as every {@code /api/} request
 * does: in the {@code Authorization} header, or in the cookie {@value #COOKIE}. A browser cannot send the header
 * when it opens a page, so {@code /?token=TOKEN} checks the token, sets that cookie ({@code SameSite=Strict}, this
 * path only) and redirects to {@code /}, dropping the token from the address; the explorer's script reads the cookie
 * and sends it as {@code Authorization: Bearer} on its API requests. Anything else gets 401.
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

  /** The cookie that carries the bearer token for a browser. */
  static final String COOKIE = "graphsnap-token";

  private final ClassLoader loader;
  private final BearerToken token;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /** Files from {@code loader}; every request must carry {@code token} unless it is null. */
  StaticFiles(ClassLoader loader, BearerToken token) {
    this.loader = loader;
    this.token = token;
  }

  /** True if the explorer's bundle is on the class path (the cli jar has it; a build without npm may not). */
  boolean present() {
    return asset("index.html") != null;
  }

  /** The response to {@code request} (a path outside {@code /api/}). */
  HttpResponse handle(HttpRequest request) {
    String method = request.method();
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      return text(405, "only GET and HEAD are served, not " + method).header("Allow", "GET, HEAD");
    }
    String path = request.rawPath();
    if (token != null) {
      HttpResponse refused = refusal(request, path);
      if (refused != null) {
        return refused;
      }
    }
    String name = path.equals("/") || path.equals("/index.html") ? "index.html"
        : path.startsWith("/static/") ? path.substring("/static/".length()) : null;
    Asset asset = name == null || !NAME.matcher(name).matches() ? null : asset(name);
    if (asset == null) {
      return text(404, path.startsWith("/static/") || path.equals("/") ? "no such file: " + path
          + (name != null && name.equals("index.html") ? " (this graphsnap was built without the explorer)" : "")
          : "nothing at " + path + " (the explorer is at /, the API at /api/)");
    }
    String ifNoneMatch = request.header("If-None-Match");
    boolean notModified = ifNoneMatch != null && ifNoneMatch.contains(asset.etag());
    HttpResponse r = secure(new HttpResponse(notModified ? 304 : 200, notModified ? new byte[0] : asset.bytes()))
        .header("Content-Type", asset.type())
        .header("Cache-Control", "no-cache")
        .header("ETag", asset.etag());
    if (asset.type().startsWith("text/html")) {
      r.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    return r;
  }

  /** Null if the request carries the token; otherwise its answer (401, or the redirect that sets the cookie). */
  private HttpResponse refusal(HttpRequest request, String path) {
    if (token.accepts(request.header("Authorization"))) {
      return null;
    }
    for (String header : request.headers("Cookie")) {
      for (String cookie : header.split(";")) {
        String c = cookie.strip();
        if (c.startsWith(COOKIE + "=") && token.accepts("Bearer " + c.substring(COOKIE.length() + 1))) {
          return null;
        }
      }
    }
    String query = request.rawQuery();
    if (path.equals("/") && query != null && query.startsWith("token=")) {
      String given;
      try {
        given = java.net.URLDecoder.decode(query.substring("token=".length()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        given = "";
      }
      if (token.accepts("Bearer " + given) && given.chars().allMatch(ch -> ch > ' ' && ch < 127 && ch != ';' && ch != ',')) {
        return secure(new HttpResponse(303, new byte[0]))
            .header("Set-Cookie", COOKIE + "=" + given + "; Path=/; SameSite=Strict")
            .header("Location", "/")
            .header("Cache-Control", "no-store");
      }
    }
    return text(401, "this server needs its bearer token: open /?token=TOKEN once (the token of serve --token-file), "
        + "or send Authorization: Bearer TOKEN").header("WWW-Authenticate", "Bearer");
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

  /** The headers every response of this class carries. */
  private static HttpResponse secure(HttpResponse r) {
    return r.header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
  }

  private static HttpResponse text(int status, String message) {
    return secure(new HttpResponse(status, (message + "\n").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Cache-Control", "no-store");
  }
}
