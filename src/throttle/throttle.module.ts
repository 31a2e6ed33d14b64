import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppThrottlerGuard } from './app-throttler.guard';
import { PgThrottlerStorage } from './pg-throttler-storage';
import { ThrottlerHitsRepository } from './throttler-hits.repository';
import { throttleKey, throttlersFor } from './throttlers';

@Module({ providers: [ThrottlerHitsRepository, PgThrottlerStorage], exports: [PgThrottlerStorage] })
class ThrottlerStoreModule {}

/** Rate limits on login, /public/* and the 12369 form (throttlers.ts), counted in PostgreSQL across replicas. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStoreModule],
      inject: [APP_CONFIG, PgThrottlerStorage],
      useFactory: (config: AppConfig, storage: PgThrottlerStorage) => ({ throttlers: throttlersFor(config), storage, generateKey: throttleKey }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AppThrottlerGuard }],
})
export class ThrottleModule {}
