package io.graphsnap.bench.harness;

import java.io.IOException;

/** The git commit a run measures, for the report's header: {@code git describe}-like, marked when the tree is dirty. */
final class Commit {
  private Commit() {}

  /**
   * {@code <full id>} or {@code <full id> + uncommitted changes}, or {@code unknown (reason)}. The harness's own output
   * ({@code bench/results/}, which a run of one scale leaves changed before the next starts) does not count.
   */
  static String describe() {
    try {
      String id = git("rev-parse", "HEAD").strip();
      String status = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results")
          .strip();
      return status.isEmpty() ? id : id + " + uncommitted changes";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String git(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("git " + args[0] + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return out;
  }
}
