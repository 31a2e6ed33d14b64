import { DynamicModule, Global, Module } from '@nestjs/common';
import { JsonLogger } from '../common/json-logger';
import { DATABASE_TARGET, type DatabaseTarget } from '../database/data-source-options';
import { APP_CONFIG, AppConfig } from './app-config';
import { KEYS, resolveKeys } from './keys';

/** Global with the clock: the settings, the keys, which database and the logger are read everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, database: DatabaseTarget, logger: JsonLogger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: KEYS, useFactory: () => resolveKeys(config) },
        { provide: DATABASE_TARGET, useValue: database },
        { provide: JsonLogger, useValue: logger },
      ],
      exports: [APP_CONFIG, KEYS, DATABASE_TARGET, JsonLogger],
    };
  }
}
