import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { KeyUnitsRepositoryModule } from '../key-units/key-units-repository.module';
import { PlotsModule } from '../plots/plots.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { LandSupplyController } from './land-supply.controller';
import { LandSupplyService } from './land-supply.service';

/** 供地核查 for the 自然资源 bureau (issue 18), over the plots, the open proposals and the sites of key units. */
@Module({
  imports: [DatabaseModule, PlotsModule, ProposalsModule, KeyUnitsRepositoryModule],
  controllers: [LandSupplyController],
  providers: [LandSupplyService],
})
export class LandSupplyModule {}
