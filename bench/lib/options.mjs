// `npm run bench -- [options]`: what to run and for how long.
import { SCENARIO_IDS } from './scenarios.mjs';

export const USAGE = `Usage: npm run bench -- [options]

  --quick               fewer, shorter runs (2 repetitions of 3 s, 3 cold starts) for a first look
  --only a,b            run only these scenarios: ${SCENARIO_IDS.join(', ')}
  --reps N              repetitions of every run (default 5; medians are reported)
  --duration S          seconds of measured load per run (default 5)
  --warmup S            seconds of unmeasured load before each run (default 2)
  --routes 1,100,10000  route counts of the routes scenario (the first is the baseline)
  --all-gateways        also measure fast-gateway and http-proxy (default: fastify + @fastify/http-proxy)
  --profile             always profile Portico under load (default: only when a target is missed)
  --no-profile          never profile
  --out FILE            where the markdown goes (default: docs/performance.md for a full run,
                        bench/.work/performance.md for --quick, --only or changed settings)
  --no-install          do not apt-get install missing nginx/wrk: fail without nginx, use the
                        bench's own load generator without wrk
  --help                this text
`;

function positive(flag, value) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} ${value}: expected a positive number`);
  return n;
}

export function parseOptions(argv) {
  const options = {
    quick: false,
    only: undefined,
    reps: 5,
    duration: 5,
    warmup: 2,
    coldStarts: 5,
    routes: [1, 100, 10_000],
    profile: 'auto',
    out: undefined,
    install: true,
    help: false,
    custom: false,
    allGateways: false,
  };
  const args = [...argv];
  const value = (flag) => {
    const next = args.shift();
    if (next === undefined) throw new Error(`${flag} needs a value`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift();
    switch (arg) {
      case '--quick':
        Object.assign(options, { quick: true, reps: 2, duration: 3, warmup: 1, coldStarts: 3 });
        break;
      case '--only': {
        const ids = value(arg).split(',').filter(Boolean);
        const unknown = ids.filter((id) => !SCENARIO_IDS.includes(id));
        if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')}; known: ${SCENARIO_IDS.join(', ')}`);
        options.only = ids;
        break;
      }
      case '--reps':
        options.reps = Math.round(positive(arg, value(arg)));
        options.custom = true;
        break;
      case '--duration':
        options.duration = Math.max(1, Math.round(positive(arg, value(arg))));
        options.custom = true;
        break;
      case '--warmup':
        options.warmup = Math.round(Number(value(arg)));
        if (!(options.warmup >= 0)) throw new Error(`${arg}: expected whole seconds, 0 or more`);
        options.custom = true;
        break;
      case '--routes':
        options.routes = value(arg)
          .split(',')
          .map((n) => Math.round(positive(arg, n)));
        options.custom = true;
        break;
      case '--all-gateways':
        options.allGateways = true;
        options.custom = true;
        break;
      case '--profile':
        options.profile = 'always';
        break;
      case '--no-profile':
        options.profile = 'never';
        break;
      case '--out':
        options.out = value(arg);
        break;
      case '--no-install':
        options.install = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}

/** A full run with the default settings is the one that may replace docs/performance.md. */
export function isFullRun(options) {
  return !options.quick && options.only === undefined && !options.custom;
}
