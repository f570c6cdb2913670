import type { Args, FunctionSpec } from './args.js';

/**
 * Date and time functions: https://developer.hashicorp.com/terraform/language/functions (Date and
 * Time Functions). The clock is injected (LoadOptions.now) so results are reproducible.
 */
export const timeFunctions: Record<string, FunctionSpec> = {
  timestamp: { params: [], impl: (_a, ctx) => rfc3339(ctx.now(), 0) },
  plantimestamp: { params: [], impl: (_a, ctx) => rfc3339(ctx.now(), 0) },
  timeadd: {
    params: ['timestamp', 'duration'],
    impl: (a) => {
      const { date, offset } = parseTimestamp(a, 0);
      return rfc3339(new Date(date.getTime() + parseDuration(a)), offset);
    },
  },
  timecmp: {
    params: ['timestamp_a', 'timestamp_b'],
    impl: (a) => Math.sign(parseTimestamp(a, 0).date.getTime() - parseTimestamp(a, 1).date.getTime()),
  },
  formatdate: { params: ['spec', 'timestamp'], impl: (a) => formatDate(a) },
};

interface Stamp {
  date: Date;
  /** Offset from UTC in minutes. */
  offset: number;
}

function parseTimestamp(a: Args, i: number): Stamp {
  const text = a.str(i);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/i.exec(text);
  if (!m) a.fail(`${JSON.stringify(text)} is not an RFC 3339 timestamp like "2024-01-31T12:00:00Z"`);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) a.fail(`${JSON.stringify(text)} is not a valid date`);
  const offset = m[8]?.toUpperCase() === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return { date, offset };
}

function parseDuration(a: Args): number {
  const text = a.str(1);
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  const parts = [...body.matchAll(/(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g)];
  if (body === '0') return 0;
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== body)
    a.fail(`${JSON.stringify(text)} is not a duration like "1h30m" or "-10s"`);
  return sign * parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? ''] ?? 0), 0);
}

function shifted(stamp: Stamp): Date {
  return new Date(stamp.date.getTime() + stamp.offset * 60_000);
}

function rfc3339(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${zone(offset, true)}`;
}

function zone(offset: number, zulu: boolean): string {
  if (offset === 0 && zulu) return 'Z';
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(a: Args): string {
  const spec = a.str(0);
  const stamp = parseTimestamp(a, 1);
  const d = shifted(stamp);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const tokens: Record<string, () => string> = {
    YYYY: () => String(d.getUTCFullYear()).padStart(4, '0'),
    YY: () => two(d.getUTCFullYear() % 100),
    MMMM: () => monthNames[d.getUTCMonth()] ?? '',
    MMM: () => (monthNames[d.getUTCMonth()] ?? '').slice(0, 3),
    MM: () => two(d.getUTCMonth() + 1),
    M: () => String(d.getUTCMonth() + 1),
    DD: () => two(d.getUTCDate()),
    D: () => String(d.getUTCDate()),
    EEEE: () => dayNames[d.getUTCDay()] ?? '',
    EEE: () => (dayNames[d.getUTCDay()] ?? '').slice(0, 3),
    hh: () => two(d.getUTCHours()),
    h: () => String(d.getUTCHours()),
    HH: () => two(hour12),
    H: () => String(hour12),
    AA: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    aa: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
    mm: () => two(d.getUTCMinutes()),
    m: () => String(d.getUTCMinutes()),
    ss: () => two(d.getUTCSeconds()),
    s: () => String(d.getUTCSeconds()),
    ZZZZZ: () => zone(stamp.offset, false),
    ZZZZ: () => zone(stamp.offset, false).replace(':', ''),
    ZZZ: () => (stamp.offset === 0 ? 'UTC' : zone(stamp.offset, false).replace(':', '')),
    Z: () => zone(stamp.offset, true),
  };
  let out = '';
  const re = /'((?:[^']|'')*)'|([A-Za-z])\2*/y;
  let at = 0;
  while (at < spec.length) {
    const ch = spec[at] ?? '';
    if (!/[A-Za-z']/.test(ch)) {
      out += ch;
      at++;
      continue;
    }
    re.lastIndex = at;
    const m = re.exec(spec);
    if (!m) a.fail('unterminated quoted literal in the date format');
    at = re.lastIndex;
    if (m[1] !== undefined) out += m[1].replace(/''/g, "'");
    else out += (tokens[m[0]] ?? a.fail(`invalid date format token ${JSON.stringify(m[0])}`))();
  }
  return out;
}
