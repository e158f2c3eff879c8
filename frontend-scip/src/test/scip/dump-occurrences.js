// Dumps every occurrence and every relationship of a SCIP index as TSV, decoded by the protobuf bindings that ship
// with @sourcegraph/scip-typescript (google-protobuf, generated from scip.proto): an independent decoder that the
// tests compare graphsnap's own decoder with (FixtureIndexTest). Run it where that package is installed:
//   NODE_PATH=/path/to/node_modules node dump-occurrences.js index.scip > index.occurrences.tsv
// Rows: "occ" path roles range enclosing_range symbol   |   "rel" path symbol flags(ref,impl,typedef,def) target
const { scip } = require("@sourcegraph/scip-typescript/dist/src/scip.js");
const fs = require("fs");
const index = scip.Index.deserializeBinary(fs.readFileSync(process.argv[2]));
const rows = [];
for (const d of index.documents) {
  for (const o of d.occurrences) {
    if (!o.symbol) continue;
    rows.push(["occ", d.relative_path, o.symbol_roles, o.range.join(","), o.enclosing_range.join(","), o.symbol].join("\t"));
  }
  for (const s of d.symbols) {
    for (const r of s.relationships) {
      const flags = [r.is_reference, r.is_implementation, r.is_type_definition, r.is_definition].map((b) => (b ? 1 : 0)).join("");
      rows.push(["rel", d.relative_path, s.symbol, flags, r.symbol].join("\t"));
    }
  }
}
process.stdout.write(rows.join("\n") + "\n");
