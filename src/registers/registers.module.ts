import { Module } from '@nestjs/common';
import { PlotsModule } from '../plots/plots.module';
import { ScreeningModule } from '../screening/screening.module';
import { PublicController, RegistersController } from './registers.controller';
import { RegistersService } from './registers.service';

@Module({
  imports: [PlotsModule, ScreeningModule],
  controllers: [RegistersController, PublicController],
  providers: [RegistersService],
  exports: [RegistersService],
})
export class RegistersModule {}
