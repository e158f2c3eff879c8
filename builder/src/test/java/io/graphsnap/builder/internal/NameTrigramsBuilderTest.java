package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NameTrigramsFormat;
import io.graphsnap.format.snapshot.SectionSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The builder's section equals the one the format's grammar defines, computed the plain way (every trigram of every
 * folded name, a bitmap per trigram): names with repeated trigrams, names shorter than a trigram, non-ASCII and
 * upper-case names, trigrams with thousands of ids and with one, postings over several containers (array, bitmap and
 * run containers, each closed when the ids move past it), and more distinct trigrams than the builder's first hash
 * table holds.
 */
class NameTrigramsBuilderTest {
  @Test
  void theSectionIsTheOneTheGrammarDefines() throws Exception {
    Random random = new Random(20261204);
    List<byte[]> names = new ArrayList<>();
    names.add("aaaaaaaa".getBytes(StandardCharsets.UTF_8)); // one trigram, repeated
    names.add("ab".getBytes(StandardCharsets.UTF_8)); // no trigram
    names.add("".getBytes(StandardCharsets.UTF_8));
    names.add("Caf\u00e9Bar\u00e9caf\u00e9".getBytes(StandardCharsets.UTF_8));
    String alphabet = "abcdefghijklmnopqrstuvwxyzABC_#.$0123456789\u00e9\u4e2d";
    for (int i = 0; i < 200_000; i++) {
      // ids past 2^16 (several containers a posting); in one stretch every name shares a trigram (run containers)
      StringBuilder name = new StringBuilder(i % 3 == 0 ? "org.acme.Common#" : "");
      name.append(i > 70_000 && i < 150_000 ? "qqz" : "");
      for (int k = random.nextInt(40); k > 0; k--) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(name.toString().getBytes(StandardCharsets.UTF_8));
    }
    NameTrigramsBuilder builder = new NameTrigramsBuilder();
    names.forEach(builder::add);
    SectionSink.Bytes built = SectionSink.ofBytes();
    builder.writeTo(built);

    TreeMap<Integer, RoaringBitmap> postings = new TreeMap<>();
    for (int id = 0; id < names.size(); id++) {
      byte[] folded = names.get(id).clone();
      NameTrigramsFormat.fold(folded, 0, folded.length);
      for (int at = 0; at + NameTrigramsFormat.GRAM <= folded.length; at++) {
        postings.computeIfAbsent(NameTrigramsFormat.trigram(folded, at), t -> new RoaringBitmap()).add(id);
      }
    }
    assertTrue(postings.size() > 4096, "more trigrams than the first table: " + postings.size());
    assertTrue(postings.values().stream().anyMatch(b -> b.getCardinality() > 1000), "a long posting");
    RoaringBitmap runs = postings.get(NameTrigramsFormat.trigram(new byte[] {'q', 'q', 'z'}, 0)).clone();
    assertTrue(runs.runOptimize() && runs.last() >= 1 << 17, "run containers, past the second container");
    assertTrue(postings.values().stream().anyMatch(b -> b.getCardinality() > 3 * 4096 && b.last() >= 1 << 17),
        "bitmap containers in several chunks");
    int[] trigrams = postings.keySet().stream().mapToInt(Integer::intValue).toArray();
    byte[][] serialized = new byte[trigrams.length][];
    int i = 0;
    for (Map.Entry<Integer, RoaringBitmap> e : postings.entrySet()) {
      RoaringBitmap bitmap = e.getValue();
      bitmap.runOptimize();
      ByteBuffer bytes = ByteBuffer.allocate(bitmap.serializedSizeInBytes()).order(LittleEndian.ORDER);
      bitmap.serialize(bytes);
      serialized[i++] = bytes.array();
    }
    SectionSink.Bytes expected = SectionSink.ofBytes();
    NameTrigramsFormat.write(expected, trigrams, serialized);
    assertArrayEquals(expected.toByteArray(), built.toByteArray());
  }
}
