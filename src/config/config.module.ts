import { DynamicModule, Global, Module } from '@nestjs/common';
import { JsonLogger } from '../common/json-logger';
import { APP_CONFIG, AppConfig } from './app-config';
import { KEYS, resolveKeys } from './keys';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: KEYS, useFactory: () => resolveKeys(config) },
        { provide: JsonLogger, useValue: logger },
      ],
      exports: [APP_CONFIG, KEYS, JsonLogger],
    };
  }
}
