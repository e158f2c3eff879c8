package io.graphsnap.frontend.java;

/**
 * One source file read from a {@link SourceTree}: its repository-relative path and its bytes.
 *
 * <p>The array is handed over: {@link SourceTree} never keeps or reuses it, and the record does not copy
 * it, so the receiver owns it.
 *
 * @param path repository-relative, {@code /}-separated, normalised path (a zip entry name for archives)
 * @param bytes the file's bytes, exactly as stored
 */
public record SourceFile(String path, byte[] bytes) {}
