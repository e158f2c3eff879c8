package io.graphsnap.frontend.scip;

import io.graphsnap.frontend.scip.internal.ProtoBuffer;
import io.graphsnap.frontend.scip.internal.ProtoStream;
import io.graphsnap.frontend.scip.internal.ScipFormatException;
import io.graphsnap.frontend.scip.internal.WireType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams a SCIP {@code Index} message: {@code Index --> (Metadata [field 1] | Document [field 2] | SymbolInformation
 * [field 3, external symbols] | unknown field)*}, each a key and (for length-delimited fields) a varint length. One
 * {@link #next()} call reads one document and returns it decoded, so memory stays bounded by the largest document,
 * never the index; external symbols and unknown fields are skipped without being held.
 *
 * <p>Every length is checked before anything is allocated: against the bytes left in the input when its size is
 * known, and against {@link ScipLimits} (a larger document is skipped as it streams past, and reported with its
 * path when the path can be found in it). A document whose bytes are all there but do not decode is reported and
 * skipped; reading goes on with the next one. A truncated index or a length that runs past the end stops the reading
 * with a fatal {@link ScipEntry.Problem}: what was read before stands.
 *
 * <p>Mutable, not thread-safe; does not close the stream (pass it buffered). O(bytes of the index) in total.
 */
public final class ScipIndexReader {
  /** The longest path looked for in a document that is skipped for its size. */
  static final int MAX_SCANNED_PATH_BYTES = 4096;

  private final ProtoStream in;
  private final ScipLimits limits;
  private ScipMetadata metadata;
  private int documents;
  private long externalSymbols;
  private boolean done;

  /**
   * @param in the index, at its first byte (buffer it: keys are read byte by byte)
   * @param size the index's size in bytes, or -1 if unknown (then lengths are checked against the caps only)
   * @param limits the caps
   */
  public ScipIndexReader(InputStream in, long size, ScipLimits limits) {
    this.in = new ProtoStream(in, size);
    this.limits = limits;
  }

  /** The metadata, once it has been read (it comes first in a well-formed index), else {@code null}. */
  public ScipMetadata metadata() {
    return metadata;
  }

  /** Documents met so far, decoded or not. */
  public int documentsSeen() {
    return documents;
  }

  /** External symbols (Index field 3) skipped so far. */
  public long externalSymbolsSkipped() {
    return externalSymbols;
  }

  /** Bytes read so far. */
  public long offset() {
    return in.offset();
  }

  /**
   * Reads up to and including the next document, or the next problem.
   *
   * @return a {@link ScipEntry.Document} or {@link ScipEntry.Problem}, or {@code null} at the end of the index (or
   *     after a fatal problem)
   * @throws IOException if the stream cannot be read
   */
  public ScipEntry next() throws IOException {
    while (!done) {
      long at = in.offset();
      try {
        long key = in.readKeyOrEnd();
        if (key < 0) {
          done = true;
          return null;
        }
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        switch (field) {
          case 1 -> {
            ScipEntry problem = metadata(type, at);
            if (problem != null) {
              return problem;
            }
          }
          case 2 -> {
            return document(type, at);
          }
          case 3 -> {
            DocumentDecoder.expect(type, WireType.LENGTH_DELIMITED, "Index.external_symbols", at);
            in.skip(in.readLength("Index.external_symbols"), "an external symbol");
            externalSymbols++;
          }
          default -> in.skipValue(type, "unknown field " + field);
        }
      } catch (ScipFormatException e) {
        done = true;
        return new ScipEntry.Problem(-1, at, null, e.getMessage() + "; the rest of the index is not read", true);
      }
    }
    return null;
  }

  private ScipEntry metadata(int type, long at) throws IOException {
    DocumentDecoder.expect(type, WireType.LENGTH_DELIMITED, "Index.metadata", at);
    long length = in.readLength("Index.metadata");
    if (length > limits.maxMetadataBytes()) {
      in.skip(length, "Index.metadata");
      return new ScipEntry.Problem(-1, at, null, "metadata of " + length + " bytes is larger than the limit of "
          + limits.maxMetadataBytes() + " bytes; skipped", false);
    }
    long start = in.offset();
    byte[] bytes = in.readBytes((int) length, "Index.metadata");
    try {
      metadata = decodeMetadata(new ProtoBuffer(bytes, 0, bytes.length, start));
      return null;
    } catch (ScipFormatException e) {
      return new ScipEntry.Problem(-1, at, null, "metadata: " + e.getMessage() + "; ignored", false);
    }
  }

  private ScipEntry document(int type, long at) throws IOException {
    DocumentDecoder.expect(type, WireType.LENGTH_DELIMITED, "Index.documents", at);
    int ordinal = documents++;
    long length = in.readLength("document " + ordinal);
    long start = in.offset();
    if (length > limits.maxDocumentBytes()) {
      String path = scanPath(length);
      return new ScipEntry.Problem(ordinal, at, path, "document of " + length + " bytes is larger than the limit of "
          + limits.maxDocumentBytes() + " bytes (--max-document-bytes); skipped without reading it whole", false);
    }
    byte[] bytes = in.readBytes((int) length, "document " + ordinal);
    try {
      return new ScipEntry.Document(ordinal, at, DocumentDecoder.decode(bytes, start));
    } catch (ScipFormatException e) {
      return new ScipEntry.Problem(ordinal, at, pathOf(bytes, start), e.getMessage() + "; document skipped", false);
    }
  }

  /**
   * Skips a document of {@code length} bytes from the stream, returning its relative_path if a field 1 of at most
   * {@link #MAX_SCANNED_PATH_BYTES} bytes is found among its top-level fields, else {@code null}.
   */
  private String scanPath(long length) throws IOException {
    long end = in.offset() + length;
    String path = null;
    try {
      while (in.offset() < end) {
        long at = in.offset();
        long key = in.readVarint();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        if (type == WireType.LENGTH_DELIMITED) {
          long fieldLength = in.readLength("a document field");
          if (fieldLength > end - in.offset()) {
            break;
          }
          if (field == 1 && path == null && fieldLength <= MAX_SCANNED_PATH_BYTES) {
            path = new String(in.readBytes((int) fieldLength, "Document.relative_path"), StandardCharsets.UTF_8);
          } else {
            in.skip(fieldLength, "a document field");
          }
        } else if (type == WireType.VARINT) {
          in.readVarint();
        } else {
          in.skip(type == WireType.FIXED64 ? 8 : 4, "a document field");
        }
      }
    } catch (ScipFormatException e) {
      // the document is malformed too; its remaining bytes are skipped below
    }
    if (in.offset() < end) {
      in.skip(end - in.offset(), "the document");
    } else if (in.offset() > end) {
      throw new ScipFormatException("a field of the document at byte " + (end - length) + " runs past the document's end");
    }
    return path;
  }

  /** The relative_path of a document that did not decode, if its top-level fields can be read that far. */
  private static String pathOf(byte[] bytes, long offset) {
    try {
      ProtoBuffer in = new ProtoBuffer(bytes, 0, bytes.length, offset);
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        if (field == 1 && type == WireType.LENGTH_DELIMITED) {
          return in.readString();
        }
        in.skip(type);
      }
    } catch (ScipFormatException e) {
      // fall through
    }
    return null;
  }

  private static ScipMetadata decodeMetadata(ProtoBuffer in) {
    String toolName = "";
    String toolVersion = "";
    String projectRoot = "";
    int encoding = 0;
    while (!in.atEnd()) {
      long at = in.offset();
      long key = in.readKey();
      int field = WireType.fieldNumber(key, at);
      int type = WireType.of(key, at);
      if (field == 2 && type == WireType.LENGTH_DELIMITED) {
        int outer = in.pushLimit();
        while (!in.atEnd()) {
          long toolAt = in.offset();
          long toolKey = in.readKey();
          int toolField = WireType.fieldNumber(toolKey, toolAt);
          int toolType = WireType.of(toolKey, toolAt);
          if (toolField == 1 && toolType == WireType.LENGTH_DELIMITED) {
            toolName = in.readString();
          } else if (toolField == 2 && toolType == WireType.LENGTH_DELIMITED) {
            toolVersion = in.readString();
          } else {
            in.skip(toolType);
          }
        }
        in.popLimit(outer);
      } else if (field == 3 && type == WireType.LENGTH_DELIMITED) {
        projectRoot = in.readString();
      } else if (field == 4 && type == WireType.VARINT) {
        encoding = in.readInt32();
      } else {
        in.skip(type);
      }
    }
    return new ScipMetadata(toolName, toolVersion, projectRoot, encoding);
  }
}
