import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The console's page (docs/console.md): built by `npm run build` into dist/console, served by Portico at /_portico/. */
export default defineConfig({
  root: here,
  base: '/_portico/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: fileURLToPath(new URL('../dist/console', import.meta.url)), emptyOutDir: true, assetsInlineLimit: 0, target: 'es2022' },
});
