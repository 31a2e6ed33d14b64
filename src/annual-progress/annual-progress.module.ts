import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportService } from './annual-report.service';

@Module({
  imports: [DocumentsModule],
  controllers: [AnnualReportController],
  providers: [AnnualReportService],
})
export class AnnualReportModule {}
