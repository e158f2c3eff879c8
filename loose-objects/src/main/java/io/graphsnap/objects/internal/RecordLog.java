package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.ObjectRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The keys of the index's reachability records (object id → {@link ObjectRecord}) as kept in sorted runs ({@link
 * SymbolRuns}, folder {@code records/}): not the record itself but a log of what happened to it, each entry written
 * blind, without reading the record first, and the record folded from its entries when read. Not API; the only place
 * this layout is written down. Thread-safe, stateless.
 *
 * <pre>
 * Key     --&gt; ObjectId Byte^32, Seq UInt64BE, Op Byte, Payload
 * Op      --&gt; 'O' became current: Payload = Generation UInt64BE, PathUtf8
 *           | 'C' stopped being current: Payload = Generation UInt64BE
 *           | 'S' set the whole record: Payload = {@link ObjectRecordCodec} value
 *           | 'D' forgotten: no payload
 * </pre>
 *
 * Seq is drawn from one counter per index (never reused, always below 2^63), so one object's keys sort in the order
 * they were written, after its older ones. Folding, in that order, from no record: 'O' makes the record current from
 * the generation ({@link ObjectRecord#currentSince} for a new one, else {@link ObjectRecord#reopenedAt}); 'C' closes
 * it ({@link ObjectRecord#closedAt}; a record left without intervals is gone); 'S' replaces it; 'D' removes it. Those
 * are exactly the steps the MapDB map of schema 5 and older took with a look-up each. A merge that includes the
 * oldest run folds each object's keys into one 'S' key ({@link #COMPACTOR}) unless the record would not fit in a run's
 * key (65,535 bytes: a path reverted thousands of times), when its keys stay as they are.
 */
public final class RecordLog {
  /** Bytes before the payload: id, seq and op. */
  private static final int HEAD_BYTES = ObjectId.BYTES + 8 + 1;
  /** A run's longest key. */
  private static final int MAX_KEY_BYTES = 0xFFFF;
  private static final byte OPENED = 'O';
  private static final byte CLOSED = 'C';
  private static final byte SET = 'S';
  private static final byte FORGOTTEN = 'D';

  /** Folds each object's keys into one, in merges that include the oldest run. */
  public static final SymbolRuns.Compactor COMPACTOR = new SymbolRuns.Compactor() {
    @Override
    public int prefixLength() {
      return ObjectId.BYTES;
    }

    @Override
    public void compact(List<byte[]> group, Consumer<byte[]> out) {
      byte[] last = group.get(group.size() - 1);
      ObjectId id = ObjectId.fromBytes(Arrays.copyOf(last, ObjectId.BYTES));
      ObjectRecord record = fold(id, group);
      if (record == null) {
        return; // forgotten, or closed without any interval left: nothing to keep
      }
      byte[] value = ObjectRecordCodec.encode(record);
      if (HEAD_BYTES + value.length > MAX_KEY_BYTES) {
        group.forEach(out); // too large for one key: the log stays, and still folds to the record
        return;
      }
      out.accept(key(id, seq(last), SET, value));
    }
  };

  private RecordLog() {}

  /** The key recording that {@code id} became {@code path}'s current object at {@code generation}. */
  public static byte[] opened(ObjectId id, long seq, String path, long generation) {
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    return key(id, seq, OPENED, ByteBuffer.allocate(8 + utf8.length).putLong(generation).put(utf8).array());
  }

  /** The key recording that {@code id} stopped being its path's current object at {@code generation}. */
  public static byte[] closed(ObjectId id, long seq, long generation) {
    return key(id, seq, CLOSED, ByteBuffer.allocate(8).putLong(generation).array());
  }

  /** The key recording that {@code id} was forgotten (gc). */
  public static byte[] forgotten(ObjectId id, long seq) {
    return key(id, seq, FORGOTTEN, new byte[0]);
  }

  /**
   * The keys that set {@code id}'s record to {@code record}, drawing seqs from {@code seqs}: one key, or for a record
   * too large for one key, the 'O' and 'C' keys of its intervals.
   */
  public static void set(ObjectId id, ObjectRecord record, java.util.function.LongSupplier seqs, Consumer<byte[]> out) {
    byte[] value = ObjectRecordCodec.encode(record);
    if (HEAD_BYTES + value.length <= MAX_KEY_BYTES) {
      out.accept(key(id, seqs.getAsLong(), SET, value));
      return;
    }
    out.accept(forgotten(id, seqs.getAsLong()));
    long[] intervals = record.intervals();
    for (int i = 0; i < intervals.length; i += 2) {
      out.accept(opened(id, seqs.getAsLong(), record.path(), intervals[i]));
      if (intervals[i + 1] != ObjectRecord.OPEN) {
        out.accept(closed(id, seqs.getAsLong(), intervals[i + 1]));
      }
    }
  }

  /** The smallest key of {@code id} (inclusive bound). */
  public static byte[] lowerBound(ObjectId id) {
    return id.toBytes();
  }

  /** A bound above every key of {@code id} (exclusive): seqs are below 2^63, so their first byte below 0x80. */
  public static byte[] upperBound(ObjectId id) {
    byte[] bound = Arrays.copyOf(id.toBytes(), ObjectId.BYTES + 1);
    bound[ObjectId.BYTES] = (byte) 0x80;
    return bound;
  }

  /** The object id at the start of {@code key}. */
  public static ObjectId objectId(byte[] key) {
    return ObjectId.fromBytes(Arrays.copyOf(key, ObjectId.BYTES));
  }

  /** Whether {@code a} and {@code b} are keys of the same object. */
  public static boolean sameObject(byte[] a, byte[] b) {
    return Arrays.equals(a, 0, ObjectId.BYTES, b, 0, ObjectId.BYTES);
  }

  /**
   * The record {@code keys} (all of {@code id}, in key order) fold to, or null if none.
   *
   * @throws IllegalArgumentException if a key is malformed
   */
  public static ObjectRecord fold(ObjectId id, List<byte[]> keys) {
    ObjectRecord record = null;
    for (byte[] key : keys) {
      if (key.length < HEAD_BYTES) {
        throw new IllegalArgumentException("reachability key of " + id.hex() + " is " + key.length + " bytes, fewer than "
            + HEAD_BYTES);
      }
      ByteBuffer payload = ByteBuffer.wrap(key, HEAD_BYTES, key.length - HEAD_BYTES);
      byte op = key[HEAD_BYTES - 1];
      switch (op) {
        case OPENED -> {
          long generation = generation(id, payload);
          if (record == null) {
            record = ObjectRecord.currentSince(new String(key, HEAD_BYTES + 8, key.length - HEAD_BYTES - 8,
                StandardCharsets.UTF_8), generation);
          } else {
            record = record.reopenedAt(generation);
          }
        }
        case CLOSED -> {
          long generation = generation(id, payload);
          if (record != null) {
            record = record.closedAt(generation);
            record = record.isEmpty() ? null : record;
          }
        }
        case SET -> record = ObjectRecordCodec.decode(id.hex(),
            Arrays.copyOfRange(key, HEAD_BYTES, key.length));
        case FORGOTTEN -> record = null;
        default -> throw new IllegalArgumentException("reachability key of " + id.hex() + " has unknown op " + op);
      }
    }
    return record;
  }

  private static long generation(ObjectId id, ByteBuffer payload) {
    if (payload.remaining() < 8) {
      throw new IllegalArgumentException("reachability key of " + id.hex() + " is cut short");
    }
    long generation = payload.getLong();
    if (generation < 0) {
      throw new IllegalArgumentException("reachability key of " + id.hex() + " has generation " + generation);
    }
    return generation;
  }

  private static long seq(byte[] key) {
    return ByteBuffer.wrap(key, ObjectId.BYTES, 8).getLong();
  }

  private static byte[] key(ObjectId id, long seq, byte op, byte[] payload) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq " + seq + " is negative");
    }
    return ByteBuffer.allocate(HEAD_BYTES + payload.length).put(id.toBytes()).putLong(seq).put(op).put(payload)
        .array();
  }
}
