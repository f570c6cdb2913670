import type { Args, FunctionSpec } from './args.js';

/**
 * IP network functions: https://developer.hashicorp.com/terraform/language/functions (IP Network
 * Functions). Addresses are BigInts so IPv4 and IPv6 share one implementation.
 */
export const networkFunctions: Record<string, FunctionSpec> = {
  cidrhost: {
    params: ['prefix', 'hostnum'],
    impl: (a) => {
      const net = parseCidr(a, 0);
      const size = 1n << BigInt(net.bits - net.prefix);
      let host = BigInt(a.int(1));
      if (host < 0n) host += size;
      if (host < 0n || host >= size) a.fail(`prefix ${net.prefix} has no host number ${a.int(1)}; it has ${size} addresses`);
      return formatAddress(net.base + host, net.bits);
    },
  },
  cidrnetmask: {
    params: ['prefix'],
    impl: (a) => {
      const net = parseCidr(a, 0);
      if (net.bits !== 32) a.fail('only IPv4 prefixes have a netmask');
      return formatAddress(mask(net.prefix, 32), 32);
    },
  },
  cidrsubnet: {
    params: ['prefix', 'newbits', 'netnum'],
    impl: (a) => subnet(a, parseCidr(a, 0), a.int(1), a.int(2)),
  },
  cidrsubnets: {
    params: ['prefix'],
    variadic: 'newbits',
    impl: (a) => {
      const net = parseCidr(a, 0);
      let next = net.base;
      return a.rest(1).map((_, i) => {
        const prefix = net.prefix + a.int(i + 1);
        if (prefix > net.bits) a.fail(`not enough address bits for ${a.int(i + 1)} more bits`);
        const size = 1n << BigInt(net.bits - prefix);
        next = ((next + size - 1n) / size) * size;
        const out = `${formatAddress(next, net.bits)}/${prefix}`;
        next += size;
        if (next > net.base + (1n << BigInt(net.bits - net.prefix))) a.fail('not enough address space for all the requested subnets');
        return out;
      });
    },
  },
};

interface Network {
  base: bigint;
  prefix: number;
  bits: 32 | 128;
}

function mask(prefix: number, bits: number): bigint {
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function subnet(a: Args, net: Network, newbits: number, netnum: number): string {
  const prefix = net.prefix + newbits;
  if (newbits < 0 || prefix > net.bits) a.fail(`cannot extend a /${net.prefix} prefix by ${newbits} bits`);
  if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits))
    a.fail(`prefix extension of ${newbits} bits does not accommodate a subnet numbered ${netnum}`);
  const base = net.base | (BigInt(netnum) << BigInt(net.bits - prefix));
  return `${formatAddress(base, net.bits)}/${prefix}`;
}

function parseCidr(a: Args, i: number): Network {
  const text = a.str(i);
  const [addr = '', prefixText = ''] = text.split('/');
  const prefix = Number(prefixText);
  const parsed = addr.includes(':') ? parseV6(addr) : parseV4(addr);
  if (parsed === undefined || !/^\d+$/.test(prefixText) || prefix > parsed.bits) {
    return a.fail(`${JSON.stringify(text)} is not a CIDR prefix like "10.0.0.0/16"`);
  }
  return { base: parsed.value & mask(prefix, parsed.bits), prefix, bits: parsed.bits };
}

function parseV4(text: string): { value: bigint; bits: 32 } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 };
}

function parseV6(text: string): { value: bigint; bits: 128 } | undefined {
  const [head = '', tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

function formatAddress(value: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 recommends.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.len).join(':')}`;
}
