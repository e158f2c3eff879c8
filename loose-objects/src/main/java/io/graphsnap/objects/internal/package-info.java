/**
 * Not API: durable file operations, the writer lock, and the byte encodings of index keys and values.
 * May change without notice; use {@link io.graphsnap.objects} instead.
 */
package io.graphsnap.objects.internal;
