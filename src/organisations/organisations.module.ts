import { Module } from '@nestjs/common';
import { DirectoryRepository } from './directory.repository';

@Module({
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class OrganisationsModule {}
