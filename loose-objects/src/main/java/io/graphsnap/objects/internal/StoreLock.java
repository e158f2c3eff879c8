package io.graphsnap.objects.internal;

import io.graphsnap.objects.StoreLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The store's writer lock: an exclusive {@link FileChannel#tryLock()} on the {@code lock} file, held until
 * {@link #close()}. The operating system releases it if the process dies, so a crash never leaves the
 * store locked. The file holds the holder's pid for the error message; it is never deleted (deleting lock
 * files races). Not API.
 */
public final class StoreLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, waiting up to {@code wait} for another holder to release it (polling every 50 ms; a
   * zero wait tries once).
   *
   * @throws StoreLockedException if it is still held when the wait is over; the message says how long
   *     this process waited
   * @throws java.io.InterruptedIOException if the thread is interrupted while waiting
   */
  public static StoreLock acquire(Path lockFile, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return acquire(lockFile);
      } catch (StoreLockedException e) {
        long left = deadline - System.nanoTime();
        if (wait.isZero() || left <= 0) {
          if (wait.isZero()) {
            throw e;
          }
          throw new StoreLockedException(lockFile, e.holder() + (e.holder().isEmpty() ? "" : ", ")
              + "still held after waiting " + wait.toMillis() / 1000.0 + " s");
        }
        try {
          Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for the store lock " + lockFile);
        }
      }
    }
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws StoreLockedException if another process, or another open store in this process, holds it
   */
  public static StoreLock acquire(Path lockFile) throws IOException {
    FileChannel channel = SafeFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    boolean ok = false;
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new StoreLockedException(lockFile, "this process already has the store open for writing");
      }
      if (lock == null) {
        throw new StoreLockedException(lockFile, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ok = true;
      return new StoreLock(channel, lock);
    } finally {
      if (!ok) {
        channel.close();
      }
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(64);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
      return text.matches("pid [0-9]{1,19}") ? text : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Releases the lock. Idempotent. */
  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
