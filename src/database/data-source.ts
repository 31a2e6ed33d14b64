import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseUrl } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI (`npm run typeorm -- migration:show`): a real server
 * named by DATABASE_URL. The embedded database migrates itself on start.
 */
export default new DataSource(
  dataSourceOptions(loadDatabaseUrl() ?? 'postgres://set-DATABASE_URL-to-use-the-cli.invalid/db'),
);
