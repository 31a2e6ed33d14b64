import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { DocumentsModule } from '../documents/documents.module';
import { PlotsModule } from '../plots/plots.module';
import { ScreeningModule } from '../screening/screening.module';
import { PublicController, RegistersController } from './registers.controller';
import { RegistersRepository } from './registers.repository';
import { RegisterExportService } from './register-export';
import { RegistersService } from './registers.service';

@Module({
  imports: [PlotsModule, ScreeningModule, DocumentsModule, DecisionsModule],
  controllers: [RegistersController, PublicController],
  providers: [RegistersRepository, RegistersService, RegisterExportService],
  exports: [RegistersService],
})
export class RegistersModule {}
