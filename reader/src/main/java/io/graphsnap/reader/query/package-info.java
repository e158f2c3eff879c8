/**
 * The query language of {@code graphsnap query} (and of the server and MCP tools to come): parse a string
 * into a {@link io.graphsnap.reader.query.Query}, evaluate it on a snapshot's bitmaps and CSR.
 *
 * <p>Life cycle: {@code Query q = new QueryParser(snapshot.edgeTypes()).parse(text)} (a
 * {@link io.graphsnap.reader.query.QuerySyntaxException} names the column) → {@code QueryResult r = new
 * QueryEvaluator(snapshot).evaluate(q)} (while the snapshot is open) → {@code r.nodes()}, {@code r.count()},
 * {@code r.warnings()} (heap memory, valid after the snapshot closes).
 *
 * <h2>Syntax</h2>
 * <pre>
 * Query   --&gt; Or | (empty: every node)
 * Or      --&gt; And ("OR" And)*
 * And     --&gt; Unary (["AND"] Unary)*          juxtaposition is AND
 * Unary   --&gt; ("-" | "NOT") Unary | "(" Or ")" | Term
 * Term    --&gt; Qualifier ":" Value | Degree | Value      a bare Value is name:*Value*
 * Degree  --&gt; ("in" | "out") ["." EdgeType] ("&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "=") Digits
 * </pre>
 * {@code OR} binds loosest, then AND, then {@code -}; {@code OR}, {@code AND}, {@code NOT} are operators
 * only in capitals. A word ends at a space; {@code "…"} inside a word is literal (spaces, parentheses,
 * {@code * ?}; escapes {@code \"} and {@code \\}); a {@code )} ends a word only if the word opened no
 * {@code (} itself, so {@code name:List#add(int)} needs no quotes.
 *
 * <table>
 *   <caption>Qualifiers</caption>
 *   <tr><td>{@code kind:K}</td><td>kind K (bitmap)</td></tr>
 *   <tr><td>{@code effect:E}</td><td>declares effect E (bitmap)</td></tr>
 *   <tr><td>{@code effect~:E}</td><td>declares E or reaches a node that does through {@code calls}
 *       (the closure of {@code graphsnap effects}): one backward search over {@code calls} from E's bitmap,
 *       memoised per snapshot and effect</td></tr>
 *   <tr><td>{@code name:P}</td><td>name equals P (the name index); {@code P*}: prefix (a sorted range); other
 *       unquoted {@code *}/{@code ?}: glob, tested on the UTF-8 names in place, on the range of its literal
 *       prefix, or on the {@link io.graphsnap.reader.query.NameSearch} candidates (the NAME_TRIGRAMS index by
 *       default), or, with neither or few candidates left, on the candidates</td></tr>
 *   <tr><td>{@code file:P}</td><td>defined in a file whose path starts with P (a range of file ids: paths are
 *       sorted), or matches glob P</td></tr>
 *   <tr><td>{@code lang:L}, {@code language:L}</td><td>defined in a file of language L</td></tr>
 *   <tr><td>{@code meta:K=V}, {@code meta:K}</td><td>metadata K is V / is present</td></tr>
 *   <tr><td>{@code TYPE:X} (any edge type, e.g. {@code calls:X}, {@code covers:R-1})</td><td>has a TYPE
 *       edge to a node named X (X may be a prefix or glob); read from X's in-edges</td></tr>
 *   <tr><td>{@code calledby:X}</td><td>X calls it ({@code rel:calls<X})</td></tr>
 *   <tr><td>{@code rel:TYPE>X}, {@code rel:TYPE<X}, {@code rel:*>X}</td><td>an edge of TYPE (any
 *       type for {@code *}) to X, or from X</td></tr>
 *   <tr><td>{@code in>N}, {@code out<=N}, {@code in.calls=0}</td><td>degree, of all or one edge type</td></tr>
 *   <tr><td>{@code is:external}, {@code is:merged}, {@code is:test}</td><td>an unresolved target; a merged
 *       namespace; a test (kind {@code test}, or declared in a file under a {@code test/} or {@code tests/}
 *       folder, such as {@code src/test/java/})</td></tr>
 * </table>
 * Example: {@code kind:method effect~:io -file:src/test/ (name:*Reader OR name:*Stream)}.
 *
 * <p>Evaluation ({@link io.graphsnap.reader.query.QueryEvaluator} has the cost of each term): the operands of an
 * AND run most selective first, by what an index says each can yield, and each later operand sees only the
 * survivors, so per-candidate tests (globs, degrees, metadata) run on what the index terms left.
 *
 * <p>An unknown qualifier or edge type is a syntax error when the parser was given the snapshot's edge types
 * (otherwise {@code WORD:X} reads as a relation of type WORD). An unknown kind, effect, language or relation
 * target is not an error: the term matches nothing and
 * {@link io.graphsnap.reader.query.QueryResult#warnings()} says why.
 */
package io.graphsnap.reader.query;
