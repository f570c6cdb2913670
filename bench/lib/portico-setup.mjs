// What Portico runs with in the benchmark, and the lines that describe it in the report.
import { porticoHasFlag } from './portico.mjs';

/**
 * Extra `portico up` flags. Detailed metrics need the stage's default_route_settings, which always
 * carry throttling limits (dataplane.md §8) capped by the account's: they are turned on only when
 * Portico lets the account bucket be raised above what one core can serve, else a benchmark of
 * throughput would measure 429s.
 */
export function porticoSetup() {
  const extraFlags = [];
  const lines = [
    "Portico: `portico up` on `bench/fixtures/seed/` — the seed's Terraform (API, VPC link, VPC-link `HTTP_PROXY` integration, `$default` route, auto-deployed `$default` stage) " +
      'plus an access log (`access_log_settings`, JSON format with 13 `$context` variables, to a CloudWatch log group, i.e. a file under `.portico/logs/`); ' +
      'the listener mapped to the backend with `--target`, the API on its own port (`--api-port`), state in `DIR/.portico/state.db` as by default, log level info.',
    'Portico with N routes: the same, its `$default` route replaced by N `GET /svc{i}/items/{id}` routes each with its own VPC-link integration (`count`), hitting the middle one.',
  ];
  const notes = [];
  const accountFlag = ['--account-throttle', '--account-rate-limit'].find((flag) => porticoHasFlag(flag));
  if (accountFlag === undefined) {
    lines.push('Detailed (per-route) metrics: off — they need throttling limits, and Portico cannot raise the account limit above 10,000 rps yet.');
  } else {
    extraFlags.push(accountFlag, '1000000:500000', '--var', 'detailed_metrics=true', '--var', 'throttling_rate_limit=1000000', '--var', 'throttling_burst_limit=500000');
    lines.push(`Detailed (per-route) metrics: on, with the account bucket raised (\`${accountFlag}\`) and stage limits above what one core serves, so every request goes through both token buckets and none is refused.`);
  }
  return { extraFlags, lines, notes };
}
