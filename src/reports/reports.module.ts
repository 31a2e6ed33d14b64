import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PlotsModule } from '../plots/plots.module';
import { ScreeningModule } from '../screening/screening.module';
import { BLOB_STORE, FileBlobStore } from './blob-store';
import { ReportsController } from './reports.controller';
import { ReportsRepositoryModule } from './reports-repository.module';
import { ReportsService } from './reports.service';
import { ReportUploadInterceptor } from './upload.interceptor';

@Module({
  imports: [PlotsModule, ScreeningModule, ReportsRepositoryModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportUploadInterceptor,
    { provide: BLOB_STORE, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FileBlobStore(join(c.dataDir, 'blobs')) },
  ],
  exports: [ReportsRepositoryModule, BLOB_STORE],
})
export class ReportsModule {}
