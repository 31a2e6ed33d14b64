import { exceedsJsonDepth, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

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
