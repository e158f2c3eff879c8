package io.graphsnap.frontend.java;

/**
 * A file that could not be extracted: it did not parse, could not be read, or broke a limit.
 *
 * @param path the repository-relative path
 * @param message what went wrong; for a syntax error {@code path:line:column: javac's message}
 */
public record ExtractionFailure(String path, String message) {}
