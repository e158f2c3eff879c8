/**
 * The SCIP front end: a SCIP index ({@code scip.proto} of sourcegraph/scip) in, one loose object per document out.
 *
 * <p>Life cycle, one document at a time:
 * <ol>
 *   <li>{@link io.graphsnap.frontend.scip.ScipIndexReader} streams the {@code Index} message and returns each
 *       {@code Document} decoded into a {@link io.graphsnap.frontend.scip.ScipDocument} (flat columns; every length
 *       checked against the bytes left and {@link io.graphsnap.frontend.scip.ScipLimits} before anything is allocated);
 *   <li>{@link io.graphsnap.frontend.scip.SourceFiles} hashes the document's source file, if it is under the root;
 *   <li>{@link io.graphsnap.frontend.scip.DocumentMapper} maps it to a {@code FileSummary}, naming symbols with
 *       {@link io.graphsnap.frontend.scip.ScipSymbol#readableName()} and reporting problems per occurrence or symbol;
 *   <li>{@link io.graphsnap.frontend.scip.ScipIngest} drives the three, drops duplicate paths, and hands each summary
 *       to its sink (the store's {@code IndexUpdate}); the caller commits and builds.
 * </ol>
 */
package io.graphsnap.frontend.scip;
