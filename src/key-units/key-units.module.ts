import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DatabaseModule } from '../database/database.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DocumentsModule } from '../documents/documents.module';
import { EngineModule } from '../engine/engine.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlotsModule } from '../plots/plots.module';
import { ReportsModule } from '../reports/reports.module';
import { ScreeningModule } from '../screening/screening.module';
import { KeyUnitIndustriesController } from './key-unit-industries.controller';
import { KeyUnitSitePlot } from './key-unit-site-plot';
import { KeyUnitTasks } from './key-unit-tasks';
import { KeyUnitReportUploadInterceptor } from './key-unit-upload.interceptor';
import { KeyUnitWorkflowAdapter } from './key-unit-workflow.adapter';
import { KeyUnitsController, PublicKeyUnitsController } from './key-units.controller';
import { KeyUnitsRepositoryModule } from './key-units-repository.module';
import { KeyUnitsService } from './key-units.service';

/** 土壤污染重点监管单位 (issue 18): the list, the units' statechart on the engine, their reports, duties and sites. */
@Module({
  imports: [DatabaseModule, EngineModule, DeadlinesModule, PlotsModule, CalendarModule, OrganisationsModule, ReportsModule, ScreeningModule, KeyUnitsRepositoryModule, DocumentsModule],
  controllers: [KeyUnitIndustriesController, KeyUnitsController, PublicKeyUnitsController],
  providers: [KeyUnitWorkflowAdapter, KeyUnitSitePlot, KeyUnitsService, KeyUnitReportUploadInterceptor, KeyUnitTasks],
  exports: [KeyUnitsRepositoryModule, KeyUnitsService, KeyUnitTasks],
})
export class KeyUnitsModule {}
