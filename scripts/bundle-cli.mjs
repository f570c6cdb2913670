#!/usr/bin/env node
// Part of `npm run build`, after tsc: bundles the CLI (dist/cli/main.js, which dist/cli/portico.js
// loads) and the program of a `--workers` gateway process into one CommonJS file each,
// dist/cli/main.cjs and dist/cli/worker-main.cjs, from tsc's output. Loading ~400 ES modules one by
// one (resolve, read, compile, link) was most of `portico up`'s cold start; one file is read and
// compiled at once, and CommonJS loads the packages (CommonJS themselves) without the ES module
// loader's resolution and export scanning (docs/performance.md). Packages stay external, resolved
// from node_modules as before; the rest of dist/ stays as tsc wrote it for library users.
import { build } from 'esbuild';
import { join } from 'node:path';

const DIST = join(import.meta.dirname, '..', 'dist');

await build({
  entryPoints: { main: join(DIST, 'cli', 'main.js'), 'worker-main': join(DIST, 'server', 'workers', 'worker-main.js') },
  outdir: join(DIST, 'cli'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // ES modules are strict; so is the bundle. The code finds files next to itself (the console, the
  // worker's bundle, the seed) from import.meta.url, which CommonJS has as __filename.
  banner: { js: "'use strict';\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  // Maps back to src/*.ts through tsc's own maps.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
