/**
 * The SCIP front end: reads a SCIP index (the protobuf schema {@code scip.proto} of the sourcegraph/scip project) as
 * a stream, one document at a time, and maps each document to one loose object ({@code FileSummary}). Exports
 * {@code io.graphsnap.frontend.scip}; {@code io.graphsnap.frontend.scip.internal} (the protobuf wire readers) is
 * internal. Like every front end it needs only {@code format}: storing the summaries is the caller's job.
 */
module io.graphsnap.frontend.scip {
  requires transitive io.graphsnap.format;

  exports io.graphsnap.frontend.scip;
}
