import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DatabaseModule } from '../database/database.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlotsModule } from '../plots/plots.module';
import { ReportsRepositoryModule } from '../reports/reports-repository.module';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import { TransportsController } from './transports.controller';
import { TransportsRepositoryModule } from './transports-repository.module';
import { TransportsService } from './transports.service';

@Module({
  imports: [DatabaseModule, EngineModule, DeadlinesModule, PlotsModule, CalendarModule, OrganisationsModule, ReportsRepositoryModule, TransportsRepositoryModule],
  controllers: [TransportsController],
  providers: [TransportsService, TransportWorkflowAdapter],
  exports: [TransportsRepositoryModule, TransportsService],
})
export class TransportsModule {}
