package io.graphsnap.objects.jsonl;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.internal.Lz4Block;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per line of the ingest's steps on one thread, for a JSON Lines file (bench/README.md, "Ingest speed"):
 * parsing and encoding the loose object by the Jackson reference parser, by the byte-level scanner reading edges as
 * Strings into a summary, and by {@link JsonLineParser} (the scanner reading edges as byte ranges when it can), then
 * hashing and compressing the object. Each step runs over all lines {@code PASSES} times; the best pass is
 * printed (the first ones warm the JIT up). In this package to reach the package-private parsers.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.graphsnap.objects.jsonl.LineCpuProbe FILE.jsonl [PASSES]}
 */
public final class LineCpuProbe {
  private LineCpuProbe() {}

  /** Runs the probe. */
  public static void main(String[] args) throws Exception {
    List<byte[]> lines = new ArrayList<>();
    long bytes = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.isBlank()) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        lines.add(b);
        bytes += b.length;
      }
    }
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf("%d lines, %.0f bytes per line; best of %d passes, thread CPU per line:%n", lines.size(),
        (double) bytes / lines.size(), passes);
    JacksonLineParser jackson = new JacksonLineParser();
    JsonLineParser parser = new JsonLineParser();
    List<byte[]> objects = new ArrayList<>();
    for (byte[] line : lines) {
      objects.add(((ParsedLine.Put) parser.parse(line, line.length)).file().objectBytes());
    }
    long objectBytes = 0;
    long compressedBytes = 0;
    for (byte[] object : objects) {
      objectBytes += object.length;
      byte[] block = Lz4Block.compress(object, object.length);
      compressedBytes += block == null ? object.length : block.length;
    }
    System.out.printf("objects: %.0f bytes each, %.0f compressed%n", (double) objectBytes / objects.size(),
        (double) compressedBytes / objects.size());
    report("parse and encode, Jackson (reference)", passes, lines.size(), () -> {
      for (byte[] line : lines) {
        jackson.parse(line, line.length);
      }
    });
    report("parse and encode, scanner, edges as Strings", passes, lines.size(), () -> {
      for (byte[] line : lines) {
        LineScanner.scanStrings(line, line.length);
      }
    });
    report("parse and encode, scanner (edges as byte ranges)", passes, lines.size(), () -> {
      for (byte[] line : lines) {
        parser.parse(line, line.length);
      }
    });
    report("hash (SHA-256 of the object)", passes, lines.size(), () -> {
      for (byte[] object : objects) {
        ObjectId.of(object);
      }
    });
    report("compress (LZ4 block)", passes, lines.size(), () -> {
      for (byte[] object : objects) {
        Lz4Block.compress(object, object.length);
      }
    });
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void report(String name, int passes, int lines, Step step) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < passes; i++) {
      long start = threads.getCurrentThreadCpuTime();
      step.run();
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    System.out.printf("  %-30s %8.1f µs%n", name, best / 1e3 / lines);
  }
}
