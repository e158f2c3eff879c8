/**
 * {@code graphsnap watch} (and {@code serve --watch}): a store that follows a source tree, a JSON Lines file or a
 * folder of JSON Lines shards ({@code --jsonl DIR}, {@link io.graphsnap.cli.watch.JsonlShards}).
 *
 * <p>Life cycle: {@link io.graphsnap.cli.watch.Watcher#start} registers the watches and builds once → a
 * {@link io.graphsnap.cli.watch.TreeWatcher} hands out debounced batches of changes → each batch runs one build
 * and publish → {@link io.graphsnap.cli.watch.Watcher#close}.
 *
 * <h2>What watch mode guarantees</h2>
 * <ol>
 *   <li>Every change is followed by a build that starts after it: a change during a build makes another batch.
 *       Lost events (the kernel's queue overflowed) cost nothing, since each build rescans the tree's hashes.</li>
 *   <li>Builds go through the command line's own incremental path ({@code build PATH}; {@code ingest
 *       --replace-all} and {@code snapshot} for a {@code .jsonl} file): unchanged files are not extracted again,
 *       and the snapshot is the one a manual build would publish, byte for byte. A Java tree's builds are
 *       resident ({@link io.graphsnap.cli.BuildMemory}): the stat cache, each file's declarations, the
 *       declaration table and an index of every file's words stay in memory between saves, so a save costs the
 *       changed files, the files that write a changed declaration's names, and the snapshot's incremental
 *       write; the store's own state is read again whenever another writer built in between.</li>
 *   <li>A file that fails to parse is reported (path, line, message) and keeps its previous version in the
 *       snapshot; the other changes are published. A build that fails as a whole leaves the previous snapshot
 *       published.</li>
 *   <li>Editors' save patterns (write a temporary file and rename it, delete and recreate) are seen as a change of
 *       the real file; folders created while watching are registered, with what they already hold; removed
 *       folders are forgotten. The store's folder and {@code .git} are never watched.</li>
 *   <li>Builds take the store's writer lock like any writer (waiting up to 60 s for another one).</li>
 *   <li>A folder of shards: a save ingests only the saved shard, with replace-all for the paths that shard owns;
 *       other shards' files are untouched; a path in two shards is an error naming both; deleted shards' files are
 *       removed ({@link io.graphsnap.cli.watch.JsonlShards}).</li>
 *   <li>What the watch does is reported to a {@link io.graphsnap.cli.watch.BuildActivity}, which the server's answer
 *       warmer waits on, so that background work does not compete with a build.</li>
 *   <li>Layers ({@link io.graphsnap.cli.watch.LayerPolicy}): once the whole snapshot is large, a save is published as
 *       a delta over the last whole snapshot ({@code snapshot --layer}, {@code build --layer}: {@code layers/CURRENT},
 *       O(change)) and folded into a whole snapshot when the tree is quiet, after at most 10 s, or at once when a
 *       server in the process waits for one ({@link io.graphsnap.cli.watch.BuildActivity#wantWhole}). The folded
 *       snapshot is the one a manual build would publish, byte for byte; until then commands that read
 *       {@code refs/HEAD} see the previous whole snapshot.</li>
 * </ol>
 */
package io.graphsnap.cli.watch;
