import type { Body } from '../expr/ast.js';
import { isObject, type TfObject } from '../expr/values.js';
import { closest } from '../runtime/did-you-mean.js';
import { TerraformError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';
import { convertValue } from './convert-value.js';
import { type SchemaBlock, schemaSource } from './provider-schema.js';

/**
 * What `terraform validate` checks against the provider's schema before anything is applied
 * (https://developer.hashicorp.com/terraform/cli/commands/validate): every argument and block a
 * resource writes is one the schema has, computed-only attributes are not set, required ones are,
 * blocks come as often as allowed. In .tf.json a block may be written as an object, so there the
 * block-or-argument syntax is not checked.
 */
export function checkNames(schema: SchemaBlock, body: Body, what: string): void {
  const json = body.file.endsWith('.json');
  for (const item of body.items) {
    const at = { file: body.file, line: item.line };
    const attribute = schema.attributes[item.name];
    const block = schema.blocks[item.name];
    if (attribute) {
      if (!attribute.optional && !attribute.required)
        throw new TerraformError(
          at,
          `Value for unconfigurable attribute: ${what} cannot set "${item.name}"; its value is decided when the resource is applied.`,
        );
      if (item.value.kind === 'blocks' && !json)
        throw new TerraformError(
          at,
          `Unsupported block type: blocks of type "${item.name}" are not expected here. Did you mean to define argument "${item.name}"? If so, use the equals sign to assign it a value.`,
        );
    } else if (block) {
      if (item.value.kind === 'blocks') for (const nested of item.value.bodies) checkNames(block, nested, `a ${item.name} block`);
      else if (!json)
        throw new TerraformError(
          at,
          `Unsupported argument: an argument named "${item.name}" is not expected here. Did you mean to define a block of type "${item.name}"?`,
        );
    } else {
      throw new TerraformError(
        at,
        `Unsupported argument: an argument named "${item.name}" is not expected here.${suggest(item.name, schema)}`,
      );
    }
  }
  for (const dynamic of body.dynamics) {
    const block = schema.blocks[dynamic.type];
    if (!block)
      throw new TerraformError(
        { file: body.file, line: dynamic.line },
        `Unsupported block type: blocks of type "${dynamic.type}" are not expected here.${suggest(dynamic.type, schema)}`,
      );
    checkNames(block, dynamic.content, `a ${dynamic.type} block`);
  }
}

/**
 * Converts each evaluated argument to its schema type in place (`auto_deploy = "true"` is the
 * bool true, as the provider receives it) and refuses what does not convert, is missing, or has
 * too many or too few blocks, at the argument's line.
 */
export function checkValues(schema: SchemaBlock, values: TfObject, body: Body, location: SourceLocation): void {
  const lineOf = (name: string): SourceLocation => {
    const line = body.items.find((i) => i.name === name)?.line ?? body.dynamics.find((d) => d.type === name)?.line;
    return line === undefined ? location : { file: body.file, line };
  };
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const value = values[name];
    if (value === undefined || value === null) {
      if (attribute.required)
        throw new TerraformError(location, `Missing required argument: the argument "${name}" is required, but no definition was found.`);
      continue;
    }
    const converted = convertValue(value, attribute.type);
    if ('problem' in converted)
      throw new TerraformError(
        lineOf(name),
        `Incorrect attribute value type: inappropriate value for attribute "${name}": ${converted.problem}.`,
      );
    values[name] = converted.value;
  }
  for (const [name, block] of Object.entries(schema.blocks)) {
    const given = values[name];
    const list: TfValue[] = given === undefined || given === null ? [] : Array.isArray(given) ? given : [given];
    if (block.min !== undefined && list.length < block.min)
      throw new TerraformError(
        lineOf(name),
        `Insufficient ${name} blocks: at least ${block.min} "${name}" block${block.min === 1 ? ' is' : 's are'} required.`,
      );
    if (block.max !== undefined && list.length > block.max)
      throw new TerraformError(
        lineOf(name),
        `Too many ${name} blocks: no more than ${block.max} "${name}" block${block.max === 1 ? ' is' : 's are'} allowed.`,
      );
    const bodies = bodiesOf(body, name);
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      const nested = bodies[Math.min(i, bodies.length - 1)];
      checkValues(block, item, nested ?? { ...body, items: [], dynamics: [] }, lineOf(name));
    });
  }
}

/** The nested bodies written for a block type: its static blocks, then dynamic blocks' content. */
function bodiesOf(body: Body, name: string): Body[] {
  const item = body.items.find((i) => i.name === name);
  const statics = item?.value.kind === 'blocks' ? item.value.bodies : [];
  return [...statics, ...body.dynamics.filter((d) => d.type === name).map((d) => d.content)];
}

function suggest(name: string, schema: SchemaBlock): string {
  const found = closest(name, [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)]);
  return found
    ? ` Did you mean "${found}"? (arguments from the ${schemaSource} provider schema)`
    : ` (arguments from the ${schemaSource} provider schema)`;
}
