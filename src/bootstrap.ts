import { mkdirSync } from 'node:fs';
import compression from 'compression';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppLogger, createRootLogger, requestLogger } from './common/logging';
import { refuseDeepJson } from './common/json-depth';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import type { DatabaseTarget } from './database/data-source-options';
import { migrateDatabase } from './database/migrate';
import { AuditSeal } from './engine/audit-seal';

/** Builds the Nest application with every global piece; used by main.ts and the tests alike. */
export async function createApp(config: AppConfig, database: DatabaseTarget, logger: Logger = createRootLogger(config)) {
  ensureDataDir(config.dataDir);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database, logger), {
    // Nest's own lines wait for the pino logger (AppLogger), which keeps its start-up chatter at debug.
    bufferLogs: true,
    bodyParser: false,
    // Fail with the error (main.ts reports it) instead of exiting from inside the framework.
    abortOnError: false,
  });
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Answers above 1 KiB compressed as the client accepts (brotli at quality 4, or gzip): on a slow link the plot page's
  // workflow definition is 88 KB as JSON. PDFs and report files are compressed already (their types are not
  // compressible); the console's files come precompressed from its middleware, which sets their encoding itself.
  app.use(compression({ threshold: 1024 }));
  app.use(securityHeaders({ consoleImageHosts: config.tiandituKey ? ['https://*.tianditu.gov.cn'] : [] }));
  app.use(requestLogger(logger));
  app.useBodyParser('json', { limit: '1mb', verify: refuseDeepJson });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(await app.resolve(PinoLogger)));
  setupOpenApi(app);
  return app;
}

/**
 * DATA_DIR holds the uploads being checked (and, embedded or with FILE_STORE=dir, the database and the files), and its
 * free space is what /health/ready weighs: made at start, so that a process on PostgreSQL with the files in the
 * database is not reported short of space for a folder nobody had made yet.
 */
function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`DATA_DIR ${dir} cannot be made: ${(e as Error).message}`);
  }
}

function setupOpenApi(app: INestApplication) {
  const doc = new DocumentBuilder()
    .setTitle('污染地块全生命周期管理 API')
    .setDescription('Contaminated-site lifecycle workflow engine: plots, evidence, joint reviews, filings.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

export async function migrate(app: INestApplication): Promise<string[]> {
  const applied = await migrateDatabase(app.get<DataSource>(getDataSourceToken()));
  // Before any request: the upgrade to keyed audit links is sealed with the key (AuditSeal).
  await app.get(AuditSeal).ensureSealed();
  return applied;
}
