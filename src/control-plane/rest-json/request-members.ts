import { badRequest } from '../service-errors.js';
import { type OperationBinding, QUERY_MEMBERS } from './operation-table.js';

/**
 * The operation's input as one object, the way the SDK's *Request shapes hold it: the JSON
 * body's members, then the query members the operation declares, then the path labels (which
 * always win, since the model binds them to the path).
 */
export function requestMembers(
  binding: OperationBinding,
  labels: Record<string, string>,
  query: URLSearchParams,
  body: Buffer,
): Record<string, unknown> {
  const members: Record<string, unknown> = binding.method === 'GET' || binding.method === 'DELETE' ? {} : parseBody(body);
  for (const member of binding.query) {
    if (!query.has(member)) continue;
    const kind = QUERY_MEMBERS[member];
    if (kind === 'list') members[member] = query.getAll(member);
    else if (kind === 'boolean') members[member] = parseBoolean(member, query.get(member) ?? '');
    else members[member] = query.get(member);
  }
  return { ...members, ...labels };
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest(`Could not parse request body into json: ${(error as Error).message}. The body must be a JSON object.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('Invalid request body: a JSON object is expected.');
  return parsed as Record<string, unknown>;
}

function parseBoolean(member: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value "${value}" for query parameter ${member}: true or false is expected.`);
}
