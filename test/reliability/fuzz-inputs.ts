import fc from 'fast-check';

/** The parts of an OpenAPI schema the fuzzer reads. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  nullable?: boolean;
  additionalProperties?: boolean;
  $ref?: string;
}

export interface Operation {
  key: string;
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  body?: { contentType: string; schema: Schema };
  secured: boolean;
}

/** Operations of an OpenAPI 3 document, with $refs resolved. */
export function operationsOf(doc: any): Operation[] {
  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return s;
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()!]);
    if (s.properties) return { ...s, properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v)!])) };
    return s;
  };
  const out: Operation[] = [];
  for (const [template, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const params: Array<{ name: string; in: string }> = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      out.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: contentType ? { contentType, schema: resolve(content[contentType].schema)! } : undefined,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return out;
}

/** Strings that have broken parsers, databases and templates elsewhere. */
export const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\ufeff', '\u202egnp.exe', '𝕏𝕐', '地块', '🏭☢️', 'Ω≈ç√', '\r\n\t',
  '../../etc/passwd', '%00', '%zz', "' OR 1=1 --", '"; DROP TABLE plots; --', '${jndi:ldap://x}', '<script>alert(1)</script>',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'NaN', 'Infinity', '-0', '1e309',
  'null', 'true', '[]', '{}', '9'.repeat(400), '2026-02-30', '0000-00-00', '410106', '00000000-0000-0000-0000-000000000000',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  // Long, but inside the 1 MB JSON limit: the field's length rules must answer, not the database.
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => '长'.repeat(n)) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, -0),
);

/** Any JSON value, built from the nasty pieces. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'type', 'id')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value of another JSON type than the schema declares (never null for optional fields: absent and null mean the same there). */
export function wrongTypeFor(s: Schema, required: boolean): fc.Arbitrary<unknown> {
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(nastyNumber, fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 })),
    number: fc.oneof(fc.constantFrom('1', 'abc', '', '1e3', 'NaN'), fc.boolean(), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.constant({})),
    integer: fc.oneof(fc.constantFrom('1', 'abc', '', 1.5, -0.5), fc.boolean(), fc.constant([1]), fc.constant({})),
    boolean: fc.oneof(fc.constantFrom('true', 'false', 0, 1, 'yes', ''), fc.constant([]), fc.constant({})),
    object: fc.oneof(fc.string(), nastyNumber, fc.boolean(), fc.constant([]), fc.constant([{}])),
    array: fc.oneof(fc.string(), nastyNumber, fc.boolean(), fc.constant({})),
  };
  let arb = byType[s.type ?? 'string'] ?? byType.string;
  if (s.enum) arb = fc.oneof(arb, nastyString.filter((v) => !s.enum!.includes(v)));
  if (required) return fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
  // NaN and ±Infinity are sent as JSON null, which an optional field takes as absent.
  return arb.filter((v) => JSON.stringify(v) !== 'null');
}

/** A value the schema allows (examples and enums first; overrides for ids the fuzzer knows). */
export function validFor(name: string, s: Schema, known: Record<string, unknown>): unknown {
  if (name in known) return known[name];
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return s.properties ? validObject(s, known) : {};
    default:
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1)) + (s.minLength ? '' : '');
  }
}

export function validObject(s: Schema, known: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    if ((s.required ?? []).includes(k)) out[k] = validFor(k, v, known);
  }
  return out;
}

/** A body that is valid except for one thing, and the field the answer must name. */
export interface NearValid {
  body: Record<string, unknown>;
  field: string;
  mutation: string;
}

/**
 * One mutation of a valid body: a field of a wrong type, a required field
 * removed, or an unknown field added. `schema` describes the valid body's fields.
 */
export function nearValid(valid: Record<string, unknown>, schema: Schema): fc.Arbitrary<NearValid> {
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const options: Array<fc.Arbitrary<NearValid>> = [
    fc
      .tuple(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/), anyJson)
      .filter(([k]) => !(k in (schema.properties ?? {})))
      .map(([k, v]) => ({ body: { ...valid, [k]: v }, field: k, mutation: 'unknown field' })),
  ];
  if (props.length) {
    options.push(
      fc
        .constantFrom(...props)
        .chain(([k, s]) => wrongTypeFor(s, required.includes(k)).map((v) => ({ body: { ...valid, [k]: v }, field: k, mutation: `wrong type ${JSON.stringify(v)?.slice(0, 40)}` }))),
    );
  }
  const leaves = stringLeaves(valid);
  if (leaves.length) {
    // U+0000 in any string of a valid body (PostgreSQL cannot store it): a 400 naming that string's path.
    options.push(
      fc.tuple(fc.constantFrom(...leaves), fc.nat(), fc.boolean()).map(([path, at, inKey]) => {
        const body = structuredClone(valid);
        const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], body);
        const last = path[path.length - 1];
        const nul = (text: string) => `${text.slice(0, at % (text.length + 1))}\u0000${text.slice(at % (text.length + 1))}`;
        if (inKey && !Array.isArray(parent)) {
          const key = nul(last);
          parent[key] = parent[last];
          delete parent[last];
          return { body, field: [...path.slice(0, -1), key].join('.'), mutation: 'NUL in a key' };
        }
        const withNul = nul(String(parent[last]));
        parent[last] = withNul;
        return { body, field: path.join('.'), mutation: 'NUL in a string' };
      }),
    );
  }
  const removable = required.filter((k) => k in valid);
  if (removable.length) {
    options.push(
      fc.constantFrom(...removable).map((k) => {
        const body = { ...valid };
        delete body[k];
        return { body, field: k, mutation: 'required field removed' };
      }),
    );
  }
  return fc.oneof(...options);
}

/** The paths of every string value in a body, at any depth (keys, or indices as text). */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (!value || typeof value !== 'object') return [];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(value)) for (const leaf of stringLeaves(v, [...path, k])) out.push(leaf);
  return out;
}

/** JSON text nested `depth` levels deep, optionally as the value of a field. */
export function deepJson(depth: number, open: '[' | '{', field?: string): string {
  const [o, c] = open === '[' ? ['[', ']'] : ['{"a":', '}'];
  const inner = o.repeat(depth) + '1' + c.repeat(depth);
  return field ? `{${JSON.stringify(field)}:${inner}}` : inner;
}

/** Raw bodies that are not JSON at all, or not what they claim to be. */
export const malformedBody: fc.Arbitrary<{ raw: string | Buffer; contentType: string; headers?: Record<string, string> }> = fc.oneof(
  fc.string({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/json' })),
  fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', '\ufeff{"a":1}', '{"a":NaN}', "{'a':1}", '{"a":1,}', 'null', '"x"', '123', 'true', '[]')
    .map((raw) => ({ raw, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'text/plain' })),
  fc.constantFrom('a[b][c]=1&__proto__[x]=1', 'constructor[prototype][x]=1', 'type=APPROVE&opinion=x')
    .map((raw) => ({ raw, contentType: 'application/x-www-form-urlencoded' })),
  fc.constant({ raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x' }),
  fc.constant({ raw: '{"a":1}', contentType: 'application/json; charset=latin1' }),
  fc.constant({ raw: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
  fc.constant({ raw: '{"a":1}', contentType: 'application/json; charset=utf-16' }),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ raw: Buffer.from(b), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ raw: Buffer.from(b), contentType: 'application/octet-stream' })),
);

/** Keys that pollute prototypes when merged naively into objects. */
export function pollutingBody(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const base = JSON.stringify(valid).slice(1, -1);
  return fc
    .constantFrom(
      '"__proto__":{"polluted":"yes","role":"admin","isAdmin":true}',
      '"constructor":{"prototype":{"polluted":"yes"}}',
      '"__proto__":{"__proto__":{"polluted":"yes"}}',
      '"prototype":{"polluted":"yes"}',
      '"__proto__":null',
    )
    .map((evil) => `{${evil}${base ? ',' + base : ''}}`);
}
