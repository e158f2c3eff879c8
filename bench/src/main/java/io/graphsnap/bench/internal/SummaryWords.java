package io.graphsnap.bench.internal;

import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.format.object.Kinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed words of the synthetic graph's files as small numbers: symbol kinds, edge types and effects. Edge types
 * are numbered, and effects given bits, in the order of their names, so that comparing numbers orders them as
 * {@link io.graphsnap.format.object.FileSummary} orders the strings. Stateless.
 */
public final class SummaryWords {
  /** Kind {@code package}. */
  public static final int PACKAGE = 0;
  /** Kind {@code class}. */
  public static final int CLASS = 1;
  /** Kind {@code interface}. */
  public static final int INTERFACE = 2;
  /** Kind {@code enum}. */
  public static final int ENUM = 3;
  /** Kind {@code method}. */
  public static final int METHOD = 4;
  /** Kind {@code field}. */
  public static final int FIELD = 5;
  /** Kind {@code module}. */
  public static final int MODULE = 6;
  /** Kind {@code fn}. */
  public static final int FN = 7;
  /** Kind {@code test}. */
  public static final int TEST = 8;
  /** Kind {@code requirement}. */
  public static final int REQUIREMENT = 9;

  private static final String[] KINDS = {Kinds.PACKAGE, Kinds.CLASS, Kinds.INTERFACE, Kinds.ENUM, Kinds.METHOD,
      Kinds.FIELD, Kinds.MODULE, Kinds.FN, Kinds.TEST, Kinds.REQUIREMENT};

  /** Edge type {@code calls}. */
  public static final int CALLS = 0;
  /** Edge type {@code contains}. */
  public static final int CONTAINS = 1;
  /** Edge type {@code covers}. */
  public static final int COVERS = 2;
  /** Edge type {@code extends}. */
  public static final int EXTENDS = 3;
  /** Edge type {@code implements}. */
  public static final int IMPLEMENTS = 4;
  /** Edge type {@code imports}. */
  public static final int IMPORTS = 5;
  /** Edge type {@code references}. */
  public static final int REFERENCES = 6;
  /** Edge type {@code tests}. */
  public static final int TESTS = 7;

  private static final String[] EDGE_TYPES = {EdgeTypes.CALLS, EdgeTypes.CONTAINS, EdgeTypes.COVERS,
      EdgeTypes.EXTENDS, EdgeTypes.IMPLEMENTS, EdgeTypes.IMPORTS, EdgeTypes.REFERENCES, EdgeTypes.TESTS};

  /** Effect names; effect {@code i} is bit {@code 1 << i} of an effect set. */
  private static final String[] EFFECTS = {"db", "fs", "io", "log", "meta", "net", "unsafe"};

  private static final byte[][] KIND_BYTES = ascii(KINDS);
  private static final byte[][] EDGE_TYPE_BYTES = ascii(EDGE_TYPES);
  private static final byte[][] EFFECT_BYTES = ascii(EFFECTS);

  static {
    requireAscending(EDGE_TYPES);
    requireAscending(EFFECTS);
  }

  private SummaryWords() {}

  /** The name of kind {@code kind}. */
  public static String kind(int kind) {
    return KINDS[kind];
  }

  /** The ASCII bytes of kind {@code kind}; do not modify. */
  public static byte[] kindBytes(int kind) {
    return KIND_BYTES[kind];
  }

  /** The name of edge type {@code type}. */
  public static String edgeType(int type) {
    return EDGE_TYPES[type];
  }

  /** The ASCII bytes of edge type {@code type}; do not modify. */
  public static byte[] edgeTypeBytes(int type) {
    return EDGE_TYPE_BYTES[type];
  }

  /** The number of effects; an effect set is a bit set over {@code [0, effectCount())}. */
  public static int effectCount() {
    return EFFECTS.length;
  }

  /** The ASCII bytes of effect {@code effect}; do not modify. */
  public static byte[] effectBytes(int effect) {
    return EFFECT_BYTES[effect];
  }

  /**
   * The bit of the effect named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such effect
   */
  public static int effectBit(String name) {
    for (int i = 0; i < EFFECTS.length; i++) {
      if (EFFECTS[i].equals(name)) {
        return 1 << i;
      }
    }
    throw new IllegalArgumentException("unknown effect " + name);
  }

  /** The names of the effects in {@code set}, in name order. */
  public static List<String> effects(int set) {
    if (set == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(Integer.bitCount(set));
    for (int i = 0; i < EFFECTS.length; i++) {
      if ((set & (1 << i)) != 0) {
        out.add(EFFECTS[i]);
      }
    }
    return out;
  }

  private static byte[][] ascii(String[] words) {
    byte[][] out = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  private static void requireAscending(String[] words) {
    for (int i = 1; i < words.length; i++) {
      if (words[i - 1].compareTo(words[i]) >= 0) {
        throw new IllegalStateException(words[i - 1] + " is not before " + words[i]);
      }
    }
  }
}
