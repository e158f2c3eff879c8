package io.graphsnap.objects.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ExpectedObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The reference parser of one line of the JSON Lines interchange (docs/DESIGN.md §4), with Jackson's streaming
 * parser, into a {@link ParsedLine}: {@link JsonLineParser} asks it about every line {@link LineScanner} does not
 * take (every bad line: this class words the errors). Strict: unknown fields, duplicate fields, wrong types and trailing content are
 * errors (a duplicate field is found by a bit per known field, not by Jackson's detector, which allocates a set
 * for every object of more than two fields: an edge); {@code null} stands for an absent optional field. Every message names the field
 * ({@code symbols[1].lines}) and what was found. Thread-safe (the factory is shared, parsers are not).
 */
final class JacksonLineParser {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();
  /** Jackson's description of where the input came from, e.g. {@code [Source: REDACTED …; line: 1, column: 5]}. */
  private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: \\d+, column: (\\d+)\\]");
  /** Jackson's pointer to the constraint setting that fired. */
  private static final Pattern API_HINT = Pattern.compile(", from `[^`]*`");
  /** The fields of a line, of a symbol, of an edge and of a note, each with its bit in duplicate detection. */
  private static final String[] LINE_FIELDS = {"path", "language", "sha256", "deleted", "expect", "symbols", "edges"};
  private static final String[] SYMBOL_FIELDS = {"name", "kind", "effects", "lines", "hash", "notes", "metadata"};
  private static final String[] EDGE_FIELDS = {"from", "type", "to", "line", "lines"};
  private static final String[] NOTE_FIELDS = {"lang", "text"};
  private static final Field PATH = Field.root("path");
  private static final Field LANGUAGE = Field.root("language");
  private static final Field SHA256 = Field.root("sha256");
  private static final Field DELETED = Field.root("deleted");
  private static final Field EXPECT = Field.root("expect");
  private static final Field SYMBOLS = Field.root("symbols");
  private static final Field EDGES = Field.root("edges");

  /**
   * Parses {@code bytes[0, length)}.
   *
   * @throws LineException if the line is not a valid record
   */
  ParsedLine parse(byte[] bytes, int length) throws LineException {
    Line line = new Line();
    try (JsonParser parser = FACTORY.createParser(bytes, 0, length)) {
      line.parser = parser;
      return line.parse();
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
      throw new LineException("invalid JSON: " + tidy(e.getOriginalMessage()) + where, line.path);
    } catch (IOException e) {
      throw new LineException("invalid JSON: " + e.getMessage(), line.path);
    }
  }

  /** Jackson's message without its source descriptions and API hints, which mean nothing to a user. */
  static String tidy(String message) {
    if (message == null) {
      return "unreadable input";
    }
    return SOURCE.matcher(API_HINT.matcher(message).replaceAll("")).replaceAll("column $1");
  }

  /** The state of parsing one line; the first problem found is the one reported. */
  private static final class Line {
    JsonParser parser;
    String path;
    private String problem;
    /** The symbols' indices by name, once the {@code symbols} field has been read. */
    private Map<String, Integer> symbolIndex;

    ParsedLine parse() throws IOException, LineException {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new LineException("a line must be one JSON object, found " + describe(first), null);
      }
      boolean pathSeen = false;
      String language = null;
      byte[] sha256 = null;
      boolean deleted = false;
      ExpectedObject expect = null;
      List<SymbolSummary> symbols = null;
      List<RawEdge> edges = null;
      int seen = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        seen = once(seen, field, LINE_FIELDS);
        parser.nextToken();
        switch (field) {
          case "path" -> {
            pathSeen = true;
            String raw = string(PATH, true);
            if (raw != null) {
              try {
                path = RepoPaths.normalise(raw);
              } catch (InvalidSummaryException e) {
                problem("bad path: " + e.getMessage());
              }
            }
          }
          case "language" -> language = string(LANGUAGE, false);
          case "sha256" -> sha256 = hash(SHA256);
          case "deleted" -> deleted = bool(DELETED);
          case "expect" -> expect = expect();
          case "symbols" -> {
            symbols = array(SYMBOLS, this::symbol);
            symbolIndex = symbols == null ? null : indexOf(symbols);
          }
          case "edges" -> edges = array(EDGES, this::edge);
          default -> unknown(null, field, "path, language, sha256, deleted, expect, symbols, edges");
        }
      }
      if (parser.nextToken() != null) {
        problem("unexpected content after the JSON object");
      }
      if (!pathSeen) {
        problem("missing field \"path\"");
      }
      if (problem != null) {
        throw new LineException(problem, path);
      }
      if (deleted) {
        if (language != null || sha256 != null || symbols != null || edges != null) {
          throw new LineException("a deleted line holds only \"path\", \"deleted\" and \"expect\"", path);
        }
        return new ParsedLine.Delete(path, expect);
      }
      FileSummary summary;
      try {
        List<SymbolSummary> symbolList = symbols == null ? List.of() : symbols;
        summary = new FileSummary(path, language, sha256, symbolList, resolve(symbolList, edges));
      } catch (InvalidSummaryException e) {
        throw new LineException(e.getMessage(), path);
      }
      try {
        return new ParsedLine.Put(LooseObjectCodec.encodeFile(summary), expect);
      } catch (IllegalArgumentException e) { // no UTF-8 form, e.g. a lone surrogate in the path: reported in order
        return new ParsedLine.Unstorable(summary.path(), e.getMessage(), expect);
      }
    }

    /** Each symbol's index by name (the last of a repeated name, which {@link FileSummary} refuses anyway). */
    private static Map<String, Integer> indexOf(List<SymbolSummary> symbols) {
      Map<String, Integer> index = new HashMap<>(symbols.size() * 2);
      for (int i = 0; i < symbols.size(); i++) {
        index.put(symbols.get(i).name(), i);
      }
      return index;
    }

    private List<EdgeSummary> resolve(List<SymbolSummary> symbols, List<RawEdge> edges) throws LineException {
      if (edges == null || edges.isEmpty()) {
        return List.of();
      }
      Map<String, Integer> index = symbolIndex != null ? symbolIndex : indexOf(symbols);
      List<EdgeSummary> out = new ArrayList<>(edges.size());
      for (RawEdge e : edges) {
        if (e.resolved != null) {
          out.add(e.resolved);
          continue;
        }
        Integer source = index.get(e.from);
        if (source == null) {
          throw new LineException(e.field + ".from " + quote(e.from) + " names no symbol of this line", path);
        }
        out.add(new EdgeSummary(source, e.type, e.to, e.lines));
      }
      return out;
    }

    private SymbolSummary symbol(Field field) throws IOException {
      if (!expectObject(field)) {
        return null;
      }
      String before = problem;
      String name = null;
      String kind = null;
      List<String> effects = null;
      int[] lines = null;
      byte[] hash = null;
      List<Note> notes = null;
      TreeMap<String, String> metadata = null;
      int seen = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        seen = once(seen, key, SYMBOL_FIELDS);
        parser.nextToken();
        switch (key) {
          case "name" -> name = string(field.dot("name"), true);
          case "kind" -> kind = string(field.dot("kind"), true);
          case "effects" -> effects = array(field.dot("effects"), f -> string(f, true));
          case "lines" -> lines = lines(field.dot("lines"));
          case "hash" -> hash = hash(field.dot("hash"));
          case "notes" -> notes = array(field.dot("notes"), this::note);
          case "metadata" -> metadata = metadata(field.dot("metadata"));
          default -> unknown(field, key, "name, kind, effects, lines, hash, notes, metadata");
        }
      }
      if (name == null) {
        problem(field + ": missing field \"name\"");
      } else if (kind == null) {
        problem(field + " (" + quote(name) + "): missing field \"kind\"");
      }
      if (problem != before) {
        return null;
      }
      try {
        return new SymbolSummary(name, kind, effects, lines == null ? 0 : lines[0], lines == null ? 0 : lines[1], hash,
            notes, metadata);
      } catch (InvalidSummaryException e) {
        problem(field + ": " + e.getMessage());
        return null;
      }
    }

    private RawEdge edge(Field field) throws IOException {
      if (!expectObject(field)) {
        return null;
      }
      String from = null;
      String type = null;
      String to = null;
      int[] line = null;
      int[] lines = null;
      int seen = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        seen = once(seen, key, EDGE_FIELDS);
        parser.nextToken();
        switch (key) {
          case "from" -> from = string(field.dot("from"), true);
          case "type" -> type = string(field.dot("type"), true);
          case "to" -> to = string(field.dot("to"), true);
          case "line" -> line = siteLine(field.dot("line"));
          case "lines" -> lines = siteLines(field.dot("lines"));
          default -> unknown(field, key, "from, type, to, line, lines");
        }
      }
      String missing = from == null ? "from" : type == null ? "type" : to == null ? "to" : null;
      if (missing != null) {
        problem(field + ": missing field \"" + missing + "\"");
        return null;
      }
      if (line != null && lines != null) { // both given: the edge occurs on all of them
        int[] both = java.util.Arrays.copyOf(lines, lines.length + 1);
        both[lines.length] = line[0];
        lines = both;
      } else if (line != null) {
        lines = line;
      }
      // the source's index is known when the symbols came before the edges (as writers put them); otherwise it is
      // resolved once the whole line is read
      Integer source = symbolIndex == null ? null : symbolIndex.get(from);
      try {
        // validates type, target and lines now, so the message names the edge
        EdgeSummary summary = new EdgeSummary(source == null ? 0 : source, type, to, lines);
        return source == null ? new RawEdge(field, from, type, to, summary.lines(), null)
            : new RawEdge(field, from, type, to, null, summary);
      } catch (InvalidSummaryException e) {
        problem(field + ": " + e.getMessage());
        return null;
      }
    }

    /** An edge's {@code "line"}: one integer, at least 1. Returns it in a one-element array, or null (a problem). */
    private int[] siteLine(Field field) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
          && parser.getIntValue() >= 1) {
        return new int[] {parser.getIntValue()};
      }
      problem(field + " must be a line number, an integer from 1 to " + Integer.MAX_VALUE + ", found "
          + (t == JsonToken.VALUE_NUMBER_INT ? parser.getText() : describe(t)));
      parser.skipChildren();
      return null;
    }

    /**
     * An edge's {@code "lines"}: an array of integers, each at least 1 (sorted and merged later). Its size is bounded
     * by the line's length (each element takes two bytes at least) and, when the summary is built, by
     * {@code Limits.MAX_EDGE_LINES_PER_FILE}.
     */
    private int[] siteLines(Field field) throws IOException {
      JsonToken t = parser.currentToken();
      if (t != JsonToken.START_ARRAY) {
        problem(field + " must be an array of line numbers, found " + describe(t));
        parser.skipChildren();
        return null;
      }
      int[] out = new int[4];
      int count = 0;
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
            || parser.getIntValue() < 1) {
          String found = t == JsonToken.VALUE_NUMBER_INT ? parser.getText() : describe(t);
          parser.skipChildren();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
          }
          problem(field + "[" + count + "] must be a line number, an integer from 1 to " + Integer.MAX_VALUE
              + ", found " + found);
          return null;
        }
        if (count == Limits.MAX_EDGE_LINES_PER_FILE) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
          }
          problem(field + " has more than " + Limits.MAX_EDGE_LINES_PER_FILE + " lines");
          return null;
        }
        if (count == out.length) {
          out = java.util.Arrays.copyOf(out, Math.min(2 * count, Limits.MAX_EDGE_LINES_PER_FILE));
        }
        out[count++] = parser.getIntValue();
      }
      return java.util.Arrays.copyOf(out, count);
    }

    private Note note(Field field) throws IOException {
      if (!expectObject(field)) {
        return null;
      }
      String lang = null;
      String text = null;
      int seen = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        seen = once(seen, key, NOTE_FIELDS);
        parser.nextToken();
        switch (key) {
          case "lang" -> lang = string(field.dot("lang"), true);
          case "text" -> text = string(field.dot("text"), true);
          default -> unknown(field, key, "lang, text");
        }
      }
      if (lang == null || text == null) {
        problem(field + ": missing field \"" + (lang == null ? "lang" : "text") + "\"");
        return null;
      }
      try {
        return new Note(lang, text);
      } catch (InvalidSummaryException e) {
        problem(field + ": " + e.getMessage());
        return null;
      }
    }

    private TreeMap<String, String> metadata(Field field) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      if (!expectObject(field)) {
        return null;
      }
      TreeMap<String, String> out = new TreeMap<>();
      java.util.Set<String> keys = new java.util.HashSet<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (!keys.add(key)) {
          throw duplicate(key);
        }
        parser.nextToken();
        String value = string(field.dot(key), true);
        if (value != null) {
          out.put(key, value);
        }
      }
      return out;
    }

    private int[] lines(Field field) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.START_ARRAY) {
        return badLines(field, describe(t));
      }
      int[] out = new int[2];
      int count = 0;
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT || count == 2) {
          String found = count == 2 ? "more than two elements"
              : t == JsonToken.VALUE_NUMBER_FLOAT ? "a number with a fraction"
              : t == JsonToken.VALUE_NUMBER_INT ? "an integer beyond " + Integer.MAX_VALUE
              : describe(t);
          parser.skipChildren();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
          }
          return badLines(field, found);
        }
        out[count++] = parser.getIntValue();
      }
      return count == 2 ? out : badLines(field, count + " element" + (count == 1 ? "" : "s"));
    }

    private int[] badLines(Field field, String found) throws IOException {
      problem(field + " must be [start, end], two integers, found " + found);
      parser.skipChildren();
      return null;
    }

    /** {@code "expect": "none"} or 64 hex digits: the object the writer expects the path to hold now. */
    private ExpectedObject expect() throws IOException {
      String text = string(EXPECT, true);
      if (text == null) {
        return null;
      }
      try {
        return ExpectedObject.parse(text);
      } catch (IllegalArgumentException e) {
        problem("expect: " + e.getMessage());
        return null;
      }
    }

    private byte[] hash(Field field) throws IOException {
      String hex = string(field, false);
      if (hex == null) {
        return null;
      }
      try {
        return Hex.sha256(hex, field.toString());
      } catch (InvalidSummaryException e) {
        problem(e.getMessage());
        return null;
      }
    }

    private boolean bool(Field field) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      if (t != JsonToken.VALUE_NULL) {
        problem(field + " must be true or false, found " + describe(t));
        parser.skipChildren();
      }
      return false;
    }

    /** A string value; {@code null} means absent (then a problem if {@code required}). */
    private String string(Field field, boolean required) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (t == JsonToken.VALUE_NULL && !required) {
        return null;
      }
      problem(field + " must be a string, found " + describe(t));
      parser.skipChildren();
      return null;
    }

    private <T> List<T> array(Field field, ElementReader<T> reader) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.START_ARRAY) {
        problem(field + " must be an array, found " + describe(t));
        parser.skipChildren();
        return null;
      }
      List<T> out = new ArrayList<>();
      int i = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        T value = reader.read(field.at(i++));
        if (value != null) {
          out.add(value);
        }
      }
      return out;
    }

    private boolean expectObject(Field field) throws IOException {
      JsonToken t = parser.currentToken();
      if (t == JsonToken.START_OBJECT) {
        return true;
      }
      problem(field + " must be an object, found " + describe(t));
      parser.skipChildren();
      return false;
    }

    private void unknown(Field parent, String key, String allowed) throws IOException {
      problem("unknown field \"" + (parent == null ? key : parent.dot(key).toString()) + "\" (allowed: " + allowed + ")");
      parser.skipChildren();
    }

    /**
     * {@code seen} with the bit of {@code field} among {@code known} set; throws if it was set already (a field
     * given twice). An unknown field has no bit: it is reported as unknown.
     */
    private int once(int seen, String field, String[] known) throws JsonParseException {
      for (int i = 0; i < known.length; i++) {
        if (known[i].equals(field)) {
          if ((seen & 1 << i) != 0) {
            throw duplicate(field);
          }
          return seen | 1 << i;
        }
      }
      return seen;
    }

    /** Reported as Jackson's own detector did: {@code invalid JSON: Duplicate field 'path' (column 22)}. */
    private JsonParseException duplicate(String field) {
      return new JsonParseException(parser, "Duplicate field '" + field + "'");
    }

    private void problem(String message) {
      if (problem == null) {
        problem = message;
      }
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "nothing";
      }
      return switch (t) {
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        default -> t.asString() == null ? t.name() : t.asString();
      };
    }

    private static String quote(String s) {
      return '"' + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + '"';
    }
  }

  /** Reads one array element starting at the current token, consuming exactly that value. */
  @FunctionalInterface
  private interface ElementReader<T> {
    T read(Field field) throws IOException;
  }

  /**
   * Where a value sits in the line, e.g. {@code symbols[1].lines}, for messages. Its text is built only when a message
   * needs it: a valid line (the common case) builds no field names at all. Immutable.
   */
  private static final class Field {
    private final Field parent;
    private final String name;
    private final int index;

    private Field(Field parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    static Field root(String name) {
      return new Field(null, name, -1);
    }

    /** The member {@code name} of this object, e.g. {@code symbols[1]} → {@code symbols[1].lines}. */
    Field dot(String member) {
      return new Field(this, member, -1);
    }

    /** Element {@code i} of this array, e.g. {@code symbols} → {@code symbols[1]}. */
    Field at(int i) {
      return new Field(this, null, i);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      append(b);
      return b.toString();
    }

    private void append(StringBuilder b) {
      if (parent != null) {
        parent.append(b);
      }
      if (name == null) {
        b.append('[').append(index).append(']');
      } else {
        if (parent != null) {
          b.append('.');
        }
        b.append(name);
      }
    }
  }

  /**
   * An edge as written: the source by name, resolved once all symbols are known; or {@code resolved} already, when
   * the symbols came first.
   */
  private record RawEdge(Field field, String from, String type, String to, int[] lines, EdgeSummary resolved) { }
}
