// Runs after `npm install`: npm 11 may silently skip install scripts of packages that are not in
// package.json's "allowScripts", which leaves native addons unbuilt. Fail loudly here instead of
// at the first click in the app.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const checks = [
  ['better-sqlite3', () => {
    const Database = require('better-sqlite3');
    new Database(':memory:').prepare('select 1').get();
  }],
  ['onnxruntime-node', () => {
    const ort = require('onnxruntime-node');
    if (!ort.listSupportedBackends().some((b) => b.name === 'cpu')) throw new Error('no CPU backend');
  }],
  ['sharp', () => { require('sharp'); }],
  ['esbuild', () => { require('esbuild').transformSync('let a: number = 1', { loader: 'ts' }); }],
];

let failed = 0;
for (const [name, check] of checks) {
  try {
    check();
  } catch (err) {
    failed += 1;
    console.error(`[check-native] ${name} does not load: ${err instanceof Error ? err.message : err}`);
    console.error(`  Its install script probably did not run. Try: npm rebuild ${name}`);
    console.error('  and check that package.json "allowScripts" allows it (see `npm install-scripts ls`).');
  }
}
if (failed > 0) process.exit(1);
console.log('[check-native] better-sqlite3, onnxruntime-node, sharp and esbuild load.');
