import { ValidationFailedError } from './errors';

/**
 * The deepest nesting a JSON body may have. Request bodies need a handful of
 * levels (a GeoJSON polygon's coordinates are the deepest, at five); the
 * recursive code behind the parser (class-transformer, canonical JSON) must
 * never meet thousands, where it overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The most members one JSON object may have. No request object has more than
 * a few dozen fields; class-transformer removes duplicate keys with a linear
 * search per key, so an object of 100k keys costs seconds of CPU per request.
 */
export const MAX_OBJECT_KEYS = 1000;

/**
 * What is wrong with the shape of JSON text before it is parsed (the text need
 * not be valid JSON): nesting deeper than `maxDepth`, or an object with more
 * than `maxKeys` members. One pass, no recursion.
 */
export function jsonShapeProblem(text: Buffer | string, maxDepth = MAX_JSON_DEPTH, maxKeys = MAX_OBJECT_KEYS): string | undefined {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  // Per open bracket: the members counted so far in it (-1 for an array, whose elements are not keys).
  const keys: number[] = [];
  let inString = false;
  // In a Buffer, bytes of multi-byte UTF-8 characters are all ≥ 0x80: none is mistaken for a bracket or a quote.
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      keys.push(c === 0x7b ? 0 : -1);
      if (keys.length > maxDepth) return `JSON 嵌套不得超过 ${maxDepth} 层`;
    } else if (c === 0x5d || c === 0x7d) {
      keys.pop();
    } else if (c === 0x3a && keys.length && keys[keys.length - 1] >= 0) {
      if (++keys[keys.length - 1] > maxKeys) return `一个 JSON 对象的字段不得超过 ${maxKeys} 个`;
    }
  }
  return undefined;
}

/** Whether JSON text nests deeper than `max` (the text need not be valid JSON). */
export function exceedsJsonDepth(text: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  return jsonShapeProblem(text, max, Infinity) !== undefined;
}

/** body-parser `verify`: refuses a body nested too deep or with an object of too many members, before it is parsed. */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  const problem = jsonShapeProblem(buf);
  if (problem) throw new ValidationFailedError([{ field: 'body', message: problem }]);
}
