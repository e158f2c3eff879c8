package io.graphsnap.objects.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of sorted symbol-run inputs ({@link SymbolRuns}): each key once, with the op of its newest input.
 * Not API. Stateless; each merge uses its sources once.
 */
final class SymbolMerge {
  private static final Comparator<byte[]> KEYS = Arrays::compareUnsigned;

  private SymbolMerge() {}

  /** One input of a merge: its keys strictly increasing (sorted, each once). */
  interface Source {
    boolean next();

    byte[] key();

    byte op();
  }

  /** A source in a merge with its age (its index among the sources: higher is newer). */
  private record Head(Source source, int age) {}

  /** Receives the merged entries in key order. */
  interface Sink {
    void accept(byte[] key, byte op);
  }

  /** A source over every entry of {@code run}. */
  static Source of(SymbolRun run) {
    SymbolRun.Cursor cursor = run.cursor();
    return new Source() {
      @Override
      public boolean next() {
        return cursor.next();
      }

      @Override
      public byte[] key() {
        return cursor.key();
      }

      @Override
      public byte op() {
        return cursor.op();
      }
    };
  }

  /**
   * K-way merge of {@code sources} (oldest first): each key once, with its newest op. O(entries · log sources).
   */
  static void merge(List<Source> sources, Sink sink) {
    if (sources.size() == 1) { // a spill or a lone run: its keys are already each once, in order
      Source only = sources.get(0);
      while (only.next()) {
        sink.accept(only.key(), only.op());
      }
      return;
    }
    PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> {
      int c = KEYS.compare(a.source().key(), b.source().key());
      return c != 0 ? c : Integer.compare(b.age(), a.age()); // newest first among equal keys
    });
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).next()) {
        queue.add(new Head(sources.get(i), i));
      }
    }
    while (!queue.isEmpty()) {
      Head top = queue.poll();
      byte[] key = top.source().key();
      sink.accept(key, top.source().op());
      advance(queue, top);
      while (!queue.isEmpty() && KEYS.compare(queue.peek().source().key(), key) == 0) {
        advance(queue, queue.poll());
      }
    }
  }

  private static void advance(PriorityQueue<Head> queue, Head head) {
    if (head.source().next()) {
      queue.add(head);
    }
  }
}
