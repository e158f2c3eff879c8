/**
 * The loose object: the immutable summary of one source file, and its FlatBuffers codec.
 *
 * <p>Life cycle: a front end (JSON Lines, the Java extractor, a generator) builds a {@link
 * io.graphsnap.format.object.FileSummary}; {@link io.graphsnap.format.object.LooseObjectCodec#encode}
 * turns it into canonical bytes; the object store names them by SHA-256; the builder reads them back with
 * {@link io.graphsnap.format.object.LooseObjectCodec#decode}, which checks every offset first.
 */
package io.graphsnap.format.object;
