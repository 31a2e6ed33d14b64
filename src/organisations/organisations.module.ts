import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';

/** The directory: jurisdictions, organisations and users, and the read-only list the console's forms pick from. */
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class OrganisationsModule {}
