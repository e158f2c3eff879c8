/**
 * The full build's bounded memory: temporary files of sorted runs ({@link io.graphsnap.builder.internal.spill.SpillFiles}),
 * their bounds-checked sequential I/O, the external sorters of edge keys and of sited edges, and the collected edge
 * columns that spill in blocks. Everything here is a temporary: removed when the build ends, and (in a store's
 * {@code tmp/}) at the next store open after a crash. Internal.
 */
package io.graphsnap.builder.internal.spill;
