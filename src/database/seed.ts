import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../common/json-logger';
import { seedDemoDirectory } from './seed-demo';

/** Seeds the demo directory (and, once the directory is new, the demo plots). Returns whether anything was added. */
export async function seedDemo(_app: INestApplication, ds: DataSource, _logger: JsonLogger): Promise<boolean> {
  const directory = await seedDemoDirectory(ds);
  return directory.seeded;
}
