package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The query language's in-place scans ({@link GraphSnapshot#namesMatching}, {@link GraphSnapshot#filesMatching},
 * {@link GraphSnapshot#filesWithPrefix}, {@link GraphSnapshot#nodesOfFiles}) against the model, on format version
 * 3 (FILE_SYMBOLS) and 2 (a scan of NODES).
 */
class InPlaceScanTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void scansAgreeWithTheModel(int version) throws Exception {
    TestGraph g = Fixtures.random(21, 400, 1500);
    QueryModelTest.addTestFolders(g, new Random(22));
    byte[] bytes = version == 3 ? TestSnapshotWriter.write(g) : TestSnapshotWriter.writeV2(g);
    try (GraphSnapshot s = GraphSnapshot.open(Fixtures.write(dir, "scan" + version + ".gsnap", bytes))) {
      List<String> names = g.freeze();
      List<String> paths = g.filePaths();
      MutableRoaringBitmap odd = new MutableRoaringBitmap();
      for (int v = 1; v < names.size(); v += 2) {
        odd.add(v);
      }
      MutableRoaringBitmap expectedNames = new MutableRoaringBitmap();
      for (int v = 1; v < names.size(); v += 2) {
        if (names.get(v).contains("ß")) {
          expectedNames.add(v);
        }
      }
      byte[] sz = "ß".getBytes(StandardCharsets.UTF_8);
      assertEquals(expectedNames, s.namesMatching(odd, (utf8, n) -> contains(utf8, n, sz)));

      for (String prefix : List.of("", "src/", "src/test/", "a/tests", "tests/", "zzz", "src/f1", "\uFFFF")) {
        int start = -1;
        int end = -1;
        for (int f = 0; f < paths.size(); f++) {
          if (paths.get(f).startsWith(prefix)) {
            start = start < 0 ? f : start;
            end = f + 1;
          }
        }
        IdRange range = s.filesWithPrefix(prefix);
        if (start < 0) {
          assertEquals(0, range.size(), prefix);
        } else {
          assertEquals(new IdRange(start, end), range, prefix);
        }
        MutableRoaringBitmap expectedFiles = new MutableRoaringBitmap();
        for (int f = 0; f < paths.size(); f++) {
          if (paths.get(f).endsWith(".py")) {
            expectedFiles.add(f);
          }
        }
        assertEquals(expectedFiles, s.filesMatching(0, paths.size(), (utf8, n) -> n >= 3 && utf8[n - 3] == '.'
            && utf8[n - 2] == 'p' && utf8[n - 1] == 'y'));
      }

      Random r = new Random(23);
      for (int i = 0; i < 50; i++) {
        int from = r.nextInt(paths.size() + 1);
        int to = from + r.nextInt(paths.size() - from + 1);
        MutableRoaringBitmap expected = new MutableRoaringBitmap();
        for (int v = 0; v < names.size(); v++) {
          String file = g.nodes.get(names.get(v)).file;
          int f = file == null ? -1 : paths.indexOf(file);
          if (f >= from && f < to) {
            expected.add(v);
          }
        }
        assertEquals(expected, s.nodesOfFiles(from, to), "files [" + from + ", " + to + ")");
      }
      assertThrows(IndexOutOfBoundsException.class, () -> s.nodesOfFiles(1, 0));
      assertThrows(IndexOutOfBoundsException.class, () -> s.nodesOfFiles(0, paths.size() + 1));
      assertThrows(IndexOutOfBoundsException.class, () -> s.filesMatching(-1, 0, (utf8, n) -> true));
      MutableRoaringBitmap outside = MutableRoaringBitmap.bitmapOf(names.size());
      assertThrows(IndexOutOfBoundsException.class, () -> s.namesMatching(outside, (utf8, n) -> true));
      s.close();
      assertThrows(AlreadyClosedException.class, () -> s.namesMatching(odd, (utf8, n) -> true));
      assertThrows(AlreadyClosedException.class, () -> s.filesWithPrefix("src/"));
      assertThrows(AlreadyClosedException.class, () -> s.nodesOfFiles(0, 0));
      assertThrows(AlreadyClosedException.class, () -> s.filesMatching(0, 0, (utf8, n) -> true));
    }
  }

  private static boolean contains(byte[] text, int length, byte[] needle) {
    for (int i = 0; i + needle.length <= length; i++) {
      if (Arrays.equals(text, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
