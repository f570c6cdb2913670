#!/usr/bin/env node
// The `portico` command (package.json "bin"). Its start-up was mostly loading code, ~400 ES modules
// one by one: `npm run build` bundles the CLI (main.ts and everything it imports, packages aside)
// into one CommonJS file, dist/cli/main.cjs (scripts/bundle-cli.mjs), and this loads it.
// docs/performance.md has the measurements.
import module from 'node:module';

// Node 22 and later keep V8's compiled code of the bundle between runs (in the OS temp directory);
// Node 20 has no such cache, and one of our own (vm.Script cachedData) saved only ~25 ms of CPU.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
module.createRequire(import.meta.url)('./main.cjs');
