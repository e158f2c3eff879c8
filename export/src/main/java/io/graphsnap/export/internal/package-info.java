/**
 * Helpers of the exporters; not API. {@link io.graphsnap.export.internal.AtomicFile} writes each output file
 * under a temporary name and renames it into place on success.
 */
package io.graphsnap.export.internal;
