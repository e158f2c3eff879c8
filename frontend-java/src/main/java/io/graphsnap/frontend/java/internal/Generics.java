package io.graphsnap.frontend.java.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Type arguments followed through the supertypes of any type of a {@link TreeTypes} table: types of the tree
 * (their written generic supertypes, {@link FileDeclarations}), of the JDK (by reflection, {@link JdkGenerics})
 * and of the class path (their class files' {@code Signature} attributes, {@link ClasspathTypes}). So a
 * {@code CSVParser.Builder extends AbstractStreamBuilder<CSVParser, Builder>} gives a method of the class path
 * superclass that returns its type parameter {@code B} the result {@code CSVParser.Builder}.
 *
 * <p>Erasure as javac erases: a raw supertype binds nothing (its type parameters stay unknown), {@code ? extends X}
 * counts as {@code X}, {@code ?} and {@code ? super X} as unknown, a method's own type variables as unknown.
 * Walks are bounded (depth and visited set), so cyclic or broken hierarchies end. Thread-safe; supertypes are
 * cached per type.
 */
final class Generics {
  /** A direct supertype with its type arguments as templates over the subtype's type parameters (empty: raw). */
  record Super(String name, List<JdkGenerics.Template> args) {}

  private static final int MAX_DEPTH = 32;

  private final TreeTypes table;
  private final ConcurrentHashMap<String, Optional<List<Super>>> supers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<TypeRef>> bounds = new ConcurrentHashMap<>();

  Generics(TreeTypes table) {
    this.table = table;
  }

  /** The direct supertypes of {@code type} with their arguments, or null when the type is unknown. */
  List<Super> supers(String type) {
    Optional<List<Super>> cached = supers.get(type);
    if (cached != null) {
      return cached.orElse(null);
    }
    List<Super> found;
    if (table.declares(type)) {
      found = table.genericSupers(type);
    } else {
      found = JdkGenerics.supers(type);
      if (found == null) {
        found = table.classpath().genericSupers(type);
      }
    }
    supers.putIfAbsent(type, Optional.ofNullable(found));
    return found;
  }

  /**
   * The type arguments that {@code receiver} (with its own arguments {@code receiverArgs}, null where unknown)
   * passes to its supertype {@code declaring}: one per type parameter of {@code declaring}, null where unknown;
   * null when {@code declaring} is not found among its supertypes.
   */
  List<TypeRef> bindings(String receiver, List<TypeRef> receiverArgs, String declaring) {
    if (receiver == null || declaring == null) {
      return null;
    }
    List<TypeRef> env = receiverArgs == null || receiverArgs.isEmpty() ? bounds(receiver) : receiverArgs;
    return walk(receiver, env, declaring, 0, new HashSet<>());
  }

  /**
   * The erased first bounds of {@code type}'s type parameters (null where unbounded or unknown): what a type
   * variable of a raw type, or of the type seen from its own code ({@code this}), erases to.
   */
  List<TypeRef> bounds(String type) {
    List<TypeRef> cached = bounds.get(type);
    if (cached != null) {
      return cached;
    }
    List<TypeRef> found = table.declares(type) ? table.typeParamBounds(type) : JdkGenerics.typeParamBounds(type);
    if (found == null) {
      found = table.classpath().typeParamBounds(type);
    }
    List<TypeRef> result = found == null ? List.of() : found;
    bounds.putIfAbsent(type, result);
    return result;
  }

  private List<TypeRef> walk(String type, List<TypeRef> env, String target, int depth, Set<String> visited) {
    if (type.equals(target)) {
      return env;
    }
    if (depth > MAX_DEPTH || !visited.add(type)) {
      return null;
    }
    List<Super> direct = supers(type);
    if (direct == null) {
      return null;
    }
    for (Super s : direct) {
      List<TypeRef> next;
      if (s.args().isEmpty()) {
        next = bounds(s.name()); // raw (or not generic): its type parameters erase to their bounds
      } else {
        next = new ArrayList<>(s.args().size());
        for (JdkGenerics.Template a : s.args()) {
          next.add(JdkGenerics.instantiate(a, env));
        }
        next = Collections.unmodifiableList(next);
      }
      List<TypeRef> found = walk(s.name(), next, target, depth + 1, visited);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The type of {@code template} (declared by {@code owner}) seen on a receiver of type {@code receiver}: its
   * type parameters bound through the receiver's supertypes where known; null when unknown altogether.
   */
  TypeRef instantiate(JdkGenerics.Template template, String owner, TypeRef receiver) {
    return instantiate(template, owner, receiver, List.of());
  }

  /** The same, with a generic method's own type variables bound to {@code methodBindings} (null where unknown). */
  TypeRef instantiate(JdkGenerics.Template template, String owner, TypeRef receiver, List<TypeRef> methodBindings) {
    if (template == null) {
      return null;
    }
    List<TypeRef> b = receiver == null || receiver.isArray() || receiver.isPrimitive() ? null
        : bindings(receiver.name(), receiver.args(), owner);
    return JdkGenerics.instantiate(template, b == null ? List.of() : b, methodBindings);
  }
}
