package io.graphsnap.cli.fault;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The default file system seen through {@link FaultyFileSystemProvider}: every path is a {@link FaultyPath}. */
final class FaultyFileSystem extends FileSystem {
  private final FaultyFileSystemProvider provider;
  private final FileSystem delegate;

  FaultyFileSystem(FaultyFileSystemProvider provider, FileSystem delegate) {
    this.provider = provider;
    this.delegate = delegate;
  }

  Path wrap(Path p) {
    return p == null ? null : new FaultyPath(this, p);
  }

  @Override
  public FaultyFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("the default file system cannot be closed");
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return delegate.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    delegate.getRootDirectories().forEach(r -> roots.add(wrap(r)));
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return delegate.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return delegate.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(delegate.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(FaultyPath.unwrap(path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return delegate.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() throws IOException {
    throw new UnsupportedOperationException("watch services are not supported by the faulty file system");
  }
}
