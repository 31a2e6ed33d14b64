import { ValidationFailedError } from './errors';

/**
 * PostgreSQL cannot store U+0000 in text (22021) nor in jsonb (22P05), and no
 * field of ours has a use for it: one rule at the boundary refuses it in every
 * string a request brings — JSON keys and values at any depth, multipart text
 * fields, query strings and path parameters — before anything reaches the database.
 */
export const NUL_MESSAGE = '不能包含空字符';

/** Arrays and plain objects, as parsed from JSON, a query string or a form; never a Buffer or a class instance. */
function isWalkable(v: unknown): v is object {
  if (!v || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The path of a key or string value that holds U+0000, if any (`root` names a bare string). */
export function findNulString(value: unknown, root = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? root || 'body' : undefined;
  if (!isWalkable(value)) return undefined;
  // An explicit stack, not recursion: the depth limit of JSON bodies does not cover every caller.
  const stack: Array<{ value: object; path: string }> = [{ value, path: root }];
  while (stack.length) {
    const { value: node, path } = stack.pop()!;
    for (const key of Object.keys(node)) {
      const here = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return here;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        if (child.includes('\u0000')) return here;
      } else if (isWalkable(child)) {
        stack.push({ value: child, path: here });
      }
    }
  }
  return undefined;
}

/** Throws a 400 naming the first string of `value` that holds U+0000. */
export function refuseNulStrings(value: unknown, root = ''): void {
  const field = findNulString(value, root);
  if (field !== undefined) throw new ValidationFailedError([{ field, message: NUL_MESSAGE }]);
}
