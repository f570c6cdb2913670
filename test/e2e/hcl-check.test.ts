import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortico } from '../../src/server/index.js';

describe("HashiCorp's parser checks what Portico's reader served", () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-hcl-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs an error naming file:line when terraform would refuse a file Portico read', async () => {
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'locals {',
        '  protocol = true ? "HTTP"',
        '    : "WEBSOCKET"',
        '}',
        'resource "aws_apigatewayv2_api" "api" {',
        '  name          = "lenient"',
        '  protocol_type = local.protocol',
        '}',
        '',
      ].join('\n'),
    );
    const lines = new PassThrough();
    const logged = new Promise<string>((resolve) => {
      let text = '';
      lines.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const line = text.split('\n').find((l) => l.includes("HashiCorp's HCL parser refuses"));
        if (line) resolve(line);
      });
    });
    const portico = await startPortico({ dir, port: 0, state: ':memory:', logDestination: lines, verifyHcl: { afterMs: 0 } });
    try {
      expect(portico.apis.map((a) => a.name)).toEqual(['lenient']);
      const line = JSON.parse(await logged) as { level: number; file: string; line: number; msg: string };
      expect(line).toMatchObject({ level: 50, file: 'main.tf', line: 2 });
      expect(line.msg).toMatch(/^main\.tf:2: Missing false expression in conditional/);
    } finally {
      await portico.stop();
    }
  });
});
