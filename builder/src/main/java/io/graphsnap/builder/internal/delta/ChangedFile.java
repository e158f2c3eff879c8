package io.graphsnap.builder.internal.delta;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.ObjectId;
import java.util.Map;

/**
 * A path whose object differs between the base snapshot and now. Immutable.
 *
 * @param path the path
 * @param baseFileId its file id in the base, or -1 if it is new
 * @param now its current object, or {@code null} if it was deleted
 * @param nowObject the id of {@code now}, or {@code null}
 * @param before its declarations in the base's object (empty if new)
 * @param after its declarations now (empty if deleted)
 */
record ChangedFile(String path, int baseFileId, FileSummary now, ObjectId nowObject, Map<String, Decl> before,
    Map<String, Decl> after) {}
