import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ForbiddenError } from '../common/errors';
import { ReportUploadInterceptor } from '../reports/upload.interceptor';

/** The report upload's admission and streaming (ReportUploadInterceptor) for a finding's decision document. */
@Injectable()
export class FindingUploadInterceptor extends ReportUploadInterceptor {
  protected override async assertMayUpload(principal: Principal): Promise<void> {
    if (principal.role !== 'eeb') throw new ForbiddenError('只有生态环境主管部门可以记录失信认定');
  }
}
