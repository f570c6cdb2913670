/**
 * The values a mapping template computes with, modelled on the Java objects API Gateway's Velocity
 * (Apache Velocity 1.7, JSON through Jayway JsonPath on json-smart) hands a template, because a
 * template's output is those objects' `toString()`:
 * - Java `Integer`/`Long` → a JS number (safe integers) or a bigint (beyond 2^53, e.g. 64-bit ids);
 *   `Double` → `JavaDouble`, so `1.0` stays `1.0` and `1e21` prints `1.0E21` (Double.toString).
 * - a JSON array (json-smart `JSONArray`) prints as JSON, a Velocity list literal (`ArrayList`) as
 *   `[a, b]`; every map is a `LinkedHashMap` and prints `{a=1, b=[...]}`. AWS shows exactly these
 *   renderings: `$input.path('$')` of `{"foo":[{"nested":"bar"}]}` is `{foo=[{"nested":"bar"}]}`
 *   (recorded against AWS in localstack/localstack tests/aws/services/apigateway/
 *   test_apigateway_common.py::test_input_path_template_formatting).
 * `null` is Java's null; a reference never yields it (see vtl-reference.ts).
 */
export class JavaDouble {
  constructor(readonly value: number) {}
}

/** A list: `fromJson` for json-smart's JSONArray (prints as JSON), else Velocity's ArrayList (prints `[a, b]`). */
export class VtlList {
  constructor(
    readonly items: VtlValue[],
    readonly fromJson: boolean,
  ) {}
}

/** A `LinkedHashMap`: insertion order kept, keys are strings. */
export class VtlMap {
  constructor(readonly entries: Map<string, VtlValue>) {}
}

/** A `Map.Entry` from `entrySet()`: `$e.key`, `$e.value`, `getKey()`, `getValue()`. */
export class MapEntry {
  constructor(
    readonly key: string,
    readonly value: VtlValue,
  ) {}
}

/** `$foreach` inside a loop (Velocity 1.7's ForeachScope): `hasNext`, `count`, `index`, `first`, `last`, `parent`. */
export class LoopStatus {
  index = 0;
  constructor(
    readonly size: number,
    readonly parent: LoopStatus | null,
  ) {}
  get hasNext(): boolean {
    return this.index + 1 < this.size;
  }
}

export type VtlValue = null | string | boolean | number | bigint | JavaDouble | VtlList | VtlMap | MapEntry | LoopStatus;

export const isNumber = (v: VtlValue): v is number | bigint | JavaDouble =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof JavaDouble;

/** An integer value that fits a JS number as one (a bigint that does is narrowed). */
export function javaInteger(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** Java's `Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`. */
export function javaDoubleText(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(d);
    return text.includes('.') ? text : `${text}.0`;
  }
  // JS gives the same shortest digits; only the notation differs ("1.5e+21" → "1.5E21").
  const [mantissa = '', exponent = ''] = d.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** A value as Java's `String.valueOf` prints it, e.g. inside a collection's `toString()`. */
export function javaText(v: VtlValue, toJson: (v: VtlValue) => string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof JavaDouble) return javaDoubleText(v.value);
  if (v instanceof VtlList) {
    if (v.fromJson) return toJson(v);
    return `[${v.items.map((item) => javaText(item, toJson)).join(', ')}]`;
  }
  if (v instanceof VtlMap) {
    const parts: string[] = [];
    for (const [key, value] of v.entries) parts.push(`${key}=${javaText(value, toJson)}`);
    return `{${parts.join(', ')}}`;
  }
  if (v instanceof MapEntry) return `${v.key}=${javaText(v.value, toJson)}`;
  return `{index=${v.index}, count=${v.index + 1}, hasNext=${v.hasNext}}`;
}

/** Java's `equals` between two values of the same kind (List/Map equality is element-wise). */
export function javaEquals(a: VtlValue, b: VtlValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isNumber(a) && isNumber(b)) {
    // Integer.equals(Long) is false in Java, but Velocity compares numbers by value (MathUtils.compare).
    return numericValue(a) === numericValue(b);
  }
  if (a instanceof VtlList && b instanceof VtlList)
    return a.items.length === b.items.length && a.items.every((item, i) => javaEquals(item, b.items[i] ?? null));
  if (a instanceof VtlMap && b instanceof VtlMap) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) if (!b.entries.has(key) || !javaEquals(value, b.entries.get(key) ?? null)) return false;
    return true;
  }
  if (a instanceof MapEntry && b instanceof MapEntry) return a.key === b.key && javaEquals(a.value, b.value);
  return false;
}

/** A number as a JS number (bigints beyond 2^53 lose precision, as a Java long → double conversion does). */
export function numericValue(v: number | bigint | JavaDouble): number {
  return v instanceof JavaDouble ? v.value : Number(v);
}

/** Same Java class (or assignable): Velocity's `==` then uses `equals`, otherwise it compares `toString()`s. */
export function sameJavaKind(a: VtlValue, b: VtlValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return typeof a === typeof b;
  if (a instanceof VtlList || b instanceof VtlList) return a instanceof VtlList && b instanceof VtlList;
  if (a instanceof VtlMap || b instanceof VtlMap) return a instanceof VtlMap && b instanceof VtlMap;
  if (a instanceof MapEntry || b instanceof MapEntry) return a instanceof MapEntry && b instanceof MapEntry;
  return a instanceof LoopStatus && b instanceof LoopStatus;
}
