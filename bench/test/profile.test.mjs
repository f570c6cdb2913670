import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaOf, readMainThreadProfile, summarizeProfile } from '../lib/profile.mjs';

// A V8 CPU profile in the shape node --cpu-prof writes: nodes with call frames, and samples
// (node ids) with the time since the previous sample.
const frame = (functionName, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
const PROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
    { id: 2, callFrame: frame('runPipeline', 'file:///repo/dist/data-plane/gateway.js', 38) },
    { id: 3, callFrame: frame('writeH1', 'file:///repo/node_modules/undici/lib/dispatcher/client-h1.js', 1143) },
    { id: 4, callFrame: frame('(idle)') },
  ],
  samples: [2, 3, 2, 4, 2],
  timeDeltas: [0, 100, 100, 100, 100],
};

describe('summarizeProfile', () => {
  it('adds up self time per function and per area, as shares of the sampled time', () => {
    const s = summarizeProfile(PROFILE, 10);
    // Sample i lasts until sample i+1: runPipeline 100+100, writeH1 100, idle 100, the last sample 0.
    expect(s.totalMs).toBeCloseTo(0.4);
    expect(s.functions[0]).toEqual({ name: 'runPipeline', where: 'dist/data-plane/gateway.js:39', share: 0.5 });
    expect(s.areas).toEqual([
      { area: 'portico data-plane/', share: 0.5 },
      { area: 'undici', share: 0.25 },
      { area: 'idle', share: 0.25 },
    ]);
  });
});

describe('summarizeProfile from a point in time', () => {
  it('leaves out the samples taken before it (start-up, warm-up)', () => {
    // Samples at 0, 100, 200, 300, 400 µs: from 150 µs on, runPipeline 100, idle 100.
    const s = summarizeProfile(PROFILE, 10, { fromMicros: 150 });
    expect(s.totalMs).toBeCloseTo(0.2);
    expect(s.functions.map((f) => f.name)).toEqual(['runPipeline', '(idle)']);
  });
});

describe('areaOf', () => {
  it('names the part of the process a frame belongs to', () => {
    expect(areaOf('node:_http_server', 'x')).toBe('node http');
    expect(areaOf('file:///r/node_modules/@cdktf/hcl2json/lib/bridge.js', 'parse')).toBe('@cdktf/hcl2json');
    expect(areaOf('wasm://wasm/018d120e', 'wasm-function[1]')).toBe('WebAssembly');
    expect(areaOf('', '(garbage collector)')).toBe('GC');
  });
});

describe('readMainThreadProfile', () => {
  it("reads the main thread's file, not a worker thread's written beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-profile-'));
    try {
      writeFileSync(join(dir, 'CPU.20261125.181003.32068.0.001.cpuprofile'), JSON.stringify(PROFILE));
      writeFileSync(join(dir, 'CPU.20261125.181004.32068.1.002.cpuprofile'), JSON.stringify({ nodes: [], samples: [], timeDeltas: [] }));
      expect(readMainThreadProfile(dir).samples).toEqual(PROFILE.samples);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
