import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { EngineModule } from '../engine/engine.module';
import { KeyUnitsRepositoryModule } from '../key-units/key-units-repository.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlotsModule } from '../plots/plots.module';
import { ReportsModule } from '../reports/reports.module';
import { TransportsModule } from '../transports/transports.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { FilingSources } from './filing-facts';
import { FilingService } from './filing.service';

@Module({
  imports: [DatabaseModule, EngineModule, OrganisationsModule, PlotsModule, ReportsModule, TransportsModule, KeyUnitsRepositoryModule],
  controllers: [DocumentsController],
  providers: [FilingService, FilingSources, DocumentsService, DocumentsRepository],
  exports: [FilingService, DocumentsService, DocumentsRepository],
})
export class DocumentsModule {}
