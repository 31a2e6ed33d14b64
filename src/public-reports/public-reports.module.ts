import { Module } from '@nestjs/common';
import { LoginAttemptsRepository } from '../auth/login-attempts.repository';
import { DatabaseModule } from '../database/database.module';
import { EngineModule } from '../engine/engine.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReportsModule } from '../reports/reports.module';
import { PublicReportUploadInterceptor } from './public-report-upload.interceptor';
import { PublicReportTasks } from './public-report-tasks';
import { PublicReportThrottle } from './public-report-throttle';
import { PublicReportWorkflowAdapter } from './public-report-workflow.adapter';
import { PublicReportFormController, PublicReportsController } from './public-reports.controller';
import { PublicReportsRepository } from './public-reports.repository';
import { PublicReportsService } from './public-reports.service';

@Module({
  imports: [DatabaseModule, EngineModule, ReportsModule, ProposalsModule],
  controllers: [PublicReportFormController, PublicReportsController],
  providers: [PublicReportsRepository, PublicReportWorkflowAdapter, PublicReportsService, PublicReportThrottle, PublicReportUploadInterceptor, LoginAttemptsRepository, PublicReportTasks],
  exports: [PublicReportsRepository, PublicReportTasks],
})
export class PublicReportsModule {}
