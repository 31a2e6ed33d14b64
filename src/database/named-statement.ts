import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

const names = new Map<string, string>();

/**
 * A hot statement (one run on every request or event), named so that a real
 * PostgreSQL parses and plans it once per connection instead of on every
 * call. The embedded server shares one session between all connections to its
 * socket, where a name prepared by one would collide with another's, so there
 * the statement stays unnamed. Passed through `query()` as pg's query config.
 */
export function namedStatement(em: EntityManager | DataSource, text: string): string {
  const extra = (em instanceof DataSource ? em : em.dataSource).options.extra as { namedStatements?: boolean } | undefined;
  if (!extra?.namedStatements) return text;
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text } as unknown as string;
}
