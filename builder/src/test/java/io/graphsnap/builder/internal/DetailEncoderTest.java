package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DetailEncoderTest {
  @Test
  void plainSymbolIsFlagsAndTwoZeroCounts() {
    assertArrayEquals(new byte[] {0, 0, 0}, DetailEncoder.encode(SymbolSummary.of("a", "fn", 1, 2), "f"));
  }

  @Test
  void longTextTakesATwoByteVarInt() {
    String text = "é".repeat(100); // 200 UTF-8 bytes: VarInt 0xC8 0x01
    byte[] hash = new byte[32];
    hash[31] = 7;
    TreeMap<String, String> metadata = new TreeMap<>();
    metadata.put("k", "v");
    SymbolSummary s = new SymbolSummary("a", "fn", List.of(), 1, 1, hash, List.of(new Note("en", text)), metadata);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(1);
    expected.writeBytes(hash);
    expected.write(1);
    expected.write(2);
    expected.writeBytes("en".getBytes(StandardCharsets.UTF_8));
    expected.write(0xC8);
    expected.write(0x01);
    expected.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    expected.write(1);
    expected.write(1);
    expected.write('k');
    expected.write(1);
    expected.write('v');
    assertArrayEquals(expected.toByteArray(), DetailEncoder.encode(s, "f"));
  }
}
