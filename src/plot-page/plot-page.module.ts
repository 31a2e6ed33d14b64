import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PlotsModule } from '../plots/plots.module';
import { ReportsModule } from '../reports/reports.module';
import { TransportsModule } from '../transports/transports.module';
import { PlotPageController } from './plot-page.controller';
import { PlotPageService } from './plot-page.service';

/** The console plot page's combined read, over the plots, reports, documents and transports modules' services. */
@Module({
  imports: [PlotsModule, ReportsModule, DocumentsModule, TransportsModule],
  controllers: [PlotPageController],
  providers: [PlotPageService],
})
export class PlotPageModule {}
