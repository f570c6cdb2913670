// The issue's targets, each checked as a ratio within the same run. `met` is true, false,
// undefined when the run did not produce what the target needs (scenario skipped or failed), or
// 'info' for a comparison the issue gives as context rather than as a target.
import { fmtUs } from './measure.mjs';
import { labelOf } from './contenders.mjs';
import { NODE_GATEWAYS, NODE_REFERENCE } from './scenarios.mjs';

const THROUGHPUT_SCENARIOS = ['get-small', 'get-16k', 'post-64k', 'latency'];
const MiB = 2 ** 20;

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const check = (ok, value) => (Number.isFinite(value) ? ok : undefined);

/** `results`: scenario id → contender id → aggregate; `coldStart`: { medianMs } | undefined. */
export function evaluateTargets(results, coldStart, { routes, titles }) {
  const targets = [];
  for (const id of THROUGHPUT_SCENARIOS) {
    const scenario = results.get(id);
    if (!scenario) continue;
    const portico = scenario.get('portico')?.rps;
    const peers = NODE_GATEWAYS.map((peer) => ({ peer, x: ratio(portico, scenario.get(peer)?.rps) }));
    const complete = peers.every((p) => Number.isFinite(p.x));
    targets.push({
      target: `${titles.get(id)}: req/s ≥ 1.7× every Node gateway`,
      measured: complete ? `${peers.map((p) => `${times(p.x)} ${labelOf(p.peer)}`).join(', ')}` : 'incomplete run',
      met: complete ? Math.min(...peers.map((p) => p.x)) >= 1.7 : undefined,
    });
  }
  const small = results.get('get-small');
  if (small) {
    const x = ratio(small.get('portico')?.rps, small.get('nginx')?.rps);
    targets.push({ target: 'GET small @50: req/s ≥ 0.35× nginx', measured: times(x), met: check(x >= 0.35, x) });
    const bare = small.get(NODE_REFERENCE)?.rps;
    if (Number.isFinite(bare))
      targets.push({
        target: `GET small @50: the full gateway loses little to ${labelOf(NODE_REFERENCE)} (${times(ratio(bare, small.get('nginx')?.rps))} nginx)`,
        measured: `${times(ratio(small.get('portico')?.rps, bare))} its req/s`,
        met: 'info',
      });
  }
  const routeResults = results.get('routes');
  if (routeResults && routes.length > 1) {
    const first = routes[0];
    const last = routes.at(-1);
    const x = ratio(routeResults.get(`portico-routes-${last}`)?.rps, routeResults.get(`portico-routes-${first}`)?.rps);
    targets.push({
      target: `${last.toLocaleString('en-US')} routes cost < 5% req/s against ${first}`,
      measured: !Number.isFinite(x)
        ? 'incomplete run'
        : x <= 1
          ? `${((1 - x) * 100).toFixed(1)}% slower`
          : `${((x - 1) * 100).toFixed(1)}% faster (noise)`,
      met: check(x > 0.95, x),
    });
  }
  const latency = results.get('latency');
  if (latency) {
    const direct = latency.get('direct')?.p50us;
    const addedPortico = latency.get('portico')?.p50us - direct;
    const addedNginx = latency.get('nginx')?.p50us - direct;
    const x = ratio(addedPortico, addedNginx);
    targets.push({
      target: '1 connection: added p50 latency ≤ 2× nginx’s',
      measured: Number.isFinite(x) ? `Portico +${fmtUs(addedPortico)}, nginx +${fmtUs(addedNginx)} (${times(x)})` : 'incomplete run',
      met: check(x <= 2, x),
    });
  }
  let maxRss = 0;
  for (const id of THROUGHPUT_SCENARIOS) maxRss = Math.max(maxRss, results.get(id)?.get('portico')?.rss ?? 0);
  if (maxRss > 0)
    targets.push({ target: 'Portico RSS after load < 100 MiB', measured: `${(maxRss / MiB).toFixed(0)} MiB`, met: maxRss < 100 * MiB });
  if (coldStart && Number.isFinite(coldStart.medianMs))
    targets.push({
      target: 'Cold start (process start → first proxied 200) < 500 ms',
      measured: `${coldStart.medianMs.toFixed(0)} ms`,
      met: coldStart.medianMs < 500,
    });
  return targets;
}
