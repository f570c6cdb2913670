// What Portico runs with in the benchmark, and the lines that describe it in the report.
import { freePort, stopProcess } from './processes.mjs';
import { porticoHasFlag, prepareFixture, startPortico } from './portico.mjs';

/** Far above what one core serves: the buckets are checked on every request and never empty. */
const RATE = '1000000';
const DETAILED_METRICS_VARS = [
  '--var',
  'detailed_metrics=true',
  '--var',
  `throttling_rate_limit=${RATE}`,
  '--var',
  'throttling_burst_limit=5000',
];

const DESCRIPTION = [
  "Portico: `portico up` on `bench/fixtures/seed/` — the seed's Terraform (API, VPC link, VPC-link `HTTP_PROXY` integration, `$default` route, auto-deployed `$default` stage) " +
    'plus an access log (`access_log_settings`: JSON with 13 `$context` variables, to a CloudWatch log group, i.e. a file under `.portico/logs/`); ' +
    'the listener mapped to the backend with `--target`, the API on its own port (`--api-port`), state in `DIR/.portico/state.db` as by default, log level info, metrics on (always).',
  "Portico with N routes: the same, its `$default` route replaced by N `GET /svc{i}/items/{id}` routes (`count`) through VPC-link integrations, one each up to AWS's 300 per API (the seed has one) and shared (i mod 299) beyond, AWS's 300 routes per API raised with `--quota routesPerApi=N`; hitting the middle one.",
];

function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .find((line) => /portico:|Exception|Error/.test(line))
      ?.trim() ?? text.split('\n')[0]
  );
}

/**
 * Extra `portico up` flags. The account bucket (10,000 rps by default, as on AWS) is raised so that
 * it is checked but never refuses a request. Detailed metrics need the stage's
 * default_route_settings, which always carry throttling limits (docs/reference/dataplane.md §8): they are on only
 * when Portico accepts stage limits above what one core serves — probed with one start-up —
 * since a throughput benchmark that hits a 10,000 rps stage limit measures 429s.
 */
export async function porticoSetup(ctx) {
  const lines = [...DESCRIPTION];
  const notes = [];
  if (!porticoHasFlag('--account-rate')) {
    lines.push('Throttling: this build has no `--account-rate`; detailed (per-route) metrics off (they need stage throttling limits).');
    return { extraFlags: [], lines, notes };
  }
  const accountFlags = ['--account-rate', RATE];
  const candidate = [...accountFlags, ...DETAILED_METRICS_VARS];
  try {
    const dir = prepareFixture(ctx.workDir, 'setup-probe', undefined);
    const { proc } = await startPortico(
      'portico (set-up probe)',
      { dir, apiPort: await freePort(), backendUrl: ctx.backendUrl, extraFlags: candidate },
      { cpu: ctx.proxyCpu, path: '/orders/42' },
    );
    await stopProcess(proc);
    lines.push(
      `Throttling and detailed metrics: account bucket raised to ${RATE} rps (\`--account-rate\`), stage \`default_route_settings\` with \`detailed_metrics_enabled = true\` and limits of ${RATE} rps / burst 5,000: every request takes a token from both buckets and none is refused.`,
    );
    return { extraFlags: candidate, lines, notes };
  } catch (error) {
    lines.push(
      `Throttling: account bucket raised to ${RATE} rps (\`--account-rate\`), checked on every request. Detailed (per-route) metrics off: Portico refused stage limits above 10,000 rps (${firstLine(error)}), and with a limit within that the benchmark would measure 429s.`,
    );
    notes.push(
      'Detailed metrics were not measured: stage throttling limits are capped at 10,000 rps even with a raised account limit (see Method).',
    );
    return { extraFlags: accountFlags, lines, notes };
  }
}
