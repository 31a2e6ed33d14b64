import { ValidationFailedError } from './errors';

/**
 * The deepest nesting a JSON body may have. Request bodies need a handful of
 * levels (a GeoJSON polygon's coordinates are the deepest, at five); the
 * recursive code behind the parser (class-transformer, canonical JSON) must
 * never meet thousands, where it overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests deeper than `max` (the text need not be valid JSON). */
export function exceedsJsonDepth(text: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
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
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** body-parser `verify`: refuses a body nested deeper than MAX_JSON_DEPTH, before it is parsed. */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  if (exceedsJsonDepth(buf)) {
    throw new ValidationFailedError([{ field: 'body', message: `JSON 嵌套不得超过 ${MAX_JSON_DEPTH} 层` }]);
  }
}
