// The targets, each checked as a ratio within the same run. `met` is true, false,
// undefined when the run did not produce what the target needs (scenario skipped or failed), or
// 'info' for a comparison the issue gives as context rather than as a target.
import { fmtUs } from './measure.mjs';
import { labelOf } from './contenders.mjs';
import { NODE_GATEWAYS, NODE_REFERENCE } from './scenarios.mjs';

const THROUGHPUT_SCENARIOS = ['get-small', 'get-16k', 'post-64k', 'latency', 'latency-shared'];
const MiB = 2 ** 20;

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const check = (ok, value) => (Number.isFinite(value) ? ok : undefined);

/** `results`: scenario id → contender id → aggregate; `coldStart`: { medianMs } | undefined. */
export function evaluateTargets(results, coldStart, { routes, titles }) {
  const targets = [];
  const small = results.get('get-small');
  if (small) {
    const portico = small.get('portico');
    const us = portico?.cpuUsPerReq;
    targets.push({
      target: 'GET small @50: proxy CPU ≤ 45 µs per request (full pipeline: routing, `$context`, access log, metrics, throttling)',
      measured: Number.isFinite(us) ? `${us.toFixed(1)} µs` : 'incomplete run',
      met: check(us <= 45, us),
    });
    const against = [['nginx', 0.45], ...NODE_GATEWAYS.map((peer) => [peer, 1.6]), [NODE_REFERENCE, 1.25]];
    for (const [peer, min] of against) {
      const x = ratio(portico?.rps, small.get(peer)?.rps);
      targets.push({ target: `GET small @50: req/s ≥ ${min}× ${labelOf(peer)}`, measured: times(x), met: check(x >= min, x) });
    }
  }
  for (const id of ['get-16k', 'post-64k']) {
    const scenario = results.get(id);
    if (!scenario) continue;
    const portico = scenario.get('portico')?.rps;
    targets.push({
      target: `${titles.get(id)}: req/s against the others`,
      measured: [...scenario.keys()]
        .filter((peer) => peer !== 'portico' && peer !== 'direct')
        .map((peer) => `${times(ratio(portico, scenario.get(peer)?.rps))} ${labelOf(peer)}`)
        .join(', '),
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
  const added = (scenario, id) => scenario?.get(id)?.p50us - scenario?.get('direct')?.p50us;
  const own = results.get('latency');
  if (own) {
    const portico = added(own, 'portico');
    const nginx = added(own, 'nginx');
    targets.push({
      target: '1 connection, proxy on its own core: added p50 ≤ nginx’s + 20 µs',
      measured: Number.isFinite(portico - nginx) ? `Portico +${fmtUs(portico)}, nginx +${fmtUs(nginx)}` : 'incomplete run',
      met: check(portico <= nginx + 20, portico - nginx),
    });
  }
  const shared = results.get('latency-shared');
  if (shared) {
    const portico = added(shared, 'portico');
    const bare = added(shared, NODE_REFERENCE);
    targets.push({
      target: `1 connection, everything on one core: added p50 ≤ ${labelOf(NODE_REFERENCE)}’s`,
      measured: Number.isFinite(portico - bare) ? `Portico +${fmtUs(portico)}, bare +${fmtUs(bare)}` : 'incomplete run',
      met: check(portico <= bare, portico - bare),
    });
  }
  let maxRss = 0;
  for (const id of THROUGHPUT_SCENARIOS) maxRss = Math.max(maxRss, results.get(id)?.get('portico')?.rss ?? 0);
  if (maxRss > 0)
    targets.push({ target: 'Portico RSS after load < 100 MiB', measured: `${(maxRss / MiB).toFixed(0)} MiB`, met: maxRss < 100 * MiB });
  if (coldStart && Number.isFinite(coldStart.medianMs))
    targets.push({
      target: 'Cold start (process start → first proxied 200) < 300 ms',
      measured: `${coldStart.medianMs.toFixed(0)} ms`,
      met: coldStart.medianMs < 300,
    });
  return targets;
}
