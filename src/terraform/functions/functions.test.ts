import { describe, expect, it } from 'vitest';
import { evaluateOutputs, load, loadError } from '../../../test/fixtures/terraform/temp-config.js';

const cases: [string, unknown][] = [
  // strings
  ['format("%s-%d-%05.1f|%q|%v|%t|%x|%-4s|%3d", "a", 42, 3.14159, "q", [1], true, 255, "ab", 7)', 'a-42-003.1|"q"|[1]|true|ff|ab  |  7'],
  ['format("%.2f%%", 12.345)', '12.35%'],
  ['format("%[2]s %[1]s", "a", "b")', 'b a'],
  ['formatlist("%s=%s", ["a", "b"], "x")', ['a=x', 'b=x']],
  ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['replace("a-b-c", "-", "_")', 'a_b_c'],
  ['replace("v1.2.3", "/v(\\\\d+)\\\\..*/", "major $1")', 'major 1'],
  ['regex("(?P<k>\\\\w+)=(?P<v>\\\\w+)", "x: a=b")', { k: 'a', v: 'b' }],
  ['regex("[0-9]+", "ab123c")', '123'],
  ['regex("(a)(b)", "xab")', ['a', 'b']],
  ['regexall("[0-9]", "a1b2")', ['1', '2']],
  ['lower("AbC")', 'abc'],
  ['upper("abc")', 'ABC'],
  ['title("hello world-wide")', 'Hello World-Wide'],
  ['trimspace("  x \\n")', 'x'],
  ['trim("?!hello?!", "!?")', 'hello'],
  ['trimprefix("prefix-x", "prefix-")', 'x'],
  ['trimsuffix("x.tf", ".tf")', 'x'],
  ['substr("hello", 1, 3)', 'ell'],
  ['substr("hello", -3, -1)', 'llo'],
  ['startswith("hello", "he")', true],
  ['endswith("hello", "lo")', true],
  ['strcontains("hello", "ell")', true],
  ['chomp("x\\n\\n")', 'x'],
  ['indent(2, "a\\nb")', 'a\n  b'],
  ['strrev("abc")', 'cba'],
  // collections
  ['length("héllo")', 5],
  ['length({ a = 1, b = 2 })', 2],
  ['merge({ a = 1, b = 1 }, { b = 2 }, null)', { a: 1, b: 2 }],
  ['lookup({ a = 1 }, "b", "dflt")', 'dflt'],
  ['lookup({ a = 1 }, "a")', 1],
  ['concat([1], [2, 3])', [1, 2, 3]],
  ['coalesce(null, "", "x")', 'x'],
  ['coalescelist([], ["a"])', ['a']],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['element(["a", "b"], 3)', 'b'],
  ['index(["a", "b"], "b")', 1],
  ['contains(["a"], "a")', true],
  ['distinct([1, 2, 1])', [1, 2]],
  ['flatten([[1, [2]], 3])', [1, 2, 3]],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
  ['reverse([1, 2])', [2, 1]],
  ['sort(["b", "a", "c"])', ['a', 'b', 'c']],
  ['range(3)', [0, 1, 2]],
  ['range(1, 7, 2)', [1, 3, 5]],
  ['range(3, 0)', [3, 2, 1]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['setunion(["b"], ["a", "b"])', ['a', 'b']],
  ['setintersection(["a", "b"], ["b", "c"])', ['b']],
  ['setsubtract(["a", "b"], ["a"])', ['b']],
  [
    'setproduct(["a"], [1, 2])',
    [
      ['a', 1],
      ['a', 2],
    ],
  ],
  ['one([])', null],
  ['one(["x"])', 'x'],
  ['alltrue([true, "true"])', true],
  ['anytrue([false])', false],
  ['chunklist([1, 2, 3], 2)', [[1, 2], [3]]],
  ['transpose({ a = ["x", "y"], b = ["x"] })', { x: ['a', 'b'], y: ['a'] }],
  ['matchkeys(["i1", "i2"], ["us", "eu"], ["eu"])', ['i2']],
  ['sum([1, 2.5])', 3.5],
  // numbers
  ['min(3, 1, 2)', 1],
  ['max(3, 1, 2)', 3],
  ['abs(-2)', 2],
  ['ceil(1.2)', 2],
  ['floor(1.8)', 1],
  ['pow(2, 10)', 1024],
  ['signum(-4)', -1],
  ['parseint("ff", 16)', 255],
  ['log(8, 2)', 3],
  // types
  ['tostring(5)', '5'],
  ['tonumber("5.5")', 5.5],
  ['tobool("true")', true],
  ['tolist(["a", 1])', ['a', '1']],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['tomap({ a = 1, b = "x" })', { a: '1', b: 'x' }],
  ['try(local.m.missing, "fallback")', 'fallback'],
  ['try(local.m.a, "fallback")', 1],
  ['can(local.m.missing)', false],
  ['can(tonumber("x"))', false],
  // encodings and hashes
  ['jsonencode({ b = [1, true, null], a = "<x>" })', '{"a":"\\u003cx\\u003e","b":[1,true,null]}'],
  ['jsondecode("{\\"a\\": [1, 2]}")', { a: [1, 2] }],
  ['yamlencode({ a = "b", c = [1, 2] })', '"a": "b"\n"c":\n- 1\n- 2\n'],
  ['yamldecode("a: [1, x]")', { a: [1, 'x'] }],
  ['base64encode("hello")', 'aGVsbG8='],
  ['base64decode("aGVsbG8=")', 'hello'],
  ['urlencode("a b&c/é")', 'a+b%26c%2F%C3%A9'],
  ['md5("hello")', '5d41402abc4b2a76b9719d911017c592'],
  ['sha1("hello")', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
  ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
  ['base64sha256("hello")', 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='],
  ['uuidv5("dns", "example.com")', 'cfbff0d1-9375-5685-968c-48ce8b15ae17'],
  ['csvdecode("a,b\\n1,2\\n")', [{ a: '1', b: '2' }]],
  // network
  ['cidrsubnet("10.0.0.0/16", 8, 2)', '10.0.2.0/24'],
  ['cidrhost("10.0.1.0/24", 5)', '10.0.1.5'],
  ['cidrhost("10.0.1.0/24", -1)', '10.0.1.255'],
  ['cidrnetmask("10.0.0.0/12")', '255.240.0.0'],
  ['cidrsubnets("10.0.0.0/16", 4, 4, 8)', ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/24']],
  ['cidrsubnet("fd00::/56", 8, 1)', 'fd00:0:0:1::/64'],
  // time, with the injected clock
  ['timestamp()', '2024-03-01T12:34:56Z'],
  ['formatdate("YYYY-MM-DD hh:mm EEE", "2024-03-01T12:34:56Z")', '2024-03-01 12:34 Fri'],
  ['formatdate("DD MMM YYYY \'at\' h:mm AA", "2024-03-01T08:05:00Z")', '01 Mar 2024 at 8:05 AM'],
  ['timeadd("2024-03-01T00:00:00Z", "1h30m")', '2024-03-01T01:30:00Z'],
  ['timecmp("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")', -1],
  // filesystem (relative to the root module)
  ['file("${path.module}/files/hello.txt")', 'hi ${x}\n'],
  ['fileexists("files/hello.txt")', true],
  ['fileexists("files/nope.txt")', false],
  ['templatefile("${path.module}/files/t.tpl", { name = "ann", items = ["a", "b"] })', 'Hello ann!\n- a\n- b\n'],
  ['basename("a/b/c.txt")', 'c.txt'],
  ['dirname("a/b/c.txt")', 'a/b'],
  ['fileset(path.module, "files/*.txt")', ['files/hello.txt']],
];

describe('function library', () => {
  it('computes what Terraform computes', async () => {
    const dir = {
      'files/hello.txt': 'hi ${x}\n',
      'files/t.tpl': 'Hello ${name}!\n%{ for i in items ~}\n- ${i}\n%{ endfor ~}\n',
    };
    const outputs = Object.entries(cases)
      .map(([i, [expr]]) => `output "o${i}" {\n  value = ${expr}\n}\n`)
      .join('');
    const result = await load(
      { ...dir, 'main.tf': `locals {\n  m = { a = 1 }\n}\n${outputs}` },
      { now: () => new Date('2024-03-01T12:34:56Z') },
    );
    const got = cases.map(([expr], i) => [expr, result.outputs[`o${i}`]]);
    expect(got).toEqual(cases.map(([expr, expected]) => [expr, expected]));
  });

  it('gives deterministic uuids', async () => {
    const first = await evaluateOutputs({ a: 'uuid()', b: 'uuid()' });
    const second = await evaluateOutputs({ a: 'uuid()', b: 'uuid()' });
    expect(first).toEqual(second);
    expect(first.a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.a).not.toEqual(first.b);
  });
});

describe('bcrypt()', () => {
  it('hashes as bcrypt does, the same on every run, with the cost given', async () => {
    const { compareSync } = await import('bcryptjs');
    const first = await evaluateOutputs({ a: 'bcrypt("hunter2")', b: 'bcrypt("hunter2", 5)' });
    const second = await evaluateOutputs({ a: 'bcrypt("hunter2")', b: 'bcrypt("hunter2", 5)' });
    expect(first).toEqual(second);
    expect(first.a).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(first.b).toMatch(/^\$2a\$05\$/);
    expect(compareSync('hunter2', String(first.a))).toBe(true);
    expect(compareSync('hunter3', String(first.a))).toBe(false);
    expect(await loadError({ 'main.tf': 'output "o" {\n  value = bcrypt("x", 3)\n}\n' })).toContain('main.tf:2: ');
  });
});
