package io.graphsnap.frontend.java.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The local variables in scope while a body is scanned: a stack of blocks, each mapping a name to its
 * declared type ({@link #UNKNOWN} when the type cannot be told). Maps are created only for blocks that
 * declare something. Not thread-safe.
 */
final class LocalScopes {
  /** The type of a local whose type is not known (an implicit lambda parameter, {@code var} of an unknown expression). */
  static final TypeRef UNKNOWN = new TypeRef("?", 0, null);

  private final List<HashMap<String, TypeRef>> blocks = new ArrayList<>();

  void push() {
    blocks.add(null);
  }

  void pop() {
    blocks.removeLast();
  }

  /** Declares {@code name} in the innermost block; {@code type} may be null for unknown. */
  void declare(String name, TypeRef type) {
    if (blocks.isEmpty()) {
      push();
    }
    int top = blocks.size() - 1;
    HashMap<String, TypeRef> block = blocks.get(top);
    if (block == null) {
      block = new HashMap<>(4);
      blocks.set(top, block);
    }
    block.put(name, type == null ? UNKNOWN : type);
  }

  /** The type of local {@code name} (maybe {@link #UNKNOWN}), or {@code null} if no local has that name. */
  TypeRef lookup(String name) {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      HashMap<String, TypeRef> block = blocks.get(i);
      if (block != null) {
        TypeRef t = block.get(name);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }
}
