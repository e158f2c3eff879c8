package io.graphsnap.cli.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers of the server's costly whole-graph questions about the snapshot it serves, kept for the next asker:
 * PageRank, cycles, the degree distribution and a symbol's effects depend on nothing but the snapshot and the
 * request's parameters, and on a million symbols take seconds (PageRank over 10 M edges about 10 s on a loaded
 * 2-core machine), while the explorer asks the same ones on every visit of the overview or a symbol. Keyed by the
 * endpoint's command and the raw query string (the same question spelt differently is computed again); all entries
 * are dropped when an answer about another snapshot is put (a hot swap), so an answer is only ever served with the
 * snapshot id it was computed on. At most {@link #CAPACITY} answers, least recently used dropped first, and only
 * answers of at most {@link #MAX_ITEMS} list items (a {@code pagerank?top=1000000} is not kept).
 *
 * <p>Thread-safe: every method is synchronized (each is a map operation; the answers are computed outside).
 */
final class AnswerMemo {
  /** The commands whose answers are kept: functions of the snapshot and the parameters only. */
  static final Set<String> COMMANDS = Set.of("pagerank", "cycles", "degrees", "effects");
  static final int CAPACITY = 64;
  static final int MAX_ITEMS = 1000;

  private String snapshotId;
  private final Map<String, Object> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Whether answers of {@code command} are kept. */
  static boolean keeps(String command) {
    return COMMANDS.contains(command);
  }

  /** The kept answer of {@code key} on snapshot {@code id}, or null. */
  synchronized Object get(String id, String key) {
    return id.equals(snapshotId) ? answers.get(key) : null;
  }

  /** Keeps {@code answer} of {@code key}, computed on snapshot {@code id} (dropping every answer about another one). */
  synchronized void put(String id, String key, Object answer) {
    if (answer instanceof List<?> list && list.size() > MAX_ITEMS) {
      return;
    }
    if (!id.equals(snapshotId)) {
      answers.clear();
      snapshotId = id;
    }
    answers.put(key, answer);
  }
}
