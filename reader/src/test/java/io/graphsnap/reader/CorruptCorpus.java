package io.graphsnap.reader;

import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates the corpus of broken snapshots under {@code src/test/resources/corrupt/} (also a seed corpus for
 * fuzzing). Each file's name starts with the stage that must reject it: {@code open-}, {@code query-} or
 * {@code verify-}. Regenerate with (from the repository root, after {@code mvn -pl reader test-compile}):
 *
 * <pre>
 * java -cp "reader/target/test-classes:reader/target/classes:$(cat reader/target/cp.txt)" \
 *     io.graphsnap.reader.CorruptCorpus reader/src/test/resources/corrupt
 * </pre>
 * where {@code cp.txt} comes from {@code mvn -pl reader dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
final class CorruptCorpus {
  private CorruptCorpus() {}

  static Map<String, byte[]> files() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] good = TestSnapshotWriter.write(Fixtures.small());

    byte[] magic = good.clone();
    magic[0] = 'X';
    out.put("open-bad-magic.gsnap", magic);
    out.put("open-truncated-header.gsnap", Arrays.copyOf(good, 100));
    out.put("open-truncated-half.gsnap", Arrays.copyOf(good, good.length / 2));
    out.put("open-truncated-last-byte.gsnap", Arrays.copyOf(good, good.length - 1));
    byte[] version = good.clone();
    le(version).putInt(SnapshotFormat.VERSION_OFFSET, SnapshotFormat.VERSION_CURRENT + 1);
    out.put("open-version-too-new.gsnap", TestSnapshotWriter.fixChecksums(version));
    byte[] header = good.clone();
    header[SnapshotFormat.entryOffset(0) + SnapshotFormat.ENTRY_OFFSET] ^= 1; // a section's offset in the table: the header CRC breaks
    out.put("open-header-crc.gsnap", header);

    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.FORWARD_TARGETS)).putInt((int) CsrFormat.neighbourAt(0), 1_000_000);
    out.put("query-neighbour-out-of-range.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.FORWARD_OFFSETS)).putLong((int) CsrFormat.offsetAt(1), 1L << 40);
    out.put("query-offsets-out-of-range.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] kinds = s.get(SectionId.KIND_BITMAPS);
    Arrays.fill(kinds, kinds.length - 12, kinds.length, (byte) 0x5A);
    out.put("query-bitmap-garbage.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] details = s.get(SectionId.NODE_DETAILS);
    Arrays.fill(details, details.length - 20, details.length, (byte) 0xFF);
    out.put("query-details-garbage.gsnap", layout(s));

    byte[] flipped = good.clone();
    flipped[(int) TestSnapshotWriter.sectionOffset(good, SectionId.NODES) + NodeRecordFormat.LINE_START] ^= 1;
    out.put("verify-section-crc.gsnap", flipped);

    byte[] padding = good.clone();
    padding[SnapshotFormat.headerBytes(SectionId.values().length)] = 7;
    out.put("verify-padding.gsnap", padding);

    s = TestSnapshotWriter.sections(Fixtures.small());
    s.put(SectionId.BLOOM, new io.graphsnap.bloom.BloomFilterBuilder(10).toByteArray());
    out.put("verify-bloom-without-names.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.NAME_INDEX)).putInt(NameIndexFormat.SLOT_COUNT, le(s.get(SectionId.NAME_INDEX)).getInt(NameIndexFormat.SLOT_COUNT) + 1);
    out.put("open-name-index-slot-count.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] index = s.get(SectionId.NAME_INDEX);
    for (int at = NameIndexFormat.HEADER_BYTES; at < index.length; at += NameIndexFormat.SLOT_BYTES) {
      le(index).putInt(at, 0x7FFF_FFFF); // every slot: a node id far beyond N
    }
    out.put("query-name-index-slot-out-of-range.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    index = s.get(SectionId.NAME_INDEX);
    int first = -1;
    for (int at = NameIndexFormat.HEADER_BYTES; at < index.length; at += NameIndexFormat.SLOT_BYTES) {
      int value = le(index).getInt(at);
      if (value != -1 && first == -1) {
        first = value;
      } else if (value != -1) {
        le(index).putInt(at, first); // every full slot names the same node: lookups fall back, verify fails
      }
    }
    out.put("verify-name-index-wrong-node.gsnap", layout(s));

    int files = Fixtures.small().filePaths().size();
    s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.FILE_SYMBOLS)).putInt(4 * files, Integer.MAX_VALUE); // Starts[F] far beyond N
    out.put("open-file-symbols-count.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] symbols = s.get(SectionId.FILE_SYMBOLS);
    for (int at = 4 * (files + 1); at < symbols.length; at += 4) {
      le(symbols).putInt(at, 0x7FFF_FFFF); // every listed node: an id far beyond N
    }
    out.put("query-file-symbols-node-out-of-range.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    symbols = s.get(SectionId.FILE_SYMBOLS);
    int firstNode = 4 * (files + 1);
    int swap = le(symbols).getInt(firstNode);
    le(symbols).putInt(firstNode, le(symbols).getInt(symbols.length - 4)); // a node under another file
    le(symbols).putInt(symbols.length - 4, swap);
    out.put("verify-file-symbols-wrong-file.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.NAME_TRIGRAMS)).putInt(0, 0x7FFF_FFFF); // TrigramCount far beyond the section
    out.put("open-name-trigrams-count.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] trigrams = s.get(SectionId.NAME_TRIGRAMS);
    Arrays.fill(trigrams, trigrams.length - 12, trigrams.length, (byte) 0x5A); // the last postings: garbage
    out.put("query-name-trigrams-posting-garbage.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    trigrams = s.get(SectionId.NAME_TRIGRAMS);
    le(trigrams).putInt(8, le(trigrams).getInt(8) - 1); // the first trigram renamed: searches miss, verify fails
    out.put("verify-name-trigrams-wrong-trigram.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    le(s.get(SectionId.CALL_SITES)).putInt(CallSitesFormat.COUNT, 0x7FFF_FFFF); // Count far beyond N
    out.put("open-call-sites-count.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    byte[] sites = s.get(SectionId.CALL_SITES);
    long siteCount = le(sites).getInt(CallSitesFormat.COUNT);
    Arrays.fill(sites, (int) CallSitesFormat.dataOffset(siteCount), sites.length, (byte) 0xFF); // every entry: garbage
    out.put("query-call-sites-garbage.gsnap", layout(s));

    s = TestSnapshotWriter.sections(Fixtures.small());
    sites = s.get(SectionId.CALL_SITES);
    siteCount = le(sites).getInt(CallSitesFormat.COUNT);
    int firstSited = le(sites).getInt((int) CallSitesFormat.nodeOffset(siteCount, 0));
    le(sites).putInt((int) CallSitesFormat.nodeOffset(siteCount, 0), le(sites).getInt((int) CallSitesFormat.nodeOffset(
        siteCount, 1))); // the first two nodes the same: lookups of the first miss, verify fails
    out.put("verify-call-sites-nodes-not-increasing.gsnap", layout(s));
    if (firstSited < 0) {
      throw new AssertionError("no sited node");
    }

    // front-coded NODE_NAMES (a compact file of version 6), in blocks of 4
    s = TestSnapshotWriter.frontCodedSections(Fixtures.small(), 16, 4);
    le(s.get(SectionId.NODE_NAMES)).putInt(FrontCodedListFormat.BLOCK_SIZE, 3);
    out.put("open-front-coded-names-block-size.gsnap", frontCoded(s));
    s = TestSnapshotWriter.frontCodedSections(Fixtures.small(), 16, 4);
    byte[] names = s.get(SectionId.NODE_NAMES);
    int blockIndex = names.length - FrontCodedListFormat.START_BYTES * (int) FrontCodedListFormat.blockCount(
        le(names).getInt(FrontCodedListFormat.COUNT), 4);
    le(names).putLong(blockIndex + FrontCodedListFormat.START_BYTES, names.length); // BlockStart[1] past the blocks
    out.put("query-front-coded-names-block-start.gsnap", frontCoded(s));
    s = TestSnapshotWriter.frontCodedSections(Fixtures.small(), 16, 4);
    names = s.get(SectionId.NODE_NAMES);
    int head = (int) le(names).getLong(blockIndex + FrontCodedListFormat.START_BYTES) + 1;
    names[head] = 'z'; // block 1's head ("auth.logout") now sorts after the names that follow: lookups miss
    out.put("verify-front-coded-names-not-increasing.gsnap", frontCoded(s));

    // Compact files of version 7: the packed node sections.
    s = TestSnapshotWriter.packedSections(Fixtures.small(), 16, 16);
    s.get(SectionId.NODES)[0] = 40; // FileBits past the widest field
    out.put("open-packed-nodes-width.gsnap", packed(s));
    s = TestSnapshotWriter.packedSections(Fixtures.small(), 16, 16);
    le(s.get(SectionId.NODE_DETAILS)).putLong(8, -5); // the last block's Rank (the only block here): P is wrong
    out.put("open-packed-details-rank.gsnap", packed(s));
    s = TestSnapshotWriter.packedSections(Fixtures.small(), 16, 16);
    ByteBuffer sparse = le(s.get(SectionId.NODE_DETAILS));
    sparse.putLong(24, sparse.getLong(24) + 1); // Ends[1] (after the one block and Ends[0]): two entries misread
    out.put("query-packed-details-ends.gsnap", packed(s));
    s = TestSnapshotWriter.packedSections(Fixtures.small(), 16, 16);
    byte[] packedSymbols = s.get(SectionId.FILE_SYMBOLS);
    packedSymbols[packedSymbols.length - 1] = (byte) 0x80; // a bit in the padding after the last offset
    out.put("verify-packed-file-symbols-padding.gsnap", packed(s));
    return out;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : files().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }

  private static byte[] layout(EnumMap<SectionId, byte[]> sections) {
    return TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_CURRENT);
  }

  private static byte[] frontCoded(EnumMap<SectionId, byte[]> sections) {
    return TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_FRONT_CODED_NAMES);
  }

  private static byte[] packed(EnumMap<SectionId, byte[]> sections) {
    return TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_PACKED_NODES);
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }
}
