import { DataSource } from 'typeorm';
import { namedStatement } from './named-statement';

describe('namedStatement', () => {
  const real = new DataSource({ type: 'postgres', extra: { namedStatements: true } });
  const embedded = new DataSource({ type: 'postgres', extra: { namedStatements: false } });

  it('names a hot statement on a real PostgreSQL: the same text always gets the same name, another text another', () => {
    const a = namedStatement(real, 'SELECT 1 WHERE $1') as unknown as { name: string; text: string };
    expect(a).toEqual({ name: expect.stringMatching(/^s[0-9a-f]{20}$/), text: 'SELECT 1 WHERE $1' });
    expect(namedStatement(real.manager, 'SELECT 1 WHERE $1')).toEqual(a);
    expect((namedStatement(real, 'SELECT 2 WHERE $1') as unknown as { name: string }).name).not.toBe(a.name);
  });

  it('leaves statements unnamed on the embedded database, whose socket connections share one session', () => {
    expect(namedStatement(embedded, 'SELECT 1 WHERE $1')).toBe('SELECT 1 WHERE $1');
    expect(namedStatement(embedded.manager, 'SELECT 1 WHERE $1')).toBe('SELECT 1 WHERE $1');
  });
});
