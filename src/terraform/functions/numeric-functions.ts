import type { FunctionSpec } from './args.js';

/** Numeric functions: https://developer.hashicorp.com/terraform/language/functions (Numeric Functions). */
export const numericFunctions: Record<string, FunctionSpec> = {
  abs: { params: ['num'], impl: (a) => Math.abs(a.num(0)) },
  ceil: { params: ['num'], impl: (a) => Math.ceil(a.num(0)) },
  floor: { params: ['num'], impl: (a) => Math.floor(a.num(0)) },
  log: { params: ['num', 'base'], impl: (a) => Math.log(a.num(0)) / Math.log(a.num(1)) },
  pow: { params: ['num', 'power'], impl: (a) => a.num(0) ** a.num(1) },
  signum: { params: ['num'], impl: (a) => Math.sign(a.num(0)) },
  max: {
    params: [],
    variadic: 'numbers',
    impl: (a) => {
      if (a.length === 0) a.fail('at least one number is required');
      return Math.max(...a.values.map((_, i) => a.num(i)));
    },
  },
  min: {
    params: [],
    variadic: 'numbers',
    impl: (a) => {
      if (a.length === 0) a.fail('at least one number is required');
      return Math.min(...a.values.map((_, i) => a.num(i)));
    },
  },
  parseint: {
    params: ['number', 'base'],
    impl: (a) => {
      const base = a.int(1);
      if (base < 2 || base > 62) a.fail('the base must be between 2 and 62');
      const text = a.str(0);
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const body = text.replace(/^[-+]/, '');
      let n = 0;
      for (const ch of body) {
        const d = base <= 36 ? digits.indexOf(ch.toLowerCase()) : digits.indexOf(ch);
        if (d < 0 || d >= base) a.fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
        n = n * base + d;
      }
      if (body === '') a.fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
      return text.startsWith('-') ? -n : n;
    },
  },
};
