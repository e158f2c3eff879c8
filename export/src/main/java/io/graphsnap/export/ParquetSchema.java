package io.graphsnap.export;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of an export, version {@value #VERSION}: two files in the output directory.
 *
 * <h2>{@code nodes.parquet}: one row per node, in increasing {@code id}</h2>
 * <pre>
 * message graphsnap_node {
 *   required int32 id;                    -- the snapshot's node id, in [0, N)
 *   required binary name (STRING);        -- fully qualified name, unique
 *   required binary kind (STRING);        -- fn, method, class, ..., external
 *   optional binary file (STRING);        -- defining file (repository-relative path); null for external nodes
 *   required group effects (LIST) {       -- effects, sorted; empty list when none
 *     repeated group list { required binary element (STRING); }
 *   }
 * }
 * </pre>
 * Spark reads it as {@code id int, name string, kind string, file string, effects array<string>}.
 *
 * <h2>{@code edges.parquet}: one row per edge, sorted by (src, type, dst)</h2>
 * <pre>
 * message graphsnap_edge {
 *   required int32 src;                   -- source node id
 *   required int32 dst;                   -- target node id
 *   required binary type (STRING);        -- edge type: calls, references, contains, ...
 * }
 * </pre>
 * Edges are distinct as (src, type, dst); two nodes may be joined by edges of several types. For a whole
 * graph {@code src} and {@code dst} are exactly the ids of {@code nodes.parquet}; for a neighbourhood
 * ({@code --around}) the ids keep their snapshot values (not dense) and every edge joins two exported nodes.
 *
 * <h2>Physical layout</h2>
 * zstd-compressed pages (level 3 by default), dictionary encoding where it pays ({@code kind}, {@code type},
 * {@code file}), Parquet format 2 data pages (delta encodings for the sorted ids and names), row groups of
 * 64 MiB by default: a writer holds at most one row group in memory, and Spark splits its reads by row group.
 * The footer's key-value metadata holds {@value #KEY_VERSION} = {@value #VERSION}, {@value #KEY_SNAPSHOT} (the
 * snapshot file name), {@value #KEY_NODES} and {@value #KEY_EDGES} (the row counts of both files).
 */
public final class ParquetSchema {
  /** The schema version written in each file's footer; incremented on any incompatible change. */
  public static final String VERSION = "1";
  /** Footer key: the schema version. */
  public static final String KEY_VERSION = "graphsnap.schema.version";
  /** Footer key: the snapshot file name the export was made from. */
  public static final String KEY_SNAPSHOT = "graphsnap.snapshot";
  /** Footer key: the number of node rows exported. */
  public static final String KEY_NODES = "graphsnap.nodes";
  /** Footer key: the number of edge rows exported. */
  public static final String KEY_EDGES = "graphsnap.edges";
  /** The nodes file's name. */
  public static final String NODES_FILE = "nodes.parquet";
  /** The edges file's name. */
  public static final String EDGES_FILE = "edges.parquet";

  /** The nodes file's schema. */
  public static final MessageType NODES = MessageTypeParser.parseMessageType("""
      message graphsnap_node {
        required int32 id;
        required binary name (STRING);
        required binary kind (STRING);
        optional binary file (STRING);
        required group effects (LIST) {
          repeated group list {
            required binary element (STRING);
          }
        }
      }""");

  /** The edges file's schema. */
  public static final MessageType EDGES = MessageTypeParser.parseMessageType("""
      message graphsnap_edge {
        required int32 src;
        required int32 dst;
        required binary type (STRING);
      }""");

  private ParquetSchema() {}
}
