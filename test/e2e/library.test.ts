import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('the package entry point', () => {
  it('imports as "portico" and starts the seed with startPortico, as a user test suite would', async () => {
    // Node resolves the package's own name through its "exports" (self-reference), as a dependency would.
    const script = `
      const { startPortico } = await import('portico');
      const gw = await startPortico({ dir: 'examples/seed', port: 0, state: ':memory:', logLevel: 'silent' });
      console.log(JSON.stringify(gw.apis.map((a) => ({ name: a.name, stages: a.stages.map((s) => s.stageName) }))));
      await gw.stop();
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual([{ name: 'development-api-gatewayv2', stages: ['$default'] }]);
  });
});
