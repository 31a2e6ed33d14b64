import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CreditRepositoryModule } from '../credit/credit-repository.module';
import { DatabaseModule } from '../database/database.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { JurisdictionBoundariesModule } from '../map/jurisdiction-boundaries.module';
import { KeyUnitsRepositoryModule } from '../key-units/key-units-repository.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReportsRepositoryModule } from '../reports/reports-repository.module';
import { ScreeningModule } from '../screening/screening.module';
import { TransportsRepositoryModule } from '../transports/transports-repository.module';
import { PlotHistoryService } from './plot-history.service';
import { PlotWorkflowAdapter } from './plot-workflow.adapter';
import { PlotsController } from './plots.controller';
import { PlotsRepository } from './plots.repository';
import { PlotsService } from './plots.service';

@Module({
  imports: [DatabaseModule, DecisionsModule, CalendarModule, EngineModule, DeadlinesModule, ScreeningModule, OrganisationsModule, ReportsRepositoryModule, TransportsRepositoryModule, JurisdictionBoundariesModule, KeyUnitsRepositoryModule, CreditRepositoryModule],
  controllers: [PlotsController],
  providers: [PlotsRepository, PlotsService, PlotWorkflowAdapter, PlotHistoryService],
  exports: [PlotsRepository, PlotsService, PlotWorkflowAdapter, PlotHistoryService],
})
export class PlotsModule {}
