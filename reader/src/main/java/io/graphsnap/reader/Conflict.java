package io.graphsnap.reader;

/**
 * A name declared by two files with different kinds: the build kept the declaration from the path that
 * sorts first and dropped the other. Immutable.
 *
 * @param name the symbol name
 * @param keptPath the file whose declaration the snapshot holds
 * @param droppedPath the file whose declaration was dropped
 */
public record Conflict(String name, String keptPath, String droppedPath) {}
