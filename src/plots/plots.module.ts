import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module';
import { PlotHistoryService } from './plot-history.service';
import { PlotWorkflowAdapter } from './plot-workflow.adapter';
import { PlotsController } from './plots.controller';
import { PlotsRepository } from './plots.repository';
import { PlotsService } from './plots.service';

@Module({
  imports: [ScreeningModule],
  controllers: [PlotsController],
  providers: [PlotsRepository, PlotsService, PlotWorkflowAdapter, PlotHistoryService],
  exports: [PlotsRepository, PlotsService],
})
export class PlotsModule {}
