// The benchmark's own tests (its parsers, its backend, its report), kept out of the project's
// suite because they need wrk/nginx for some checks: `npx vitest run --config bench/vitest.config.mjs`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/test/**/*.test.mjs'],
    testTimeout: 20_000,
  },
});
