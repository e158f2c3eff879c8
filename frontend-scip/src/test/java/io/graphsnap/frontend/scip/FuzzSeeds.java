package io.graphsnap.frontend.scip;

import static io.graphsnap.frontend.scip.Proto.definition;
import static io.graphsnap.frontend.scip.Proto.document;
import static io.graphsnap.frontend.scip.Proto.index;
import static io.graphsnap.frontend.scip.Proto.metadata;
import static io.graphsnap.frontend.scip.Proto.occurrence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the seeds of {@link ScipDecoderFuzzTest}: the fixture indexes and small hostile ones. Run from the module
 * folder after changing them: {@code java -cp target/test-classes:target/classes:... io.graphsnap.frontend.scip.FuzzSeeds
 * src/test/resources}.
 */
final class FuzzSeeds {
  private FuzzSeeds() {}

  static final String F = "scip-typescript npm p 1 src/`a.ts`/f().";

  /** A small index: one document with a definition, a call, a local and a bad symbol. */
  static byte[] small() {
    return index(metadata("t", "file:///x"), document("src/a.ts", definition(F, new int[] {0, 0, 1}, 0, 0, 2, 0),
        occurrence(F, 0, 1, 1, 2), occurrence("local 1", 0, 1, 3, 4), occurrence("bad", 0, 1, 1, 2),
        Proto.info(F, "doc").message(4, Proto.implementation("scip-typescript npm p 1 src/`b.ts`/I#f().")))).bytes();
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0], "io/graphsnap/frontend/scip/ScipDecoderFuzzTestInputs/decode");
    Files.createDirectories(dir);
    for (String language : new String[] {"ts", "py"}) {
      Files.copy(Path.of("..", "examples", "scip", language, "index.scip"), dir.resolve("fixture-" + language + ".scip"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String f = F;
    byte[] small = small();
    Files.write(dir.resolve("small.scip"), small);
    Files.write(dir.resolve("truncated.scip"), Arrays.copyOf(small, small.length / 2));
    Files.write(dir.resolve("huge-length.scip"), Proto.message().key(2, 2).varint(1L << 40).raw(new byte[8]).bytes());
    Files.write(dir.resolve("group.scip"), Proto.message().message(2, Proto.message().string(1, "g.ts").key(5, 3)).bytes());
    Files.write(dir.resolve("duplicate.scip"), index(null, document("a.ts"), document("a.ts")).bytes());
    Files.write(dir.resolve("range-outside.scip"), index(null, document("a.ts", occurrence(f, 0, 9, 0, 1)).string(5, "x\n")).bytes());
  }
}
