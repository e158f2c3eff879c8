// Runs `npm ci` unless node_modules already holds what package-lock.json pins (npm's own record of the last
// install, node_modules/.package-lock.json, is newer than the lock file). Usage: node npm-ci-if-needed.mjs [NPM]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const npm = process.argv[2] || 'npm';
const mtime = (f) => { try { return statSync(f).mtimeMs; } catch { return -1; } };
const installed = mtime('node_modules/.package-lock.json');
if (installed >= 0 && installed >= mtime('package-lock.json') && installed >= mtime('package.json')) {
  console.log('explorer: node_modules matches package-lock.json; skipping npm ci');
  process.exit(0);
}
console.log('explorer: npm ci');
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (r.error) {
  console.error(`explorer: cannot run ${npm}: ${r.error.message} (install Node.js 18+ with npm, or pass -Dexplorer.npm=PATH)`);
  process.exit(2);
}
process.exit(r.status ?? 1);
