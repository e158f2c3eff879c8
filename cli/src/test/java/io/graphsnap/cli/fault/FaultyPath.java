package io.graphsnap.cli.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/** A path of {@link FaultyFileSystem}: the platform path it wraps, re-wrapped on every derived path. Immutable. */
final class FaultyPath implements Path {
  private final FaultyFileSystem fs;
  private final Path delegate;

  FaultyPath(FaultyFileSystem fs, Path delegate) {
    this.fs = fs;
    this.delegate = Objects.requireNonNull(delegate);
  }

  /** The platform path. */
  Path delegate() {
    return delegate;
  }

  static Path unwrap(Path path) {
    if (path == null) {
      return null;
    }
    if (path instanceof FaultyPath p) {
      return p.delegate;
    }
    throw new ProviderMismatchException("not a path of the faulty file system: " + path.getClass());
  }

  private Path wrap(Path p) {
    return p == null ? null : new FaultyPath(fs, p);
  }

  @Override
  public FaultyFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return delegate.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(delegate.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(delegate.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(delegate.getParent());
  }

  @Override
  public int getNameCount() {
    return delegate.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(delegate.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(delegate.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof FaultyPath p && delegate.startsWith(p.delegate);
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof FaultyPath p && delegate.endsWith(p.delegate);
  }

  @Override
  public Path normalize() {
    return wrap(delegate.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(delegate.resolve(unwrap(other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(delegate.relativize(unwrap(other)));
  }

  @Override
  public URI toUri() {
    return delegate.toUri();
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(delegate.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return wrap(delegate.toRealPath(options));
  }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
      throws IOException {
    throw new UnsupportedOperationException("watch services are not supported by the faulty file system");
  }

  @Override
  public int compareTo(Path other) {
    return delegate.compareTo(unwrap(other));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultyPath p && delegate.equals(p.delegate);
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
