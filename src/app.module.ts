import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import type { Logger } from 'pino';
import { loggingModule } from './common/logging';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions, type DatabaseTarget } from './database/data-source-options';
import { DocumentsModule } from './documents/documents.module';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { ThrottleModule } from './throttle/throttle.module';
import { MeModule } from './me/me.module';
import { PlotPageModule } from './plot-page/plot-page.module';
import { PlotsModule } from './plots/plots.module';
import { ReportsModule } from './reports/reports.module';
import { SamplesModule } from './samples/samples.module';
import { SupervisionModule } from './supervision/supervision.module';
import { WebModule } from './web/web.module';
import { AnnualProgressModule } from './annual-progress/annual-progress.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClockModule } from './clock/clock.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { RegistersModule } from './registers/registers.module';
import { TransportsModule } from './transports/transports.module';
import { MapModule } from './map/map.module';
import { GeometryModule } from './geometry/geometry.module';
import { CreditModule } from './credit/credit.module';
import { PublicReportsModule } from './public-reports/public-reports.module';
import { KeyUnitsModule } from './key-units/key-units.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { ProposalsModule } from './proposals/proposals.module';
import { LandSupplyModule } from './land-supply/land-supply.module';
import { IndicatorsModule } from './indicators/indicators.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, database),
        loggingModule(logger),
        TypeOrmModule.forRoot(dataSourceOptions(database.url, database.embedded ? 1 : config.dbPoolSize, !database.embedded)),
        AuthModule,
        ThrottleModule,
        AdminModule,
        HealthModule,
        EngineModule,
        PlotsModule,
        ReportsModule,
        SamplesModule,
        DocumentsModule,
        ClockModule,
        DeadlinesModule,
        CalendarModule,
        TransportsModule,
        MeModule,
        RegistersModule,
        AnnualProgressModule,
        MapModule,
        GeometryModule,
        KeyUnitsModule,
        MonitoringModule,
        CreditModule,
        PublicReportsModule,
        ProposalsModule,
        LandSupplyModule,
        IndicatorsModule,
        SupervisionModule,
        PlotPageModule,
        WebModule,
      ],
    };
  }
}
