/**
 * The loose object and the snapshot's byte layout. Exports the data model and codec
 * ({@code io.graphsnap.format.object}) and the snapshot's format classes ({@code io.graphsnap.format.snapshot});
 * the FlatBuffers classes generated from {@code loose_object.fbs} ({@code io.graphsnap.format.fbs}) are internal:
 * {@code LooseObjectCodec} is the way in.
 *
 * <p>flatbuffers-java 2.0.8 has neither a module descriptor nor an {@code Automatic-Module-Name}, so it is required
 * by the name derived from its file, {@code flatbuffers.java} (javac warns about that; the name is stable as long
 * as the artifact id is).
 */
module io.graphsnap.format {
  requires flatbuffers.java;

  exports io.graphsnap.format.object;
  exports io.graphsnap.format.snapshot;
  exports io.graphsnap.format.delta;
}
