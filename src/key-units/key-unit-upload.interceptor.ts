import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReportsService } from '../reports/reports.service';
import { UploadStaging } from '../reports/upload-staging';
import { pathUuid, ReportUploadInterceptor } from '../reports/upload.interceptor';
import { KeyUnitsService } from './key-units.service';

/** The report upload's admission and streaming (ReportUploadInterceptor) for a key unit's reports. */
@Injectable()
export class KeyUnitReportUploadInterceptor extends ReportUploadInterceptor {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    reports: ReportsService,
    staging: UploadStaging,
    private readonly units: KeyUnitsService,
  ) {
    super(config, reports, staging);
  }

  protected override async assertMayUpload(principal: Principal, req: Request): Promise<void> {
    await this.units.assertMayUploadTo(principal, pathUuid(req, 'id'));
  }
}
