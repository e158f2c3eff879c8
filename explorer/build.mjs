// Bundles the explorer: src/main/web/app.js (and what it imports from node_modules) into one minified app.js,
// and copies index.html and app.css beside it. Usage: node build.mjs OUT_DIR
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ['src/main/web/app.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'external', // cytoscape's licence text goes to app.js.LICENSE.txt beside the bundle
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css', 'favicon.svg']) {
  copyFileSync(join('src/main/web', f), join(out, f));
}
console.log(`explorer: bundled into ${out}`);
