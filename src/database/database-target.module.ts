import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabaseTarget } from './data-source-options';

/** Which database the app talks to, for the few paths that differ: the embedded one has no COPY FROM STDIN. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

@Global()
@Module({})
export class DatabaseTargetModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseTargetModule,
      providers: [{ provide: DATABASE_TARGET, useValue: target }],
      exports: [DATABASE_TARGET],
    };
  }
}
