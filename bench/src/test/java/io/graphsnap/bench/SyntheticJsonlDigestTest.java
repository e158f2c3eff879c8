package io.graphsnap.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes {@link SyntheticJsonl} writes: the published measurements and the stored inputs of other
 * benchmarks depend on them, so a change that alters one byte of the output (a different draw order, escaping,
 * edge order or number format) must fail here. If the change is intended, update the digest and say so.
 */
class SyntheticJsonlDigestTest {
  /** {@code SyntheticJsonl --files 2000 --seed 42 - | sha256sum}, as written by the Jackson-based generator. */
  private static final String FILES_2000_SEED_42 = "a09396745ee55ef058cd445159bcdc53d09380c1361f14418c1e504522f68498";

  @Test
  void twoThousandFilesWithSeed42HaveTheirPinnedDigest() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      SyntheticJsonl.write(SyntheticGraph.ofFiles(2000, 42), out);
    }
    assertEquals(FILES_2000_SEED_42, HexFormat.of().formatHex(sha.digest()));
  }
}
