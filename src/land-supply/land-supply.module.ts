import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { PlotsModule } from '../plots/plots.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { LandSupplyController } from './land-supply.controller';
import { LandSupplyService } from './land-supply.service';

/** 供地核查 for the 自然资源 bureau (issue 18), over the plots and the open proposals. */
@Module({
  imports: [DatabaseModule, PlotsModule, ProposalsModule],
  controllers: [LandSupplyController],
  providers: [LandSupplyService],
})
export class LandSupplyModule {}
