import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PlotsModule } from '../plots/plots.module';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import { TransportsController } from './transports.controller';
import { TransportsRepository } from './transports.repository';
import { TransportsService } from './transports.service';

@Module({
  imports: [PlotsModule, CalendarModule],
  controllers: [TransportsController],
  providers: [TransportsRepository, TransportsService, TransportWorkflowAdapter],
  exports: [TransportsRepository, TransportsService],
})
export class TransportsModule {}
