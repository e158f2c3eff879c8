package io.graphsnap.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target: any byte string decoded as a loose object ({@link LooseObjectCodec#decode}). The only
 * exception allowed is {@link CorruptObjectException}. A decoded summary must obey the data model (normal
 * repository path, names and texts within {@link Limits}, edge sources in range) and survive a round trip:
 * encoding it and decoding the result gives an equal summary, whose encoding is byte-identical (the
 * canonical form that content addressing relies on).
 *
 * <p>Seeds: real loose objects of {@code examples/shop.jsonl} ({@link FuzzSeeds}).
 */
class LooseObjectFuzzTest {
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong DECODED = new AtomicLong();

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] data) throws CorruptObjectException {
    INPUTS.incrementAndGet();
    FileSummary summary;
    try {
      summary = LooseObjectCodec.decode(data, "fuzz input");
    } catch (CorruptObjectException e) {
      return;
    }
    DECODED.incrementAndGet();
    checkModel(summary);
    byte[] encoded = LooseObjectCodec.encode(summary);
    FileSummary again = LooseObjectCodec.decode(encoded, "re-encoded fuzz input");
    require(again.equals(summary), "round trip changed the summary: " + summary + " vs " + again);
    require(java.util.Arrays.equals(LooseObjectCodec.encode(again), encoded), "encoding is not canonical");
  }

  /** The invariants every decoded summary must satisfy. */
  static void checkModel(FileSummary s) {
    require(RepoPaths.isNormal(s.path()), "path not normal: " + s.path());
    require(bytes(s.path()) <= Limits.MAX_PATH_BYTES, "path too long");
    require(s.symbols().size() <= Limits.MAX_SYMBOLS_PER_FILE, "too many symbols");
    require(s.edges().size() <= Limits.MAX_EDGES_PER_FILE, "too many edges");
    for (SymbolSummary symbol : s.symbols()) {
      name(symbol.name());
      name(symbol.kind());
      symbol.effects().forEach(LooseObjectFuzzTest::name);
      for (Note note : symbol.notes()) {
        require(bytes(note.text()) <= Limits.MAX_TEXT_BYTES, "note text too long");
      }
      for (Map.Entry<String, String> e : symbol.metadata().entrySet()) {
        name(e.getKey());
        require(bytes(e.getValue()) <= Limits.MAX_TEXT_BYTES, "metadata value too long");
      }
    }
    for (EdgeSummary e : s.edges()) {
      require(e.source() >= 0 && e.source() < s.symbols().size(), "edge source out of range: " + e);
      name(e.type());
      name(e.target());
    }
  }

  private static void name(String name) {
    require(!name.isEmpty() && bytes(name) <= Limits.MAX_NAME_BYTES && name.indexOf('\0') < 0, "bad name: " + name);
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  @AfterAll
  static void report() {
    FuzzStats.print("loose-object decode", INPUTS.get(), "decoded=" + DECODED.get());
  }
}
