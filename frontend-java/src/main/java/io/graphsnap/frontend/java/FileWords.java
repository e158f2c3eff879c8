package io.graphsnap.frontend.java;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An inverted index of a source tree's files by the keys {@link DeclarationChange#affects} tests (identifiers,
 * tested class names, {@code close} for {@code try}, with {@code \\u} escapes read both ways), so that a resident
 * build finds the files a declaration change affects without reading every file again:
 * {@link #affectedBy(DeclarationChange)} answers exactly the paths whose current bytes {@code change.affects}.
 *
 * <p>Cost: {@link #put} is O(file size); {@link #affectedBy} is O(postings of the change's words). Memory: one
 * {@code int} per distinct key of each file (about 300 per file of the JDK's sources) plus the key strings. A
 * replaced or removed file's postings are dropped lazily (its id is retired; ids are compacted when more than
 * half of all postings are retired). Not thread-safe.
 */
public final class FileWords {
  private final Map<String, Integer> idOfPath = new HashMap<>();
  private final Map<String, int[]> postings = new HashMap<>(); // key -> [size, id, id, ...]
  private String[] pathOfId = new String[1024];
  private int nextId;
  private long livePostings;
  private long retiredPostings;
  private int[] postingsOfId = new int[1024];

  /** Records {@code path}'s keys from its current bytes, in place of what was recorded for it. */
  public void put(String path, byte[] sourceBytes) {
    remove(path);
    Set<String> keys = keysOf(sourceBytes);
    int id = nextId++;
    if (id == pathOfId.length) {
      pathOfId = Arrays.copyOf(pathOfId, id * 2);
      postingsOfId = Arrays.copyOf(postingsOfId, id * 2);
    }
    pathOfId[id] = path;
    postingsOfId[id] = keys.size();
    idOfPath.put(path, id);
    for (String k : keys) {
      int[] list = postings.get(k);
      if (list == null) {
        list = new int[4];
      } else if (list[0] + 1 == list.length) {
        list = Arrays.copyOf(list, list.length * 2);
      }
      list[++list[0]] = id;
      postings.put(k, list);
    }
    livePostings += keys.size();
  }

  /** Forgets {@code path} (nothing if it is not recorded). */
  public void remove(String path) {
    Integer id = idOfPath.remove(path);
    if (id == null) {
      return;
    }
    pathOfId[id] = null;
    livePostings -= postingsOfId[id];
    retiredPostings += postingsOfId[id];
    if (retiredPostings > livePostings && retiredPostings > 1 << 16) {
      compact();
    }
  }

  /** True if {@code path} is recorded. */
  public boolean contains(String path) {
    return idOfPath.containsKey(path);
  }

  /** The number of recorded files. */
  public int size() {
    return idOfPath.size();
  }

  /**
   * The recorded paths that {@code change} affects (sorted), or null for {@link DeclarationChange#all() every
   * file}.
   */
  public Set<String> affectedBy(DeclarationChange change) {
    if (change.all()) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    for (String w : change.words()) {
      int[] list = postings.get(w);
      if (list == null) {
        continue;
      }
      for (int i = 1; i <= list[0]; i++) {
        String p = pathOfId[list[i]];
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The keys of a file's bytes, as {@link DeclarationChange#affects} reads them (UTF-8, escapes both ways). */
  static Set<String> keysOf(byte[] sourceBytes) {
    String text = new String(sourceBytes, StandardCharsets.UTF_8);
    Set<String> keys = new HashSet<>();
    DeclarationChange.scanKeys(text, k -> {
      keys.add(k);
      return false;
    });
    if (text.indexOf("\\u") >= 0) {
      DeclarationChange.scanKeys(DeclarationChange.unescape(text), k -> {
        keys.add(k);
        return false;
      });
    }
    return keys;
  }

  private void compact() {
    int[] newId = new int[nextId];
    String[] paths = new String[Math.max(1024, idOfPath.size() * 2)];
    int[] counts = new int[paths.length];
    int n = 0;
    for (int id = 0; id < nextId; id++) {
      if (pathOfId[id] != null) {
        newId[id] = n;
        paths[n] = pathOfId[id];
        counts[n] = postingsOfId[id];
        idOfPath.put(pathOfId[id], n);
        n++;
      } else {
        newId[id] = -1;
      }
    }
    for (var it = postings.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      int[] list = e.getValue();
      int kept = 0;
      for (int i = 1; i <= list[0]; i++) {
        int to = newId[list[i]];
        if (to >= 0) {
          list[++kept] = to;
        }
      }
      if (kept == 0) {
        it.remove();
      } else {
        list[0] = kept;
      }
    }
    pathOfId = paths;
    postingsOfId = counts;
    nextId = n;
    retiredPostings = 0;
  }
}
