import { badRequest } from '../service-errors.js';

/**
 * Model schemas and the mapping template GetModelTemplate derives from one. A schema is a JSON
 * Schema draft 4 object (AWS "Data models for REST APIs", which WebSocket models share); the
 * template walks its properties the way API Gateway's generated templates do:
 * `#set($inputRoot = $input.path('$'))` and one line per property, strings quoted.
 */
export type SchemaNode = { [key: string]: unknown };

export function parseModelSchema(text: string): SchemaNode {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`the schema is not JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('the schema must be a JSON object');
  const type = (parsed as SchemaNode)['type'];
  if (type !== undefined && typeof type !== 'string' && !Array.isArray(type)) throw invalid('"type" must be a string or a list');
  return parsed as SchemaNode;
}

/** AWS reports model problems in its validation frame (as for REST API models). */
function invalid(problem: string): Error {
  return badRequest(`Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified: ${problem}]`);
}

export function modelTemplate(schema: SchemaNode): string {
  return `#set($inputRoot = $input.path('$'))\n${render(schema, '$inputRoot', '', 0)}\n`;
}

function child(node: unknown): SchemaNode {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as SchemaNode) : {};
}

function typeOf(schema: SchemaNode): string {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return String(type.find((t) => t !== 'null') ?? 'string');
  return schema['properties'] ? 'object' : 'string';
}

function render(schema: SchemaNode, path: string, indent: string, depth: number): string {
  const type = typeOf(schema);
  // Deeply nested schemas stop at a depth a template can still be read at.
  if (depth > 8) return `"${path}"`;
  if (type === 'object') {
    const properties = Object.entries(child(schema['properties']));
    if (properties.length === 0) return '{}';
    const inner = `${indent}  `;
    const lines = properties.map(([name, node]) => `${inner}"${name}" : ${render(child(node), `${path}.${name}`, inner, depth + 1)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  if (type === 'array') {
    const item = `$elem${depth}`;
    const inner = `${indent}  `;
    return (
      `[\n#foreach(${item} in ${path})\n${inner}${render(child(schema['items']), item, inner, depth + 1)}` +
      `#if($foreach.hasNext),#end\n#end\n${indent}]`
    );
  }
  if (type === 'number' || type === 'integer' || type === 'boolean') return path;
  return `"${path}"`;
}
