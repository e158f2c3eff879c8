package io.graphsnap.frontend.scip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A protobuf writer for tests: builds SCIP messages field by field (and hostile ones: any key, any length). Mutable,
 * used once.
 */
final class Proto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Proto message() {
    return new Proto();
  }

  Proto varint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return this;
  }

  Proto key(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  Proto intField(int field, long value) {
    return key(field, 0).varint(value);
  }

  Proto bytesField(int field, byte[] bytes) {
    key(field, 2).varint(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  Proto string(int field, String value) {
    return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
  }

  Proto message(int field, Proto message) {
    return bytesField(field, message.bytes());
  }

  Proto packed(int field, int... values) {
    Proto p = new Proto();
    for (int v : values) {
      p.varint(v); // int32: a negative value is a sign-extended 10-byte varint
    }
    return bytesField(field, p.bytes());
  }

  Proto raw(byte... bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  // SCIP shapes

  static Proto metadata(String tool, String root) {
    return message().message(2, message().string(1, tool).string(2, "1.0")).string(3, root).intField(4, 1);
  }

  static Proto occurrence(String symbol, int roles, int... range) {
    Proto o = message().packed(1, range).string(2, symbol);
    if (roles != 0) {
      o.intField(3, roles);
    }
    return o;
  }

  static Proto definition(String symbol, int[] range, int... enclosing) {
    return occurrence(symbol, 1, range).packed(7, enclosing);
  }

  static Proto info(String symbol, String... documentation) {
    Proto p = message().string(1, symbol);
    for (String d : documentation) {
      p.string(3, d);
    }
    p.isInfo = true;
    return p;
  }

  static Proto implementation(String symbol) {
    return message().string(1, symbol).intField(3, 1);
  }

  static Proto document(String path, Proto... occurrencesAndInfos) {
    Proto d = message().string(1, path).string(4, "TypeScript");
    for (Proto p : occurrencesAndInfos) {
      d.message(p.isInfo ? 3 : 2, p);
    }
    return d;
  }

  boolean isInfo;

  Proto asInfo() {
    isInfo = true;
    return this;
  }

  static Proto index(Proto metadata, Proto... documents) {
    Proto index = message();
    if (metadata != null) {
      index.message(1, metadata);
    }
    for (Proto d : documents) {
      index.message(2, d);
    }
    return index;
  }
}
