package io.graphsnap.bench.sites;

import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The figures of the README's "Call sites" section, from a snapshot of Java sources and the sources themselves: the
 * CALL_SITES section's bytes (index and lines) per {@code calls} edge, whether each site's line names what it calls
 * (a method's name; {@code new}, {@code super}, {@code this} or the caller's first line for a constructor), and the
 * time of reverse {@code calls} lookups with their sites (one JVM, no warm-up control: a rough figure, not a JMH one).
 *
 * <pre>
 * ./graphsnap build                                    # java.base into ./.graphsnap
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.sites.CallSitesReport \
 *     .graphsnap/snapshots/$(cat .graphsnap/refs/HEAD).gsnap /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip
 * </pre>
 * The paths of the snapshot's files must be the archive's entry names (as {@code graphsnap build} of a {@code src.zip}
 * makes them). Stateless; prints to standard output.
 */
public final class CallSitesReport {
  private CallSitesReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CallSitesReport SNAPSHOT SOURCES.zip");
      System.exit(2);
    }
    Map<String, String[]> sources = new HashMap<>();
    try (ZipFile zip = new ZipFile(args[1])) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        if (e.getName().endsWith(".java")) {
          sources.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        }
      }
    }
    Path file = Path.of(args[0]);
    try (GraphSnapshot g = GraphSnapshot.open(file); SnapshotFile raw = SnapshotFile.open(file)) {
      MemorySegment section = raw.optional(SectionId.CALL_SITES);
      if (section == null) {
        System.out.println("no CALL_SITES section (format version " + g.formatVersion() + ")");
        return;
      }
      long callers = CallSitesFormat.storedCount(section);
      long index = CallSitesFormat.dataOffset(callers);
      int calls = g.edgeTypeId("calls");
      long callEdges = calls < 0 ? 0 : g.edgeCount(calls);
      System.out.printf("snapshot %,d bytes; CALL_SITES %,d bytes = %.2f bytes per calls edge (%,d calls edges); "
          + "index %,d bytes for %,d callers, lines %,d bytes%n", g.byteSize(), section.byteSize(),
          (double) section.byteSize() / Math.max(1, callEdges), callEdges, index, callers, section.byteSize() - index);
      check(g, calls, sources);
      time(g, calls);
    }
  }

  private static void check(GraphSnapshot g, int calls, Map<String, String[]> sources) {
    long edges = 0;
    long without = 0;
    long methodSites = 0;
    long named = 0;
    long constructorSites = 0;
    long constructorOk = 0;
    List<String> misses = new ArrayList<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      String[] text = g.file(v) == null ? null : sources.get(g.file(v));
      EdgeCursor c = g.out(v, calls);
      for (int w = c.next(); w >= 0; w = c.next()) {
        edges++;
        int[] lines = g.sites(v, calls, w);
        if (lines.length == 0) {
          without++;
          continue;
        }
        String target = g.name(w);
        String member = target.substring(target.indexOf('#') + 1);
        String method = member.indexOf('(') < 0 ? member : member.substring(0, member.indexOf('('));
        for (int line : lines) {
          String at = text == null || line > text.length ? "" : text[line - 1];
          boolean ok;
          if (method.equals("<init>")) {
            constructorSites++;
            ok = at.contains("new") || at.contains("super") || at.contains("this") || line == g.lineStart(v);
            constructorOk += ok ? 1 : 0;
          } else {
            methodSites++;
            ok = at.contains(method);
            named += ok ? 1 : 0;
          }
          if (!ok && misses.size() < 10) {
            misses.add(g.file(v) + ":" + line + " calls " + target + " | " + at.strip());
          }
        }
      }
    }
    System.out.printf("calls edges %,d (%,d without sites); method-call sites %,d, naming the method %,d (%.3f %%); "
        + "constructor-call sites %,d, with new/super/this or on the caller's first line %,d (%.3f %%)%n", edges, without,
        methodSites, named, 100.0 * named / Math.max(1, methodSites), constructorSites, constructorOk,
        100.0 * constructorOk / Math.max(1, constructorSites));
    misses.forEach(m -> System.out.println("  not named: " + m));
  }

  private static void time(GraphSnapshot g, int calls) {
    Random random = new Random(1);
    long sites = 0;
    int lookups = 60_000;
    long start = System.nanoTime();
    for (int i = 0; i < lookups; i++) {
      int w = random.nextInt(g.nodeCount());
      EdgeCursor c = g.in(w, calls);
      for (int s = c.next(); s >= 0; s = c.next()) {
        sites += g.sites(s, calls, w).length;
      }
    }
    double ms = (System.nanoTime() - start) / 1e6;
    System.out.printf("%,d reverse calls lookups of random nodes with their sites: %.0f ms (%.1f µs each, %,d sites)%n",
        lookups, ms, 1000 * ms / lookups, sites);
  }
}
