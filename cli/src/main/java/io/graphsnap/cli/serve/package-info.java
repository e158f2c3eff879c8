/**
 * {@code graphsnap serve}: the published snapshot over HTTP/JSON, read-only, following {@code refs/HEAD} (and the
 * layered head over it, {@code layers/CURRENT}).
 *
 * <p>Life cycle: {@link io.graphsnap.cli.serve.ApiServer#start} maps HEAD's snapshot into a
 * {@link io.graphsnap.cli.serve.LiveSnapshot} → requests {@linkplain io.graphsnap.cli.serve.LiveSnapshot#acquire
 * acquire} a {@link io.graphsnap.cli.serve.SnapshotLease}, answer from it, release it → a
 * {@link io.graphsnap.cli.serve.HeadFollower} maps each newly published snapshot and swaps it in → the replaced
 * mapping closes when its last lease is released → {@link io.graphsnap.cli.serve.ApiServer#close}.
 *
 * <h2>The hot-swap contract</h2>
 * <ol>
 *   <li>A request acquires the current lease once, before it reads anything, and answers wholly from that
 *       snapshot; the response names it ({@code Graphsnap-Snapshot: ID}). No answer mixes two snapshots.</li>
 *   <li>A publish (by this process's {@code --watch} or by any other process) renames {@code refs/HEAD} into
 *       place; the follower sees it through a {@code WatchService} on {@code refs/} (or its poll), maps the new
 *       file and checks it ({@code GraphSnapshot.open}) before swapping: a snapshot that does not open is
 *       reported and the previous one stays served.</li>
 *   <li>The swap is one atomic reference exchange. Requests that acquired the old lease finish on it; new ones
 *       get the new lease.</li>
 *   <li>Each lease counts its holders (the live snapshot while current, plus each request). The holder that
 *       releases last unmaps the file, exactly once; a closed lease can never be acquired again (acquire retries
 *       on the current one), so no request ever reads unmapped memory.</li>
 *   <li>gc may delete a served snapshot's file: on Linux and macOS the mapping stays readable until released.
 *       {@code index rebuild} and writers never touch what the server reads (refs and snapshot files only; the
 *       server takes no lock and never opens {@code index.db}).</li>
 *   <li>Layers: while the store's head is a base + delta ({@code layers/CURRENT} over HEAD's snapshot), the follower
 *       serves it as one lease named {@code <base>+<delta>} ({@code LayeredSnapshot}); the point questions answer
 *       from it with the bytes the folded snapshot will give, and every other question waits for the next whole
 *       snapshot ({@link io.graphsnap.cli.serve.LiveSnapshot#acquireWhole}), so answers never go back to an older
 *       state than one served. A layer whose delta vanished before it was opened is skipped (a newer state replaced
 *       it); a damaged one is reported and HEAD's snapshot served.</li>
 *   <li>Kept answers ({@link io.graphsnap.cli.serve.AnswerMemo}: PageRank, cycles, degrees, effects) are stored
 *       with the id of the snapshot they were computed on and served only to a request whose lease is that
 *       snapshot; they are kept only about the current snapshot, and all are dropped once another is current.
 *       The {@link io.graphsnap.cli.serve.AnswerWarmer} computes the explorer's on each new current snapshot
 *       (holding a lease of its own while it does; it abandons a replaced snapshot at its next question).</li>
 * </ol>
 *
 * <h2>Security model</h2>
 * Loopback by default; any other {@code --bind} requires {@code --token-file}, and then every request without
 * {@code Authorization: Bearer TOKEN} gets 401 (compared in constant time). Read-only: only GET, only the query
 * endpoints, no parameter may name a file, a store or another snapshot. Bounded: request line and headers, query
 * length, request and response time, connections, and the number of expensive requests at once (429 beyond).
 */
package io.graphsnap.cli.serve;
