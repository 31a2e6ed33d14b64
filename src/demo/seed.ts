import { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryRepository } from '../organisations/directory.repository';
import { seedDemoCredit } from './demo-credit';
import { seedDemoKeyUnits } from './demo-key-units';
import { seedDemoMonitoring } from './demo-monitoring';
import { seedDemoPlots } from './demo-plots';
import { seedDemoProposals } from './demo-proposals';
import { seedDemoDirectory } from './seed-demo';

/** Seeds the demo directory and, when the directory is new, the demo plots. Returns whether anything was added. */
export async function seedDemo(app: INestApplication, logger: Logger): Promise<boolean> {
  const directory = await seedDemoDirectory(app.get(DirectoryRepository));
  if (!directory.seeded) return false;
  const started = Date.now();
  await seedDemoPlots(app, directory.users, directory.organisations);
  await seedDemoProposals(app, directory.users);
  await seedDemoMonitoring(app, directory.users, await seedDemoKeyUnits(app, directory.users, directory.organisations));
  await seedDemoCredit(app, directory.users, directory.organisations);
  logger.info({ msg: 'demo plots seeded', ms: Date.now() - started });
  return true;
}
