package io.graphsnap.frontend.scip;

/**
 * The index's {@code Metadata} message (field 1 of {@code Index}): which tool wrote it and where the sources were.
 * Immutable.
 *
 * @param toolName {@code tool_info.name} ({@code scip-typescript}), or empty
 * @param toolVersion {@code tool_info.version}, or empty
 * @param projectRoot {@code project_root}, a URI ({@code file:///home/me/shop}), or empty
 * @param textEncoding {@code text_document_encoding}: 0 unspecified, 1 UTF-8, 2 UTF-16
 */
public record ScipMetadata(String toolName, String toolVersion, String projectRoot, int textEncoding) {}
