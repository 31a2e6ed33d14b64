import { Module } from '@nestjs/common';
import { DeadlineJobs } from './deadline-jobs';
import { DeadlineSweep } from './deadline-sweep';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { NotificationsRepository } from './notifications.repository';
import { UnitDeadlinesRepository } from './unit-deadlines.repository';

/** Deadlines and the job that watches them; the workflow adapters open and close deadlines through DeadlinesService. */
@Module({
  providers: [DeadlinesRepository, UnitDeadlinesRepository, NotificationsRepository, DeadlinesService, DeadlineSweep, DeadlineJobs],
  exports: [DeadlinesService, UnitDeadlinesRepository, NotificationsRepository, DeadlineSweep, DeadlineJobs],
})
export class DeadlinesModule {}
