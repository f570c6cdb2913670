import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nginxBackendCommand, nginxCommand } from '../lib/nginx.mjs';
import { which } from '../lib/tools.mjs';

const nginx = which('nginx');

describe.skipIf(nginx === undefined)('nginx baseline config', () => {
  it('is accepted by nginx -t with its own prefix (no system paths needed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
    try {
      const argv = nginxCommand(nginx, { dir, port: 1, backendPort: 2 });
      const result = spawnSync(argv[0], [...argv.slice(1), '-t'], { encoding: 'utf8' });
      expect(result.stderr).toContain('test is successful');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the nginx backend config is accepted too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-backend-'));
    try {
      const argv = nginxBackendCommand(nginx, { dir, port: 1 });
      const result = spawnSync(argv[0], [...argv.slice(1), '-t'], { encoding: 'utf8' });
      expect(result.stderr).toContain('test is successful');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
