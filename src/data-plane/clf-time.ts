const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

let cachedSecond = Number.NaN;
let cachedText = '';

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * `$context.requestTime` in Common Log Format, `dd/MMM/yyyy:HH:mm:ss +0000` (UTC), e.g.
 * `12/Mar/2020:19:03:58 +0000` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). Cached per second.
 */
export function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === cachedSecond) return cachedText;
  const d = new Date(second * 1000);
  cachedText =
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  cachedSecond = second;
  return cachedText;
}
