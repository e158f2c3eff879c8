package io.graphsnap.cli.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A default file system provider that delegates everything to the platform's and lets {@link Faults} fail
 * chosen operations: install it with
 * {@code -Djava.nio.file.spi.DefaultFileSystemProvider=io.graphsnap.cli.fault.FaultyFileSystemProvider}
 * (the JDK calls the one-argument constructor with the platform provider). Everything written through
 * {@code java.nio.file} (loose objects, refs, snapshots, temporaries, fsyncs) then passes here; MapDB's
 * {@code RandomAccessFile} does not (its faults are covered by the tmpfs test). While {@link Faults} is not
 * armed it changes nothing. Thread-safe.
 */
public final class FaultyFileSystemProvider extends FileSystemProvider {
  private final FileSystemProvider delegate;
  private final FaultyFileSystem fs;

  /** Wraps the platform's default provider. */
  public FaultyFileSystemProvider(FileSystemProvider delegate) {
    this.delegate = delegate;
    this.fs = new FaultyFileSystem(this, delegate.getFileSystem(URI.create("file:///")));
  }

  private static Path unwrap(Path p) {
    return FaultyPath.unwrap(p);
  }

  @Override
  public String getScheme() {
    return delegate.getScheme();
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    throw new UnsupportedOperationException("the default file system already exists");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    return fs;
  }

  @Override
  public Path getPath(URI uri) {
    return fs.wrap(delegate.getPath(uri));
  }

  private static boolean writes(Set<? extends OpenOption> options) {
    return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
        || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
        || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    Path p = unwrap(path);
    Faults.check(writes(options) ? Faults.Op.CREATE : Faults.Op.READ, p);
    SeekableByteChannel channel = delegate.newByteChannel(p, options, attrs);
    return channel instanceof FileChannel fc ? new FaultyFileChannel(fc, p) : channel;
  }

  @Override
  public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    Path p = unwrap(path);
    Faults.check(writes(options) ? Faults.Op.CREATE : Faults.Op.READ, p);
    return new FaultyFileChannel(delegate.newFileChannel(p, options, attrs), p);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    Path d = unwrap(dir);
    Faults.check(Faults.Op.READ, d);
    DirectoryStream<Path> stream = delegate.newDirectoryStream(d, p -> filter.accept(fs.wrap(p)));
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> it = stream.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Path next() {
            return fs.wrap(it.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    Path d = unwrap(dir);
    Faults.check(Faults.Op.MKDIR, d);
    delegate.createDirectory(d, attrs);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
    Path l = unwrap(link);
    Faults.check(Faults.Op.CREATE, l);
    delegate.createSymbolicLink(l, unwrap(target), attrs);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    Path l = unwrap(link);
    Faults.check(Faults.Op.CREATE, l);
    delegate.createLink(l, unwrap(existing));
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    return fs.wrap(delegate.readSymbolicLink(unwrap(link)));
  }

  @Override
  public void delete(Path path) throws IOException {
    Path p = unwrap(path);
    Faults.check(Faults.Op.DELETE, p);
    delegate.delete(p);
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    Path p = unwrap(path);
    Faults.check(Faults.Op.DELETE, p);
    return delegate.deleteIfExists(p);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    Path t = unwrap(target);
    Faults.check(Faults.Op.CREATE, t);
    delegate.copy(unwrap(source), t, options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    Path t = unwrap(target);
    Faults.check(Faults.Op.MOVE, t);
    delegate.move(unwrap(source), t, options);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return delegate.isSameFile(unwrap(path), unwrap(path2));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return delegate.isHidden(unwrap(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return delegate.getFileStore(unwrap(path));
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    delegate.checkAccess(unwrap(path), modes);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    return delegate.getFileAttributeView(unwrap(path), type, options);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    return delegate.readAttributes(unwrap(path), type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    return delegate.readAttributes(unwrap(path), attributes, options);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    Path p = unwrap(path);
    Faults.check(Faults.Op.WRITE, p);
    delegate.setAttribute(p, attribute, value, options);
  }
}
