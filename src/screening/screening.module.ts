import { Module } from '@nestjs/common';
import { ScreeningRepository } from './screening.repository';
import { ScreeningService } from './screening.service';

@Module({ providers: [ScreeningRepository, ScreeningService], exports: [ScreeningService] })
export class ScreeningModule {}
