/**
 * The store of loose objects: content-addressed object files, the MapDB index and its sorted runs, refs to published snapshots
 * with their history, and garbage collection.
 *
 * <p>Life cycle: {@link io.graphsnap.objects.Store#open} takes the writer lock (optionally waiting for it)
 * → a front end opens an {@link io.graphsnap.objects.IndexUpdate}, {@code put}s file summaries (staged in an
 * {@link io.graphsnap.objects.ObjectBatch}) and {@code commit}s: objects made durable, then the index in one
 * transaction → the builder reads the {@link io.graphsnap.objects.BuildJournal} (last build, changed paths)
 * and the objects → {@link io.graphsnap.objects.Store#publishSnapshot(java.nio.file.Path, String,
 * java.util.Collection)} installs the snapshot, records the build and moves the refs → {@link
 * io.graphsnap.objects.Store#collectGarbage} deletes what no kept ref reaches → {@code close} releases the
 * lock. Readers use {@link io.graphsnap.objects.SnapshotRefs}, {@link io.graphsnap.objects.RefLogs} and
 * {@link io.graphsnap.objects.Store#headSnapshot(java.nio.file.Path)}, lock-free.
 *
 * <h2>Crash behaviour</h2>
 * A process may die (SIGKILL, power loss) at any instruction; the store stays usable and the published
 * snapshot intact, because every step either completes or leaves nothing that anything names:
 * <ul>
 *   <li><b>Objects</b> are written to {@code tmp/}, forced to disk, and only then renamed to their content
 *       name, whose folder is forced before any index commit names them. A file under its content name is
 *       therefore always complete. A crash leaves temporaries (removed by the next {@code open}) and maybe
 *       complete objects no index entry names (removed by gc).
 *   <li><b>Runs</b> ({@code symbols/}, the symbol → objects table; {@code pending/}, the paths changed since the
 *       last build; {@code records/}, the reachability records as a log; all as sorted runs): a transaction's runs are
 *       written to temporary files, forced, renamed into place and their folder forced before the MapDB commit
 *       that lists them; a run not in {@code index.db}'s committed list is garbage, deleted at the next open. So
 *       the list never names a run that is not whole and durable, and a crash never loses a listed one.
 *   <li><b>The index</b> ({@code index.db}, MapDB with transactions) changes in one transaction per ingest,
 *       one per publish and one per gc, committed only after the objects (and the snapshot file) it names are
 *       durable. MapDB 3.1.0 does not replay its own write-ahead log on open, so a process killed inside its
 *       commit can leave {@code index.db} half-written (measured: 5 of 40 SIGKILLs in a loop of commits). Each
 *       commit is therefore framed in a commit log, {@code index.db.log}: a BEGIN record with the commit's file
 *       changes is forced to disk first, an END record after MapDB's commit returned; a publish empties the
 *       log. When {@code open} finds a BEGIN without END, it sets {@code index.db} aside as {@code
 *       index.db.torn} and rebuilds the index from the published snapshot's file table plus the file changes
 *       of the completed commits since, dropping the unfinished one: an ingest is all there or not at all (its
 *       paths stay pending until a build runs), a build is recorded or not. A recovered index keeps every ref's
 *       current value but starts its history afresh, and gc keeps every object until the kept snapshots have
 *       build generations again.
 *   <li><b>Publishing</b> moves the finished snapshot into {@code snapshots/} (forced, atomic rename, folder
 *       forced), commits the index (build recorded, refs and history set), then replaces each ref file
 *       atomically. A crash before the commit leaves the old refs and an unreferenced snapshot file (gc
 *       removes it); a crash after it leaves ref files one step behind, which the next {@code open} rolls
 *       forward. {@code refs/HEAD} always names a complete snapshot. The ref logs ({@code logs/NAME}, each ref's
 *       history with times for lock-free readers, {@link io.graphsnap.objects.RefLogs}) are replaced the same
 *       way after the commit, and rolled forward by {@code open} likewise.
 *   <li><b>Deleting a ref</b> ({@link io.graphsnap.objects.Store#deleteRef}) commits the index first (ref and
 *       history removed, a tombstone recorded), then deletes the ref file and its log, each folder forced. A
 *       crash before the commit leaves the ref as it was; after it, the next {@code open} finishes the deletion.
 *   <li><b>An interrupted build</b> leaves its temporary file in {@code tmp/}; rerunning it starts again from
 *       the same journal and gives the same bytes.
 *   <li><b>gc</b> commits the index (history window, dead records) before deleting files, and deletes only
 *       files that nothing kept names, so an interrupted gc leaves garbage files for the next one, never a
 *       dangling name.
 * </ul>
 * If MapDB reports its file damaged when no commit was cut short, {@link
 * io.graphsnap.objects.DamagedIndexException} says so; the objects and snapshots are separate files and
 * {@code graphsnap index rebuild} rebuilds the index from them.
 *
 * <h2>Readers, gc and other systems</h2>
 * Readers never take the lock. On Linux and macOS a snapshot file gc deletes stays readable by processes
 * that mapped it until they close it. Windows refuses to delete a file that is mapped or open: there gc skips
 * such files, lists them in {@link io.graphsnap.objects.GcReport#skipped()}, and the next gc tries again;
 * readers should close snapshots they no longer use.
 */
package io.graphsnap.objects;
