import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlotsModule } from '../plots/plots.module';
import { ReportsRepositoryModule } from '../reports/reports-repository.module';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import { TransportsController } from './transports.controller';
import { TransportsRepositoryModule } from './transports-repository.module';
import { TransportsService } from './transports.service';

@Module({
  imports: [PlotsModule, CalendarModule, OrganisationsModule, ReportsRepositoryModule, TransportsRepositoryModule],
  controllers: [TransportsController],
  providers: [TransportsService, TransportWorkflowAdapter],
  exports: [TransportsRepositoryModule, TransportsService],
})
export class TransportsModule {}
