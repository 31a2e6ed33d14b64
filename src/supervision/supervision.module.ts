import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { PlotListController } from './plot-list.controller';
import { PlotListRepository } from './plot-list.repository';
import { PlotListService } from './plot-list.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';

/** The supervisor's view of open duties, 催办/督办, and the plot list's figures and export (notifications through DeadlinesModule, audit rows through the engine's log). */
@Module({
  imports: [DeadlinesModule, EngineModule, CalendarModule],
  controllers: [SupervisionController, PlotListController],
  providers: [SupervisionRepository, SupervisionService, PlotListRepository, PlotListService],
})
export class SupervisionModule {}
