import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { PlotsModule } from './plots/plots.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  /** `databaseUrl` is the external server's, or the embedded database's loopback address. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.dbPoolSize)),
        AuthModule,
        AdminModule,
        HealthModule,
        EngineModule,
        PlotsModule,
        ReportsModule,
      ],
    };
  }
}
