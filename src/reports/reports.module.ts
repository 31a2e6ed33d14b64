import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CreditRepositoryModule } from '../credit/credit-repository.module';
import { PlotsModule } from '../plots/plots.module';
import { ScreeningModule } from '../screening/screening.module';
import { BLOB_STORE } from './blob-store';
import { blobDirectory, createBlobStore } from './blob-store-config';
import { ReportsController } from './reports.controller';
import { ReportsRepositoryModule } from './reports-repository.module';
import { ReportsService } from './reports.service';
import { UploadStaging } from './upload-staging';
import { ReportUploadInterceptor } from './upload.interceptor';

@Module({
  imports: [PlotsModule, ScreeningModule, ReportsRepositoryModule, CreditRepositoryModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportUploadInterceptor,
    { provide: BLOB_STORE, inject: [APP_CONFIG, DataSource], useFactory: (c: AppConfig, ds: DataSource) => createBlobStore(c, ds) },
    // Inside the blob store's directory, so that an accepted upload moves into place by a rename.
    { provide: UploadStaging, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new UploadStaging(join(blobDirectory(c.dataDir), 'incoming')) },
  ],
  exports: [ReportsRepositoryModule, ReportsService, BLOB_STORE, UploadStaging],
})
export class ReportsModule implements OnApplicationBootstrap {
  constructor(private readonly staging: UploadStaging) {}

  // Uploads cut off by a crash or a restart leave staged files; a day later they are surely abandoned.
  async onApplicationBootstrap() {
    await this.staging.sweep();
  }
}
