import type { Logger } from 'pino';
import { todayInChina } from '../calendar/calendar-date';
import type { EmbeddedDatabase } from '../database/embedded';
import { demoTemplateKey, demoTemplateRoot, isFreshDataDir, readDemoTemplate, takeDemoTemplate, writeDemoTemplate, type DemoTemplate } from './demo-template';

/** How the embedded database of this start is made: from a template, or built and then kept as one. */
export interface DemoStart {
  fresh: boolean;
  key?: string;
  /** Set when the fresh directory starts from a template (its pgdata goes to startEmbeddedDatabase). */
  template?: DemoTemplate;
}

/**
 * Before the keys are resolved (main.ts): on a fresh DATA_DIR, finds today's template and gives the
 * directory its audit key and blob files. Any failure only means a start without the template.
 */
export function prepareDemoStart(dataDir: string, envAuditKey: string | undefined, logger: Logger, root = demoTemplateRoot(), fixedKey?: string): DemoStart {
  if (!isFreshDataDir(dataDir)) return { fresh: false };
  try {
    // fixedKey: a test's, whose source tree others may be editing meanwhile.
    const key = fixedKey ?? demoTemplateKey(todayInChina());
    const found = readDemoTemplate(root, key);
    const template = found && takeDemoTemplate(dataDir, found, envAuditKey);
    if (template) logger.info({ template: key }, 'fresh data directory: starting from the prepared demo database');
    return { fresh: true, key, template };
  } catch (e) {
    logger.warn({ err: e }, 'the prepared demo database could not be used; building the directory instead');
    return { fresh: true };
  }
}

/**
 * After migrations and the demo seed of a directory built from nothing: keeps it as today's template. The seed's
 * filing documents are drawn up first (`filings.drain()`), so that the template holds them: a directory started from
 * it would otherwise draw up the same documents again while it starts (57 PDFs, seconds of CPU on two cores).
 */
export async function keepDemoTemplate(
  start: DemoStart,
  embedded: EmbeddedDatabase,
  filings: { drain(): Promise<void> },
  dataDir: string,
  auditKey: string,
  logger: Logger,
  root = demoTemplateRoot(),
): Promise<void> {
  if (!start.fresh || start.template || !start.key) return;
  try {
    await filings.drain();
    writeDemoTemplate(root, start.key, { pgdata: await embedded.dump(), dataDir, auditKey });
    logger.debug({ template: start.key }, 'kept the demo database as a template for the next fresh data directory');
  } catch (e) {
    logger.warn({ err: e }, 'the demo database could not be kept as a template');
  }
}
