import { createHash } from 'node:crypto';

/**
 * Stand-in values must be the same on every run, so all "random" parts derive from the address
 * and attribute they stand for.
 */
export function stableHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  return out.slice(0, length);
}

export function stableDigits(seed: string, length: number): string {
  return stableHex(seed, length * 2)
    .split('')
    .filter((_, i) => i % 2 === 0)
    .map((c) => String(parseInt(c, 16) % 10))
    .join('');
}

export function stableAlnum(seed: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const hex = stableHex(seed, length * 2);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length] ?? 'x';
  return out;
}

export function stableUuid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
