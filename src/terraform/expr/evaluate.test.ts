import { describe, expect, it } from 'vitest';
import { evaluateOutputs } from '../../../test/fixtures/terraform/temp-config.js';

/** Expressions evaluated as root outputs of a real .tf file, so hcl2json's rendering is part of the test. */
const locals = `
locals {
  tags   = { Env = "dev", Team = "api" }
  nums   = [3, 1, 2]
  people = [{ name = "ann", age = 30 }, { name = "bob", age = 20 }]
  words  = ["a", "bb", "a", "ccc"]
  empty  = null
}
`;

const cases: [string, string, unknown][] = [
  // literals and escapes
  ['number', '42', 42],
  ['float', '1.5e3', 1500],
  ['negative', '-7', -7],
  ['bool', 'true', true],
  ['null', 'null', null],
  ['escapes', '"a\\tb\\n\\"q\\" \\u00e9 \\\\"', 'a\tb\n"q" é \\'],
  ['dollar escape', '"$${not} %%{this}"', '${not} %{this}'],
  ['dollar escape with interpolation', '"$${x}-${1 + 1}"', '${x}-2'],
  // a template that is exactly one interpolation returns the value itself
  ['unwrapped map', '"${local.tags}"', { Env: 'dev', Team: 'api' }],
  ['interpolated number', '"n=${local.nums[0]}"', 'n=3'],
  ['nested template', '"${upper("x-${local.tags.Env}")}"', 'X-DEV'],
  // operators and precedence
  ['precedence', '1 + 2 * 3 - 4 / 2', 5],
  ['parentheses', '(1 + 2) * 3', 9],
  ['modulo', '7 % 3', 1],
  ['comparison chain', '1 < 2 && 2 >= 2 && 3 > 2 && 1 <= 1', true],
  ['equality is type-sensitive', '1 == "1"', false],
  ['string to number arithmetic', '"5" + 1', 6],
  ['structural equality', '{ a = [1, 2] } == { a = [1, 2] }', true],
  ['not', '!false || false', true],
  ['and binds tighter than or', 'true || false && false', true],
  ['unary minus binds tight', '-2 * 3', -6],
  ['short-circuit guards null', 'local.empty != null && local.empty.x', false],
  // conditionals
  ['conditional', 'length(local.nums) > 2 ? "many" : "few"', 'many'],
  ['nested conditional', 'false ? 1 : true ? 2 : 3', 2],
  // for expressions
  ['for tuple', '[for n in local.nums : n * 2]', [6, 2, 4]],
  ['for with index', '[for i, n in local.nums : "${i}:${n}"]', ['0:3', '1:1', '2:2']],
  ['for with if', '[for n in local.nums : n if n > 1]', [3, 2]],
  ['for over map (sorted keys)', '[for k, v in { b = 2, a = 1 } : "${k}=${v}"]', ['a=1', 'b=2']],
  ['for object', '{ for p in local.people : p.name => p.age }', { ann: 30, bob: 20 }],
  ['for object grouping', '{ for w in local.words : length(w) => w... }', { '1': ['a', 'a'], '2': ['bb'], '3': ['ccc'] }],
  ['for object with if', '{ for k, v in local.tags : lower(k) => v if k != "Team" }', { env: 'dev' }],
  // splats and indexing
  ['splat', 'local.people[*].name', ['ann', 'bob']],
  ['legacy splat', 'local.people.*.age', [30, 20]],
  ['splat on single value', 'local.tags[*]', [{ Env: 'dev', Team: 'api' }]],
  ['splat on null', 'local.empty[*]', []],
  ['index map', 'local.tags["Env"]', 'dev'],
  ['legacy numeric index', 'local.nums.1', 1],
  ['attribute after index', 'local.people[1].name', 'bob'],
  ['object with computed key', '{ (local.tags.Env) = 1, "quoted key" = 2, plain = 3 }', { dev: 1, 'quoted key': 2, plain: 3 }],
  ['multi-line object', '{\n    a = 1\n    b = [\n      2,\n      3,\n    ]\n  }', { a: 1, b: [2, 3] }],
  ['__proto__ is an ordinary key', 'merge({ "__proto__" = 1 }, { b = 2 })', { ['__proto__']: 1, b: 2 }],
  ['function expansion', 'max(local.nums...)', 3],
  ['comments inside', '[1, /* two */ 2, # three\n 3]', [1, 2, 3]],
  // template directives
  ['if directive', '"%{ if length(local.nums) > 0 }yes%{ else }no%{ endif }"', 'yes'],
  ['for directive', '"%{ for n in local.nums }${n},%{ endfor }"', '3,1,2,'],
  ['for directive with key', '"%{ for k, v in local.tags }${k}=${v};%{ endfor }"', 'Env=dev;Team=api;'],
  ['strip markers', '"a  %{~ if true ~}  b  %{~ endif ~}  c"', 'abc'],
  ['interpolation strip markers', '"x   ${~ "y" ~}   z"', 'xyz'],
];

describe('expressions and templates', () => {
  it('evaluate as Terraform does', async () => {
    const outputs = await evaluateOutputs(Object.fromEntries(cases.map(([, expr], i) => [`o${i}`, expr])), locals);
    const results = cases.map(([name], i) => [name, outputs[`o${i}`]]);
    expect(results).toEqual(cases.map(([name, , expected]) => [name, expected]));
  });

  it('reads heredocs, indented heredocs and heredocs inside expressions', async () => {
    const outputs = await evaluateOutputs(
      {
        plain: '<<EOT\nhello ${local.tags.Env}\n  world $${raw}\nEOT',
        indented: '<<-EOT\n    first\n      second ${1 + 1}\n    EOT',
        inside: 'upper(<<EOT\nline ${local.tags.Team}\nEOT\n  )',
        directive: '<<EOT\n%{ for n in local.nums ~}\nn=${n}\n%{ endfor ~}\nEOT',
      },
      locals,
    );
    expect(outputs).toEqual({
      plain: 'hello dev\n  world ${raw}\n',
      indented: 'first\n  second 2\n',
      inside: 'LINE API\n',
      directive: 'n=3\nn=1\nn=2\n',
    });
  });
});
