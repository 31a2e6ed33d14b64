import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { EngineModule } from '../engine/engine.module';
import { PlotsModule } from '../plots/plots.module';
import { DistrictBureauGuard } from './district-bureau.guard';
import { ListUploadInterceptor } from './list-upload.interceptor';
import { ProposalDecisionsService } from './proposal-decisions.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';

/** Sources of suspected plots (issue 18): the bureaus' lists, the proposals, the 生态环境 bureau's decisions. */
@Module({
  imports: [DatabaseModule, EngineModule, PlotsModule],
  controllers: [ProposalsController],
  providers: [ProposalsRepository, ProposalsService, ProposalDecisionsService, ListUploadInterceptor, DistrictBureauGuard],
  exports: [ProposalsRepository, ProposalsService],
})
export class ProposalsModule {}
