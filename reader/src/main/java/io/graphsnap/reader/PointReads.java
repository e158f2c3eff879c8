package io.graphsnap.reader;

import java.util.List;

/**
 * The questions about one node or one file, by id, that a snapshot ({@link GraphSnapshot}) and a base with a delta on
 * top ({@link LayeredSnapshot}) both answer, with the same meaning: what a caller needs to describe a symbol or list a
 * file's symbols without caring which of the two it reads. Ids are the implementation's own (a layered graph's new
 * names have ids past the base's); each method costs what the implementation documents (O(1) or a binary search on a
 * snapshot, plus a look-up in the delta's short lists on a layered graph). Implementations are immutable and
 * thread-safe; results are heap objects the caller owns.
 */
public interface PointReads {
  /** Node {@code id}'s name. */
  String name(int id);

  /** Node {@code id}'s kind. */
  String kind(int id);

  /** Node {@code id}'s effects, sorted by name. */
  List<String> effects(int id);

  /** Whether node {@code id} is external: a target no file declares. */
  boolean isExternal(int id);

  /** Node {@code id}'s file path, or {@code null} for an external node. */
  String file(int id);

  /** Node {@code id}'s first line. */
  int lineStart(int id);

  /** Node {@code id}'s last line. */
  int lineEnd(int id);

  /** Node {@code id}'s content hash, notes and metadata. */
  NodeDetails details(int id);

  /** The id of the file at {@code path} (normalised), or -1. */
  int fileId(String path);

  /** File {@code fileId}'s path. */
  String filePath(int fileId);

  /** File {@code fileId}'s language. */
  String fileLanguage(int fileId);

  /** File {@code fileId}'s object id (hex). */
  String fileObjectId(int fileId);

  /** File {@code fileId}'s symbols, by first line ascending, last line descending, then name. A new array. */
  int[] fileSymbols(int fileId);
}
