import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DocumentsModule } from '../documents/documents.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { EngineModule } from '../engine/engine.module';
import { ReportsModule } from '../reports/reports.module';
import { ScreeningModule } from '../screening/screening.module';
import { CampaignsService } from './campaigns.service';
import { MonitoringTasks } from './monitoring-tasks';
import { MonitoringUploadInterceptor } from './monitoring-upload.interceptor';
import { MonitoringController } from './monitoring.controller';
import { MonitoringRepository } from './monitoring.repository';
import { PointsService } from './points.service';
import { WarningWorkflowAdapter } from './warning-workflow.adapter';
import { WarningsService } from './warnings.service';

/** 土壤环境监测网络与预警 (issue 20): points, campaigns and results, and the warnings' statechart on the engine. */
@Module({
  imports: [DatabaseModule, EngineModule, ReportsModule, ScreeningModule, DocumentsModule, OrganisationsModule],
  controllers: [MonitoringController],
  providers: [MonitoringRepository, PointsService, CampaignsService, WarningsService, WarningWorkflowAdapter, MonitoringUploadInterceptor, MonitoringTasks],
  exports: [MonitoringRepository, MonitoringTasks],
})
export class MonitoringModule {}
