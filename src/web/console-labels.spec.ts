import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_KIND_LABELS } from '../reports/dto/conclusions.dto';

/** The object literal `export const NAME = { key: '文字', … };` of a console module, read as data. */
function consoleLabels(file: string, name: string): Record<string, string> {
  const source = readFileSync(join(__dirname, '..', '..', 'web', 'assets', 'js', file), 'utf8');
  const block = new RegExp(`export const ${name} = \\{([^}]*)\\};`).exec(source);
  if (!block) throw new Error(`${file} has no ${name}`);
  return Object.fromEntries([...block[1].matchAll(/(\w+):\s*'([^']*)'/g)].map((m) => [m[1], m[2]]));
}

describe('console labels', () => {
  it('the console names report kinds exactly as the API does', () => {
    expect(consoleLabels('format.js', 'REPORT_KIND_LABELS')).toEqual(REPORT_KIND_LABELS);
  });
});
