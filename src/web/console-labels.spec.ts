import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAND_CLASS_LABELS } from '../common/labels/land-classes';
import { REPORT_KIND_LABELS } from '../common/labels/report-kinds';
import { ROLE_LABELS } from '../common/labels/roles';
import { ConsoleAssets } from './console-assets';
import { consoleSourceDir } from './console-bundle';

// STYLE.md "One source of each fact": the console imports the API's label tables (src/common/labels) instead of
// copying them; the bundle carries them because the console's format module imports them.
describe('console labels', () => {
  const files = new ConsoleAssets();
  const bundle = files.asset(files.script.name)!.body.toString('utf8');
  const dir = consoleSourceDir(files.root);
  const sources = readdirSync(dir, { recursive: true }).map(String).filter((p) => /\.(ts|js)$/.test(p))
    .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
  const tables = { REPORT_KIND_LABELS, ROLE_LABELS, LAND_CLASS_LABELS };

  it.each(Object.keys(tables))('the console names things exactly as the API does: %s is in the bundle, every key with its label', (name) => {
    for (const [key, label] of Object.entries(tables[name as keyof typeof tables])) {
      const entry = new RegExp(`["']?${key}["']?:\\s*"${label}"`);
      expect({ key, label, inBundle: entry.test(bundle) }).toEqual({ key, label, inBundle: true });
    }
  });

  it('no console source holds a copy of the tables: format imports them from src/common/labels', () => {
    const format = sources.find((s) => /^format\.(ts|js)$/.test(s.path))!;
    expect(format.text).toMatch(/from '@shared\/report-kinds'/);
    expect(format.text).toMatch(/from '@shared\/roles'/);
    expect(format.text).toMatch(/from '@shared\/land-classes'/);
    const copies = sources.filter(({ text }) =>
      /\bpreliminary_investigation\s*:\s*['"]/.test(text) || /\bconsultant\s*:\s*['"]第三方机构/.test(text) || /\b1\s*:\s*['"]第一类用地/.test(text));
    expect(copies.map((s) => s.path)).toEqual([]);
    expect(format.text).not.toContain('初步调查报告');
  });
});
