/**
 * Internals of the reader, not API: one class per section shape (StringList, BitmapList, node records, file
 * table, details) reading the mapped bytes in place with the bounds checks that keep a damaged file from
 * reading out of range, plus the verifiers. Life cycle: created by {@link io.graphsnap.reader.GraphSnapshot}
 * at open over slices of its arena, shared by all threads, invalid once the snapshot is closed.
 */
package io.graphsnap.reader.internal;
