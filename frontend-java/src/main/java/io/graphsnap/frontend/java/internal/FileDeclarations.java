package io.graphsnap.frontend.java.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one file declares that other files can see: its package, its imports (the scope in which its
 * written type names are resolved) and a skeleton of each named type (supertypes, member types, methods
 * with erased parameters and written return types, fields with written types). Type names are kept as
 * written ({@code Map.Entry[]}) and resolved only when another file asks ({@link TreeTypes}); type
 * variables are already replaced by their first bound as written, or by {@link #TYPE_VARIABLE}.
 *
 * <p>Immutable. {@link #bytes()} is a canonical encoding: equal declarations give equal bytes, and the
 * SHA-256 of those bytes is what whole-tree fingerprints are made of.
 */
public final class FileDeclarations {
  /** Encoding version; bump when the layout or what is collected changes. */
  static final int VERSION = 2;
  /** A written type that is a bare type variable (its erasure tells little about the value). */
  static final String TYPE_VARIABLE = "?T";

  /**
   * A method or constructor ({@code <init>}); {@code returnType} is written, null for void and constructors;
   * {@code genericReturn} is the result in {@link GenericSignatures written generic form} when it has type
   * arguments or is a type variable of the type, else null.
   */
  record Method(String name, List<String> params, boolean varargs, boolean isStatic, boolean isPrivate,
      String returnType, long typeVariableParams, String genericReturn) implements Signature {
    boolean typeVariableParam(int i) {
      return i < 64 && (typeVariableParams & (1L << i)) != 0;
    }
  }

  /**
   * A field, record component or enum constant; {@code type} as written; {@code genericType} in written generic
   * form when it has type arguments or is a type variable of the type, else null.
   */
  record Field(String name, String type, boolean isStatic, boolean isPrivate, String genericType) {}

  /**
   * A named type (top-level or member; local and anonymous classes are invisible from other files).
   *
   * @param superclass as written; {@code java.lang.Object}, {@code java.lang.Enum}, {@code java.lang.Record}
   *     when implicit (qualified, so never mistaken for a written name); null for interfaces
   * @param typeParams the type's own type parameters, in order: the name, then {@code :} and the first bound as
   *     written and erased ({@code K:Comparable}) when it has one
   * @param genericSupers the supertypes written with type arguments, in {@link GenericSignatures written generic
   *     form} ({@code AbstractList<'E>}); supertypes written without arguments are not repeated here
   */
  record Type(String name, String simpleName, String kind, String outer, String superclass,
      List<String> interfaces, List<String> memberTypes, List<Method> methods, List<Field> fields,
      List<String> typeParams, List<String> genericSupers) {
    boolean isInterface() {
      return kind.equals("interface") || kind.equals("annotation");
    }
  }

  final String path;
  final String packageName;
  final List<String> singleImports; // dotted
  final List<String> onDemandImports; // containers (packages or types)
  final List<String> staticSingleImports; // dotted a.B.member
  final List<String> staticOnDemandImports; // types
  final List<Type> types;
  private byte[] bytes;
  private byte[] sha256;

  FileDeclarations(String path, String packageName, List<String> singleImports, List<String> onDemandImports,
      List<String> staticSingleImports, List<String> staticOnDemandImports, List<Type> types) {
    this.path = path;
    this.packageName = packageName;
    this.singleImports = List.copyOf(singleImports);
    this.onDemandImports = List.copyOf(onDemandImports);
    this.staticSingleImports = List.copyOf(staticSingleImports);
    this.staticOnDemandImports = List.copyOf(staticOnDemandImports);
    this.types = List.copyOf(types);
  }

  /** The repository-relative path of the file. */
  public String path() {
    return path;
  }

  /** Adds the qualified name of every named type this file declares to {@code out}. */
  public void typeNames(java.util.Collection<String> out) {
    for (Type t : types) {
      out.add(t.name());
    }
  }

  /** The canonical encoding (a fresh copy). */
  public byte[] bytes() {
    return encoded().clone();
  }

  /** The canonical encoding, not copied: callers must not modify it. */
  byte[] encodedBytes() {
    return encoded();
  }

  /** SHA-256 of the {@linkplain #bytes() canonical encoding}, computed once; callers must not modify it. */
  synchronized byte[] encodedSha256() {
    if (sha256 == null) {
      sha256 = Sha256.of(encoded());
    }
    return sha256;
  }

  private synchronized byte[] encoded() {
    if (bytes == null) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + types.size() * 256);
      try (DataOutputStream out = new DataOutputStream(buf)) {
        write(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bytes = buf.toByteArray();
    }
    return bytes;
  }

  private void write(DataOutput out) throws IOException {
    out.writeInt(VERSION);
    out.writeUTF(path);
    out.writeUTF(packageName);
    writeList(out, singleImports);
    writeList(out, onDemandImports);
    writeList(out, staticSingleImports);
    writeList(out, staticOnDemandImports);
    out.writeInt(types.size());
    for (Type t : types) {
      out.writeUTF(t.name());
      out.writeUTF(t.simpleName());
      out.writeUTF(t.kind());
      writeNullable(out, t.outer());
      writeNullable(out, t.superclass());
      writeList(out, t.interfaces());
      writeList(out, t.memberTypes());
      writeList(out, t.typeParams());
      writeList(out, t.genericSupers());
      out.writeInt(t.methods().size());
      for (Method m : t.methods()) {
        out.writeUTF(m.name());
        writeList(out, m.params());
        out.writeByte((m.varargs() ? 1 : 0) | (m.isStatic() ? 2 : 0) | (m.isPrivate() ? 4 : 0));
        writeNullable(out, m.returnType());
        out.writeLong(m.typeVariableParams());
        writeNullable(out, m.genericReturn());
      }
      out.writeInt(t.fields().size());
      for (Field f : t.fields()) {
        out.writeUTF(f.name());
        out.writeUTF(f.type());
        out.writeByte((f.isStatic() ? 2 : 0) | (f.isPrivate() ? 4 : 0));
        writeNullable(out, f.genericType());
      }
    }
  }

  /** Decodes {@link #bytes()}; throws {@link IOException} on a damaged or foreign encoding. */
  public static FileDeclarations decode(byte[] encoded) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      if (in.readInt() != VERSION) {
        throw new IOException("declarations of another version");
      }
      String path = in.readUTF();
      String pkg = in.readUTF();
      List<String> single = readList(in);
      List<String> onDemand = readList(in);
      List<String> staticSingle = readList(in);
      List<String> staticOnDemand = readList(in);
      int n = count(in);
      List<Type> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        String simple = in.readUTF();
        String kind = in.readUTF();
        String outer = readNullable(in);
        String superclass = readNullable(in);
        List<String> interfaces = readList(in);
        List<String> members = readList(in);
        List<String> typeParams = readList(in);
        List<String> genericSupers = readList(in);
        int mc = count(in);
        List<Method> methods = new ArrayList<>(mc);
        for (int j = 0; j < mc; j++) {
          String mn = in.readUTF();
          List<String> params = readList(in);
          int flags = in.readByte();
          String ret = readNullable(in);
          long typeVars = in.readLong();
          methods.add(new Method(mn, params, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, ret, typeVars,
              readNullable(in)));
        }
        int fc = count(in);
        List<Field> fields = new ArrayList<>(fc);
        for (int j = 0; j < fc; j++) {
          String fn = in.readUTF();
          String ft = in.readUTF();
          int flags = in.readByte();
          fields.add(new Field(fn, ft, (flags & 2) != 0, (flags & 4) != 0, readNullable(in)));
        }
        types.add(new Type(name, simple, kind, outer, superclass, interfaces, members, methods, fields, typeParams,
            genericSupers));
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes after declarations");
      }
      FileDeclarations d = new FileDeclarations(path, pkg, single, onDemand, staticSingle, staticOnDemand, types);
      d.bytes = encoded.clone();
      return d;
    } catch (RuntimeException e) {
      throw new IOException("damaged declarations: " + e, e);
    }
  }

  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  private static void writeList(DataOutput out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      out.writeUTF(s);
    }
  }

  private static List<String> readList(DataInput in) throws IOException {
    int n = count(in);
    List<String> out = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return List.copyOf(out);
  }

  private static void writeNullable(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
