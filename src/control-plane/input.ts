import { characterCount } from '../model/index.js';
import { badRequest } from './service-errors.js';

/**
 * Reads and validates the members of an operation's input. Both edges (the rest-json wire
 * protocol and Terraform) hand operations untrusted JSON, so every member is checked here,
 * once, with a message that says what is allowed.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface StringRule {
  min?: number;
  max?: number;
  oneOf?: readonly string[];
}

export class Input {
  readonly #body: Record<string, unknown>;
  readonly #path: string;

  constructor(body: unknown, path = '') {
    if (body === undefined || body === null) this.#body = {};
    else if (typeof body === 'object' && !Array.isArray(body)) this.#body = body as Record<string, unknown>;
    else throw badRequest(`Invalid request body${path ? ` at ${path}` : ''}: a JSON object is expected.`);
    this.#path = path;
  }

  #name(member: string): string {
    return this.#path ? `${this.#path}.${member}` : member;
  }

  has(member: string): boolean {
    return this.#body[member] !== undefined && this.#body[member] !== null;
  }

  raw(member: string): unknown {
    return this.#body[member];
  }

  required<T>(member: string, value: T | undefined): T {
    if (value === undefined) throw badRequest(`${this.#name(member)} is required.`);
    return value;
  }

  string(member: string, rule: StringRule = {}): string | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw badRequest(`Invalid value for ${this.#name(member)}: a string is expected.`);
    if (rule.oneOf && !rule.oneOf.includes(value))
      throw badRequest(`Invalid value "${value}" for ${this.#name(member)}: must be one of ${rule.oneOf.join(', ')}.`);
    const { min = 0, max } = rule;
    // Characters (code points), as AWS counts them: 128 emoji are a valid 128-character name.
    const length = characterCount(value);
    if (length < min || (max !== undefined && length > max))
      throw badRequest(
        `Invalid value for ${this.#name(member)}: must be ${max === undefined ? `at least ${min}` : `${min} to ${max}`} characters long.`,
      );
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw badRequest(`Invalid value for ${this.#name(member)}: true or false is expected.`);
    return value;
  }

  integer(member: string, min: number, max: number): number | undefined {
    const value = this.number(member);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < min || value > max)
      throw badRequest(`Invalid value ${value} for ${this.#name(member)}: must be an integer from ${min} to ${max}.`);
    return value;
  }

  number(member: string): number | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw badRequest(`Invalid value for ${this.#name(member)}: a number is expected.`);
    return value;
  }

  stringList(member: string, rule: StringRule = {}): string[] | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw badRequest(`Invalid value for ${this.#name(member)}: a list of strings is expected.`);
    return value.map((item, i) => {
      const inner = new Input({ item }, `${this.#name(member)}[${i}]`);
      return inner.required('item', inner.string('item', rule));
    });
  }

  stringMap(member: string): Record<string, string> | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value))
      throw badRequest(`Invalid value for ${this.#name(member)}: a map of strings is expected.`);
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') throw badRequest(`Invalid value for ${this.#name(member)}["${key}"]: a string is expected.`);
      out[key] = item;
    }
    return out;
  }

  object(member: string): Input | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value))
      throw badRequest(`Invalid value for ${this.#name(member)}: an object is expected.`);
    return new Input(value, this.#name(member));
  }

  /** Members of a map-of-objects member, each as an Input. */
  objectMap(member: string): Map<string, Input> | undefined {
    const value = this.#body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value))
      throw badRequest(`Invalid value for ${this.#name(member)}: a map of objects is expected.`);
    const out = new Map<string, Input>();
    for (const [key, item] of Object.entries(value)) out.set(key, new Input(item, `${this.#name(member)}["${key}"]`));
    return out;
  }

  keys(): string[] {
    return Object.keys(this.#body).filter((k) => this.has(k));
  }
}
