import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DocumentsModule } from '../documents/documents.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AnnualFiguresRepository } from './annual-figures.repository';
import { AnnualProgressController } from './annual-progress.controller';
import { AnnualProgressService } from './annual-progress.service';

/** D14 年度工作进展报告 (annual progress report), apart from the consultants' reports of src/reports. */
@Module({
  imports: [DatabaseModule, DeadlinesModule, DocumentsModule, OrganisationsModule, IndicatorsModule, MonitoringModule],
  controllers: [AnnualProgressController],
  providers: [AnnualFiguresRepository, AnnualProgressService],
})
export class AnnualProgressModule {}
