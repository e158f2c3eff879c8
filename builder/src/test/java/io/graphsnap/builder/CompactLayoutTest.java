package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.Components;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.DeadCode;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.EffectClosure;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.ShortestPaths;
import io.graphsnap.reader.analysis.StronglyConnectedComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * The same objects built with the fixed and the compact adjacency give the same answers on every read path: both
 * files verify, every other section is byte-identical, and neighbours (all and per type), degrees, edge positions,
 * call sites, reach, paths, SCCs, PageRank, dead code and effect closures agree node by node.
 */
class CompactLayoutTest {
  @TempDir Path dir;

  @Test
  void bothLayoutsAnswerAlike() throws Exception {
    List<FileSummary> files = RandomGraphTest.randomGraph(17, 60, 12, 4);
    Path fixedFile = dir.resolve("fixed.gsnap");
    Path compactFile = dir.resolve("compact.gsnap");
    new SnapshotBuilder().build(ObjectSource.of(files), fixedFile);
    BuildResult compactBuild = new SnapshotBuilder(BuildOptions.defaults().withLayout(CompactCsrFormat.Layout.COMPACT))
        .build(ObjectSource.of(files), compactFile);
    assertTrue(compactBuild.bytes() < Files.size(fixedFile), "compact is smaller");
    try (GraphSnapshot f = GraphSnapshot.open(fixedFile); GraphSnapshot c = GraphSnapshot.open(compactFile)) {
      assertEquals(SnapshotFormat.VERSION_CURRENT, c.formatVersion());
      assertEquals(CompactCsrFormat.Layout.FIXED, f.adjacencyLayout());
      assertEquals(CompactCsrFormat.Layout.COMPACT, c.adjacencyLayout());
      f.verify();
      c.verify();
      assertEquals(f.nodeCount(), c.nodeCount());
      assertEquals(f.edgeCount(), c.edgeCount());
      for (boolean reverse : new boolean[] {false, true}) {
        CsrView a = reverse ? f.reverse() : f.forward();
        CsrView b = reverse ? c.reverse() : c.forward();
        assertTrue(b.isCompact());
        EdgeCursor ca = a.cursor();
        EdgeCursor cb = b.cursor();
        for (int v = 0; v < f.nodeCount(); v++) {
          assertEquals(a.offset(v), b.offset(v));
          assertEquals(a.degree(v), b.degree(v));
          assertEquals(a.end(v), b.end(v));
          ca.reset(v);
          cb.reset(v);
          assertEquals(ca.position(), cb.position());
          for (int w = ca.next(); w >= 0; w = ca.next()) {
            assertEquals(w, cb.next());
            assertEquals(ca.type(), cb.type());
            assertEquals(ca.position(), cb.position());
          }
          assertEquals(EdgeCursor.END, cb.next());
          for (int t = 0; t < f.edgeTypes().size(); t++) {
            ca.reset(v, t);
            cb.reset(v, t);
            assertEquals(ca.size(), cb.size());
            for (int w = ca.next(); w >= 0; w = ca.next()) {
              assertEquals(w, cb.next());
            }
          }
        }
        for (long e = 0; e < f.edgeCount(); e += 7) {
          assertEquals(a.neighbour(e), b.neighbour(e));
          assertEquals(a.type(e), b.type(e));
        }
      }
      int calls = f.edgeTypeId("calls");
      for (int v = 0; v < f.nodeCount(); v++) {
        assertArrayEquals(f.outSites(v), c.outSites(v));
        EdgeCursor out = f.out(v);
        for (int w = out.next(); w >= 0; w = out.next()) {
          assertArrayEquals(f.sites(v, out.type(), w), c.sites(v, out.type(), w));
        }
        assertArrayEquals(f.sites(v, calls, 0), c.sites(v, calls, 0));
      }
      CsrGraph gf = CsrGraph.of(f);
      CsrGraph gc = CsrGraph.of(c);
      int[] seeds = {0, f.nodeCount() / 3, f.nodeCount() - 1};
      for (Direction d : Direction.values()) {
        assertArrayEquals(Reachability.reach(gf, seeds, EdgeTypeMask.all(), d, -1).nodes(),
            Reachability.reach(gc, seeds, EdgeTypeMask.all(), d, -1).nodes());
        assertArrayEquals(Reachability.reach(gf, seeds, EdgeTypeMask.of(calls), d, 2).nodes(),
            Reachability.reach(gc, seeds, EdgeTypeMask.of(calls), d, 2).nodes());
        assertEquals(ShortestPaths.between(gf, seeds[0], seeds[1], EdgeTypeMask.all(), d),
            ShortestPaths.between(gc, seeds[0], seeds[1], EdgeTypeMask.all(), d));
      }
      Components sf = StronglyConnectedComponents.of(gf, EdgeTypeMask.all());
      Components sc = StronglyConnectedComponents.of(gc, EdgeTypeMask.all());
      Components sv = StronglyConnectedComponents.of(c.forward(), EdgeTypeMask.all()); // a compact view directly
      for (int v = 0; v < f.nodeCount(); v++) {
        assertEquals(sf.component(v), sc.component(v));
        assertEquals(sf.component(v), sv.component(v));
      }
      assertArrayEquals(PageRank.on(gf).run().ranks(), PageRank.on(gc).run().ranks());
      RoaringBitmap all = new RoaringBitmap();
      all.add(0L, f.nodeCount());
      RoaringBitmap entries = RoaringBitmap.bitmapOf(seeds);
      assertEquals(DeadCode.unreachable(gf, all.toMutableRoaringBitmap(), entries.toMutableRoaringBitmap(),
          EdgeTypeMask.all()), DeadCode.unreachable(gc, all.toMutableRoaringBitmap(), entries.toMutableRoaringBitmap(),
          EdgeTypeMask.all()));
      EffectClosure ef = EffectClosure.of(f);
      EffectClosure ec = EffectClosure.of(c);
      for (int v = 0; v < f.nodeCount(); v++) {
        assertArrayEquals(ef.effects(v), ec.effects(v));
      }
      for (String q : List.of("out>2", "in.calls>=1", "out.references<2", "in<1")) {
        assertEquals(query(f, q), query(c, q), q);
        assertTrue(query(f, q).getCardinality() > 0, q);
      }
    }
  }

  @Test
  void bulkCursorReadsGiveWhatNextAndTypeGive() throws Exception {
    List<FileSummary> files = RandomGraphTest.randomGraph(29, 80, 12, 9);
    Path fixedFile = dir.resolve("fixed.gsnap");
    new SnapshotBuilder().build(ObjectSource.of(files), fixedFile);
    Path compactFile = dir.resolve("compact.gsnap");
    new SnapshotBuilder(BuildOptions.defaults().withLayout(CompactCsrFormat.Layout.COMPACT))
        .build(ObjectSource.of(files), compactFile);
    for (Path file : List.of(fixedFile, compactFile)) {
      try (GraphSnapshot g = GraphSnapshot.open(file)) {
        for (CsrView csr : List.of(g.forward(), g.reverse())) {
          EdgeCursor one = csr.cursor();
          EdgeCursor bulk = csr.cursor();
          int[] ids = new int[3]; // smaller than many rows: several calls per row
          byte[] types = new byte[3];
          long edges = 0;
          for (int v = 0; v < csr.nodeCount(); v++) {
            for (int t = -1; t < csr.edgeTypeCount(); t++) {
              if (t < 0) {
                one.reset(v);
                bulk.reset(v);
              } else {
                one.reset(v, t);
                bulk.reset(v, t);
              }
              for (int n = bulk.next(ids, t < 0 ? types : null); n > 0; n = bulk.next(ids, t < 0 ? types : null)) {
                for (int i = 0; i < n; i++) {
                  assertEquals(one.next(), ids[i], file + " node " + v);
                  if (t < 0) {
                    assertEquals(one.type(), types[i] & 0xFF);
                    edges++;
                  }
                }
              }
              assertEquals(EdgeCursor.END, one.next(), "the bulk reads ended with the row");
              assertEquals(0, bulk.next(ids, null));
            }
          }
          assertEquals(csr.edgeCount(), edges);
        }
      }
    }
  }

  @Test
  void pageRankOverCompactRowsDecodesItsInEdgesOnlyWithinItsLimit() throws Exception {
    List<FileSummary> files = RandomGraphTest.randomGraph(23, 1500, 12, 6); // several chunks of work
    Path fixedFile = dir.resolve("fixed.gsnap");
    new SnapshotBuilder().build(ObjectSource.of(files), fixedFile);
    Path compactFile = dir.resolve("compact.gsnap");
    new SnapshotBuilder(BuildOptions.defaults().withLayout(CompactCsrFormat.Layout.COMPACT))
        .build(ObjectSource.of(files), compactFile);
    try (GraphSnapshot f = GraphSnapshot.open(fixedFile); GraphSnapshot c = GraphSnapshot.open(compactFile)) {
      CsrGraph gf = CsrGraph.of(f);
      CsrGraph gc = CsrGraph.of(c);
      int calls = 0;
      for (boolean parallel : new boolean[] {false, true}) { // in place: no copy allowed
        assertArrayEquals(PageRank.on(gf).parallel(parallel).run().ranks(),
            PageRank.on(gc).parallel(parallel).decodedCopyLimit(0).run().ranks());
        assertArrayEquals(PageRank.on(gf).types(EdgeTypeMask.of(calls)).parallel(parallel).run().ranks(),
            PageRank.on(gc).types(EdgeTypeMask.of(calls)).parallel(parallel).decodedCopyLimit(0).run().ranks());
      }
      assertFalse(c.reverse().holdsDecodedCopy(), "the pull read the in-edge rows as they are");
      assertFalse(c.forward().holdsDecodedCopy(), "out-degrees come from the rows' heads, not a decoded copy");
      long copyBytes = 8L * (c.nodeCount() + 1L) + 5L * c.edgeCount();
      assertEquals(copyBytes, PageRank.on(gc).inEdgesCopyBytes());
      assertTrue(PageRank.on(gc).decodedCopyLimit(copyBytes - 1).readsInEdgesInPlace());
      assertFalse(PageRank.on(gc).decodedCopyLimit(copyBytes).readsInEdgesInPlace());
      assertFalse(PageRank.on(gf).decodedCopyLimit(0).readsInEdgesInPlace(), "a fixed snapshot is read as mapped");
      assertArrayEquals(PageRank.on(gf).run().ranks(), PageRank.on(gc).decodedCopyLimit(copyBytes - 1).run().ranks());
      assertFalse(c.reverse().holdsDecodedCopy(), "one byte over the limit: in place");
      assertArrayEquals(PageRank.on(gf).run().ranks(), PageRank.on(gc).decodedCopyLimit(copyBytes).run().ranks());
      assertTrue(c.reverse().holdsDecodedCopy(), "within the limit: decoded once");
      assertFalse(c.forward().holdsDecodedCopy());
      assertFalse(f.forward().holdsDecodedCopy());
    }
  }

  private static org.roaringbitmap.buffer.ImmutableRoaringBitmap query(GraphSnapshot g, String q) {
    return new io.graphsnap.reader.query.QueryEvaluator(g)
        .evaluate(new io.graphsnap.reader.query.QueryParser(g.edgeTypes()).parse(q)).nodes();
  }
}
