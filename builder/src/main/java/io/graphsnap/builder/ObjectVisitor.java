package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;

/** Receives the loose objects of an {@link ObjectSource}, one call per object. */
@FunctionalInterface
public interface ObjectVisitor {
  /**
   * Receives one object. The visitor does not keep {@code summary} after it returns.
   *
   * @param id the object's id (SHA-256 of its bytes)
   * @param summary the decoded object
   * @throws IOException passed on to the caller of {@link ObjectSource#forEach}
   */
  void visit(ObjectId id, FileSummary summary) throws IOException;
}
