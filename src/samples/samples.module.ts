import { Module } from '@nestjs/common';
import { PlotsModule } from '../plots/plots.module';
import { ScreeningModule } from '../screening/screening.module';
import { SamplePointsController } from './sample-points.controller';
import { SamplePointsRepository } from './sample-points.repository';
import { SamplePointsService } from './sample-points.service';
import { SamplesController } from './samples.controller';

/** What a laboratory needs to prepare a sample file (its template), and the plot map's sample locations. */
@Module({
  imports: [PlotsModule, ScreeningModule],
  controllers: [SamplesController, SamplePointsController],
  providers: [SamplePointsRepository, SamplePointsService],
})
export class SamplesModule {}
