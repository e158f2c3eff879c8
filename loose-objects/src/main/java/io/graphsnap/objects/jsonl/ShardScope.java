package io.graphsnap.objects.jsonl;

import java.util.Set;

/**
 * Confines an ingest to one shard of a folder of JSON Lines files that together describe the store's files
 * (a watched folder of {@code *.jsonl} shards): each path belongs to the one shard that lists it.
 * {@link JsonLinesIngester#shard} uses it so that:
 * <ul>
 *   <li>a line about a path another shard lists is a bad line naming that shard (the other shard's version stays);
 *   <li>{@link JsonLinesIngester#replaceAll replace-all} removes only paths this shard {@linkplain #owns owned} and
 *       no longer lists: other shards' files are untouched;
 *   <li>after a successful commit, {@link #committed} receives every path the input listed (good lines, and bad
 *       lines whose path could be read, except paths other shards own), whether that is all of them, and the
 *       index's files versions just before and just after the ingest (both read under the writer lock).
 * </ul>
 * Implementations are called from the ingesting thread only ({@link #ownerOf} also from its worker threads: it
 * must be safe to read concurrently while no ingest changes it).
 */
public interface ShardScope {
  /** The name of another shard that lists {@code path}, or null if none does. */
  String ownerOf(String path);

  /** Whether replace-all may remove {@code path} when this input does not list it. */
  boolean owns(String path);

  /**
   * Every path {@link #owns} is true for, if known (replace-all then looks at these alone, O(owned), instead of
   * every indexed path), or null (replace-all asks {@link #owns} about each indexed path, O(files)).
   */
  default java.util.Collection<String> ownedPaths() {
    return null;
  }

  /**
   * The ingest committed: {@code listed} are the paths its input listed (to own from now on), and the index's files
   * versions before and after it. {@code complete} is false if some bad line's path could not be read: then the line
   * may describe a path not in {@code listed}, and replace-all removed nothing.
   */
  void committed(Set<String> listed, boolean complete, String filesVersionBefore, String filesVersionAfter);
}
