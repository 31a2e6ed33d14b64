import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { JurisdictionBoundariesRepository } from './jurisdiction-boundaries.repository';
import { JurisdictionBoundariesService } from './jurisdiction-boundaries.service';

/** Jurisdiction boundaries (一张图), for the map, the registration of plots and the boundary import. */
@Module({
  imports: [DatabaseModule, OrganisationsModule],
  providers: [JurisdictionBoundariesRepository, JurisdictionBoundariesService],
  exports: [JurisdictionBoundariesService],
})
export class JurisdictionBoundariesModule {}
