package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.MethodTree;

/**
 * Where code is being read: the symbol that receives its edges, the innermost enclosing type, the
 * enclosing method (for type variables, may be null) and whether uses count towards effects.
 */
record Context(int symbol, TypeDecl type, MethodTree method, boolean effects) {}
