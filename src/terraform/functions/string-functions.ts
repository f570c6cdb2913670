import { toStr } from '../expr/values.js';
import type { FunctionSpec } from './args.js';
import { format } from './format.js';
import { compileRegex, matchValue, replacementTemplate } from './regex.js';

/** String functions: https://developer.hashicorp.com/terraform/language/functions (String Functions). */
export const stringFunctions: Record<string, FunctionSpec> = {
  chomp: { params: ['str'], impl: (a) => a.str(0).replace(/(\r\n|\n|\r)+$/, '') },
  endswith: { params: ['str', 'suffix'], impl: (a) => a.str(0).endsWith(a.str(1)) },
  startswith: { params: ['str', 'prefix'], impl: (a) => a.str(0).startsWith(a.str(1)) },
  strcontains: { params: ['str', 'substr'], impl: (a) => a.str(0).includes(a.str(1)) },
  format: { params: ['format'], variadic: 'args', impl: (a) => format(a.str(0), a.rest(1)) },
  formatlist: {
    params: ['format'],
    variadic: 'args',
    impl: (a) => {
      const spec = a.str(0);
      const rest = a.rest(1);
      const lengths = rest.filter(Array.isArray).map((l) => l.length);
      if (lengths.some((n) => n !== lengths[0])) a.fail('all list arguments must have the same length');
      const count = lengths[0] ?? 1;
      return Array.from({ length: count }, (_, i) =>
        format(
          spec,
          rest.map((v) => (Array.isArray(v) ? (v[i] ?? null) : v)),
        ),
      );
    },
  },
  indent: {
    params: ['spaces', 'str'],
    impl: (a) => a.str(1).replace(/\n/g, `\n${' '.repeat(a.int(0))}`),
  },
  join: {
    params: ['separator'],
    variadic: 'lists',
    impl: (a) => {
      const sep = a.str(0);
      if (a.length < 2) a.fail('at least one list is required');
      return a
        .rest(1)
        .flatMap((_, i) => a.list(i + 1))
        .map((v) => {
          if (v === null) a.fail('a list element to join must not be null');
          return toStr(v, 'element of a list to join');
        })
        .join(sep);
    },
  },
  lower: { params: ['str'], impl: (a) => a.str(0).toLowerCase() },
  upper: { params: ['str'], impl: (a) => a.str(0).toUpperCase() },
  title: {
    params: ['str'],
    impl: (a) => a.str(0).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase()),
  },
  trimspace: { params: ['str'], impl: (a) => a.str(0).replace(/^\s+|\s+$/gu, '') },
  trim: {
    params: ['str', 'cutset'],
    impl: (a) => {
      const cut = new Set([...a.str(1)]);
      const chars = [...a.str(0)];
      let start = 0;
      let end = chars.length;
      while (start < end && cut.has(chars[start] ?? '')) start++;
      while (end > start && cut.has(chars[end - 1] ?? '')) end--;
      return chars.slice(start, end).join('');
    },
  },
  trimprefix: { params: ['str', 'prefix'], impl: (a) => (a.str(0).startsWith(a.str(1)) ? a.str(0).slice(a.str(1).length) : a.str(0)) },
  trimsuffix: {
    params: ['str', 'suffix'],
    impl: (a) => (a.str(1) !== '' && a.str(0).endsWith(a.str(1)) ? a.str(0).slice(0, -a.str(1).length) : a.str(0)),
  },
  replace: {
    params: ['str', 'substr', 'replace'],
    impl: (a) => {
      const [str, sub, rep] = [a.str(0), a.str(1), a.str(2)];
      // A substring wrapped in slashes is a regular expression (RE2 syntax).
      if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/'))
        return str.replace(compileRegex(sub.slice(1, -1), true), replacementTemplate(rep));
      return str.split(sub).join(rep);
    },
  },
  regex: {
    params: ['pattern', 'string'],
    impl: (a) => {
      const match = compileRegex(a.str(0)).exec(a.str(1));
      if (!match) return a.fail(`pattern ${JSON.stringify(a.str(0))} did not match any part of the given string`);
      return matchValue(match);
    },
  },
  regexall: {
    params: ['pattern', 'string'],
    impl: (a) => [...a.str(1).matchAll(compileRegex(a.str(0), true))].map(matchValue),
  },
  split: { params: ['separator', 'str'], impl: (a) => (a.str(1) === '' ? [''] : a.str(1).split(a.str(0))) },
  strrev: { params: ['str'], impl: (a) => [...a.str(0)].reverse().join('') },
  substr: {
    params: ['str', 'offset', 'length'],
    impl: (a) => {
      const chars = [...a.str(0)];
      let offset = a.int(1);
      const length = a.int(2);
      if (offset < 0) offset = Math.max(0, chars.length + offset);
      if (offset > chars.length) a.fail('offset is beyond the end of the string');
      return chars.slice(offset, length < 0 ? undefined : offset + length).join('');
    },
  },
  templatestring: {
    params: ['template', 'vars'],
    impl: (a, ctx) => ctx.renderTemplate(a.str(0), '<templatestring>', a.obj(1)),
  },
};
