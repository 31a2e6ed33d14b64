import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { KeyUnitsModule } from '../key-units/key-units.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { PlotsModule } from '../plots/plots.module';
import { PublicReportsModule } from '../public-reports/public-reports.module';
import { TransportsModule } from '../transports/transports.module';
import { DoneController } from './done.controller';
import { DoneRepository } from './done.repository';
import { DoneService } from './done.service';
import { MeController } from './me.controller';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** The signed-in caller's own views: who they are (GET /me), their to-do list, what they did (已办) and their notifications. */
@Module({
  imports: [DatabaseModule, DeadlinesModule, PlotsModule, TransportsModule, KeyUnitsModule, MonitoringModule, PublicReportsModule],
  controllers: [MeController, TasksController, NotificationsController, DoneController],
  providers: [TasksService, NotificationsService, DoneService, DoneRepository],
})
export class MeModule {}
