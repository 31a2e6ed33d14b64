import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [AdminController],
  providers: [AdminService],
})
export class AdminModule {}
