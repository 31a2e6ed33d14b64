import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { DATABASE_TARGET, type DatabaseTarget } from '../database/data-source-options';
import { APP_CONFIG, AppConfig } from './app-config';
import { KEYS, resolveKeys } from './keys';

/**
 * Global with the clock and the logger: the settings, the keys and which database are read everywhere.
 * The configuration is validated once, before the app is built (main.ts needs the port and the database first),
 * by the schema behind loadConfig; @nestjs/config then serves that one object: ConfigService<AppConfig, true>
 * for new code, APP_CONFIG for the typed whole. Neither reads process.env again.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: ConfigModule,
      imports: [NestConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: KEYS, useFactory: () => resolveKeys(config) },
        { provide: DATABASE_TARGET, useValue: database },
      ],
      exports: [NestConfigModule, APP_CONFIG, KEYS, DATABASE_TARGET],
    };
  }
}
