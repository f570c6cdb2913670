import { join } from 'node:path';

const LOG_GROUP = ':log-group:';

/**
 * The log group a stage's `destinationArn` names (`arn:aws:logs:{region}:{account}:log-group:{name}`,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html); a trailing `:*` (how CloudWatch prints group ARNs) is not part of it.
 */
export function logGroupName(destinationArn: string): string | undefined {
  const at = destinationArn.indexOf(LOG_GROUP);
  if (at < 0) return undefined;
  const name = destinationArn.slice(at + LOG_GROUP.length).replace(/:\*$/, '');
  return name === '' ? undefined : name;
}

/**
 * Where a log group's lines go on this machine: `<dir>/<log-group-name>.log`, the group's `/`
 * separators as directories (`/aws/http-api/orders` → `<dir>/aws/http-api/orders.log`). Group names
 * may contain `.`, so a `.` or `..` segment is escaped: no group name writes outside `dir`.
 */
export function logFilePath(dir: string, group: string): string {
  const segments = group
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (segment === '.' || segment === '..' ? segment.replaceAll('.', '%2E') : segment));
  if (segments.length === 0) segments.push('_');
  const last = segments.length - 1;
  segments[last] = `${segments[last] ?? '_'}.log`;
  return join(dir, ...segments);
}
