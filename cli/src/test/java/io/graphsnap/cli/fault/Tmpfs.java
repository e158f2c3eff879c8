package io.graphsnap.cli.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Mounts and unmounts a small tmpfs with the {@code mount} command (root on Linux); stateless. */
final class Tmpfs {
  private Tmpfs() {}

  /** Mounts a tmpfs of {@code size} (e.g. {@code 16m}) on {@code dir}; returns null, or why it cannot. */
  static String mount(Path dir, String size) {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return "not Linux";
    }
    return run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()));
  }

  /** Remounts {@code dir} read-only ({@code readOnly}) or read-write; returns null, or why it cannot. */
  static String remount(Path dir, boolean readOnly) {
    return run(List.of("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString()));
  }

  /** Unmounts {@code dir}; returns null, or why it cannot. */
  static String unmount(Path dir) {
    return run(List.of("umount", dir.toString()));
  }

  /** Detaches {@code dir} even if files on it are still open (so that the test can clean up). */
  static String unmountLazily(Path dir) {
    return run(List.of("umount", "-l", dir.toString()));
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? null : String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out;
    } catch (IOException e) {
      return "cannot run " + command.getFirst() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
