package io.graphsnap.builder;

/**
 * A name declared by two files that may not share it (not both the same namespace kind). The build keeps the
 * declaration of the path that sorts first (code-point order) and drops the other one with its outgoing edges.
 * Immutable.
 *
 * @param name the symbol name
 * @param keptPath the path whose declaration the snapshot holds
 * @param droppedPath the path whose declaration (and outgoing edges) the snapshot left out
 */
public record Conflict(String name, String keptPath, String droppedPath) {}
