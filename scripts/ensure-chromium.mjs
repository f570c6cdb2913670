#!/usr/bin/env node
// Part of `npm test`: the console's browser tests (test/console/) drive Debian's headless Chromium at
// /usr/bin/chromium. On a fresh Debian/Ubuntu machine it is installed here (apt-get, as root or
// through sudo), so the README's `npm ci && npm test` keeps doing all set-up; elsewhere it says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

if (!existsSync(CHROMIUM)) {
  if (!has('apt-get')) {
    process.stderr.write(
      `${CHROMIUM} is missing: install Chromium there (Debian/Ubuntu: apt-get install -y chromium) for test/console/.\n`,
    );
    process.exit(1);
  }
  const root = process.getuid?.() === 0;
  const prefix = root ? [] : has('sudo') ? ['sudo'] : undefined;
  if (prefix === undefined) {
    process.stderr.write(`${CHROMIUM} is missing and this user cannot install it: run \`apt-get install -y chromium\` as root.\n`);
    process.exit(1);
  }
  process.stderr.write(`${CHROMIUM} is missing: installing Debian's chromium for the console's browser tests\n`);
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'chromium'],
  ]) {
    const [command, ...rest] = [...prefix, ...args];
    const result = spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
