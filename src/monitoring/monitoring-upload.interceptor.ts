import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReportsService } from '../reports/reports.service';
import { UploadStaging } from '../reports/upload-staging';
import { ReportUploadInterceptor } from '../reports/upload.interceptor';
import { PointsService } from './points.service';

/**
 * The report upload's admission and streaming (ReportUploadInterceptor) for a campaign (file: report PDF, samples:
 * results CSV) and a bulk point import (file: CSV): only a district environment bureau, asked before the body is read.
 */
@Injectable()
export class MonitoringUploadInterceptor extends ReportUploadInterceptor {
  constructor(@Inject(APP_CONFIG) config: AppConfig, reports: ReportsService, staging: UploadStaging, private readonly points: PointsService) {
    super(config, reports, staging);
  }

  protected override async assertMayUpload(principal: Principal): Promise<void> {
    this.points.assertMayManage(principal);
  }
}
