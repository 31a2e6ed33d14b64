import { exceedsJsonDepth, jsonShapeProblem, MAX_JSON_DEPTH, MAX_OBJECT_KEYS, refuseDeepJson } from './json-depth';

describe('JSON nesting limit', () => {
  const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('accepts up to MAX_JSON_DEPTH levels and refuses one more, as text and as bytes', () => {
    expect(exceedsJsonDepth(nest(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nest(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsJsonDepth(Buffer.from(`{"a":${nest(MAX_JSON_DEPTH)}}`))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ s: '['.repeat(1000) + '\\"{{{' + '地块'.repeat(10) }))).toBe(false);
    expect(exceedsJsonDepth(Buffer.from(JSON.stringify(['"' + '{'.repeat(100), '长']), 'utf8'))).toBe(false);
  });

  it('refuses a deep body as a 400 naming the body', () => {
    expect(() => refuseDeepJson(undefined, undefined, Buffer.from(nest(10_000)))).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'body' })] }),
    );
  });
});

describe('JSON object size limit', () => {
  const objectOf = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));

  it('accepts an object of MAX_OBJECT_KEYS members and refuses one more, at any depth', () => {
    expect(jsonShapeProblem(objectOf(MAX_OBJECT_KEYS))).toBeUndefined();
    expect(jsonShapeProblem(objectOf(MAX_OBJECT_KEYS + 1))).toMatch(/字段不得超过/);
    expect(jsonShapeProblem(Buffer.from(`{"type":"START_WORKS","noticeBoard":${objectOf(MAX_OBJECT_KEYS + 1)}}`))).toMatch(/字段不得超过/);
  });

  it('counts the members of each object apart: arrays of many small objects, colons in strings and long arrays are fine', () => {
    const many = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ a: i, b: `x:${i}` })));
    expect(jsonShapeProblem(many)).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify({ s: ':'.repeat(5000), list: Array.from({ length: 5000 }, (_, i) => i) }))).toBeUndefined();
  });
});
