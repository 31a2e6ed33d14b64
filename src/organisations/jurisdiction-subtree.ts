import { jurisdictionPrefix } from '../common/jurisdiction';

/**
 * The LIKE pattern of a jurisdiction's subtree: 410000 → `41%`, 410100 → `4101%`, 410106 → `410106%`.
 * Codes are digits only (jurisdictions_code_check), so no character of the pattern needs escaping.
 */
export function subtreePattern(code: string): string {
  return `${jurisdictionPrefix(code)}%`;
}

/**
 * A SQL condition: the code column lies in the jurisdiction `code` or below it (FALSE without a code).
 * A prefix LIKE with a bound pattern is served by a text_pattern_ops index (migration JurisdictionLevels),
 * in every collation. Appends its parameter to `params`.
 */
export function inSubtree(column: string, code: string | null, params: unknown[]): string {
  if (!code) return 'FALSE';
  params.push(subtreePattern(code));
  return `${column} LIKE $${params.length}`;
}
