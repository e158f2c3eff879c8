package io.graphsnap.objects;

import java.io.IOException;
import java.nio.file.Path;

/** The store holds no object with the id asked for. The message names the id and the file looked for. */
public final class NoSuchObjectException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient ObjectId id;

  /** Creates the exception for {@code id}, looked for at {@code file}. */
  public NoSuchObjectException(ObjectId id, Path file) {
    this(id, file, "");
  }

  /** Creates the exception for {@code id}, looked for at {@code file} and {@code where} (e.g. "and in 3 packs"). */
  public NoSuchObjectException(ObjectId id, Path file, String where) {
    super("no such object " + id.hex() + " (file=" + file + (where.isEmpty() ? "" : ", " + where) + ")");
    this.id = id;
  }

  /** The id that was not found. */
  public ObjectId id() {
    return id;
  }
}
