#!/usr/bin/env node
// The `portico` command (package.json "bin"). Its start-up was mostly loading code, ~400 ES modules
// one by one: `npm run build` bundles the CLI (main.ts and everything it imports, packages aside)
// into one CommonJS file, dist/cli/main.cjs (scripts/bundle-cli.mjs), and this loads it.
// docs/performance.md has the measurements.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./main.cjs');
