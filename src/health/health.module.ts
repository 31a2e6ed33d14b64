import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '../database/database.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './health-indicators';

@Module({ imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), DatabaseModule, DeadlinesModule], controllers: [HealthController], providers: [ReadinessIndicators] })
export class HealthModule {}
