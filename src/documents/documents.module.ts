import { Module } from '@nestjs/common';
import { PlotsModule } from '../plots/plots.module';
import { ReportsModule } from '../reports/reports.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { FilingService } from './filing.service';

@Module({
  imports: [PlotsModule, ReportsModule],
  controllers: [DocumentsController],
  providers: [FilingService, DocumentsService, DocumentsRepository],
  exports: [FilingService, DocumentsService],
})
export class DocumentsModule {}
