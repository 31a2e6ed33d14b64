import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePath } from '../../src/reference/reference-files';

let path: string | undefined;

/**
 * A deployment's decision steps whose investigation notice may run 600 years: the reliability workloads send
 * thousands of notices, each with its own due date, so that every one changes the plot. The six-month limit of
 * 42号令 第十二条 itself is tested in test/law-v2.e2e-spec.ts.
 */
export function longNoticeSteps(): string {
  if (path) return path;
  const config = JSON.parse(readFileSync(referencePath('decision-steps.json'), 'utf8'));
  config.timeLimits.investigationNoticeMonths.value = 7200;
  path = join(mkdtempSync(join(tmpdir(), 'long-notice-')), 'decision-steps.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}
