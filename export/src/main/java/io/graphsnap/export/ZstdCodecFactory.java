package io.graphsnap.export;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A Parquet codec factory for {@code ZSTD} (and {@code UNCOMPRESSED}) on zstd-jni, without Hadoop: parquet-java's
 * own {@code CodecFactory} instantiates Hadoop {@code CompressionCodec} classes, which this one never touches.
 * Each page is compressed into a new array, as one zstd frame (what every Parquet reader expects of ZSTD pages).
 *
 * <p>Stateless apart from the level; thread-safe. {@link #release()} does nothing.
 */
public final class ZstdCodecFactory implements CompressionCodecFactory {
  /** zstd's default level: a good ratio at several hundred MB/s. */
  public static final int DEFAULT_LEVEL = 3;
  private final int level;

  /** A factory compressing at {@link #DEFAULT_LEVEL}. */
  public ZstdCodecFactory() {
    this(DEFAULT_LEVEL);
  }

  /**
   * A factory compressing at {@code level}.
   *
   * @throws IllegalArgumentException if {@code level} is outside zstd's range
   */
  public ZstdCodecFactory(int level) {
    if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
      throw new IllegalArgumentException("zstd level out of range: actual=" + level + " vs expected in ["
          + Zstd.minCompressionLevel() + ", " + Zstd.maxCompressionLevel() + "]");
    }
    this.level = level;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return getCompressor(codec, level);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec, int compressionLevel) {
    return switch (codec) {
      case ZSTD -> new Compressor(compressionLevel);
      case UNCOMPRESSED -> new Uncompressed();
      default -> throw unsupported(codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new Decompressor();
      case UNCOMPRESSED -> new UncompressedDecompressor();
      default -> throw unsupported(codec);
    };
  }

  @Override
  public void release() {}

  private static IllegalArgumentException unsupported(CompressionCodecName codec) {
    return new IllegalArgumentException("codec not supported by " + ZstdCodecFactory.class.getSimpleName()
        + ": actual=" + codec + " vs expected ZSTD or UNCOMPRESSED");
  }

  private static final class Compressor implements BytesInputCompressor {
    private final int level;

    Compressor(int level) {
      this.level = level;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      PageBytes input = PageBytes.of(bytes);
      byte[] output = new byte[Math.toIntExact(Zstd.compressBound(input.size()))];
      long n = Zstd.compressByteArray(output, 0, output.length, input.array(), 0, input.size(), level);
      if (Zstd.isError(n)) {
        throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
      }
      return BytesInput.from(output, 0, (int) n);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.ZSTD;
    }

    @Override
    public void release() {}
  }

  private static final class Decompressor implements BytesInputDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      PageBytes input = PageBytes.of(bytes);
      byte[] output = new byte[uncompressedSize];
      long n = Zstd.decompressByteArray(output, 0, uncompressedSize, input.array(), 0, input.size());
      check(n, uncompressedSize);
      return BytesInput.from(output);
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.duplicate().get(in);
      byte[] out = new byte[uncompressedSize];
      long n = Zstd.decompressByteArray(out, 0, uncompressedSize, in, 0, compressedSize);
      check(n, uncompressedSize);
      output.put(out);
    }

    private static void check(long n, int expected) throws IOException {
      if (Zstd.isError(n)) {
        throw new IOException("zstd decompression failed: " + Zstd.getErrorName(n));
      }
      if (n != expected) {
        throw new IOException("zstd page decompressed to the wrong size: actual=" + n + " vs expected=" + expected);
      }
    }

    @Override
    public void release() {}
  }

  /** A page's bytes gathered into one array without the extra copy of {@code toByteArray()}. */
  private static final class PageBytes extends java.io.ByteArrayOutputStream {
    PageBytes(int size) {
      super(size);
    }

    static PageBytes of(BytesInput bytes) throws IOException {
      PageBytes page = new PageBytes(Math.toIntExact(bytes.size()));
      bytes.writeAllTo(page);
      return page;
    }

    byte[] array() {
      return buf;
    }
  }

  private static final class Uncompressed implements BytesInputCompressor {
    @Override
    public BytesInput compress(BytesInput bytes) {
      return bytes;
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public void release() {}
  }

  private static final class UncompressedDecompressor implements BytesInputDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
      return bytes;
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
      ByteBuffer slice = input.duplicate();
      slice.limit(slice.position() + compressedSize);
      output.put(slice);
    }

    @Override
    public void release() {}
  }
}
