import { Global, Module } from '@nestjs/common';
import { DeadlineJobs } from './deadline-jobs';
import { DeadlineSweep } from './deadline-sweep';
import { DeadlinesService } from './deadlines.service';
import { NotificationsController } from './notifications.controller';

/** Deadlines and the job that watches them; global so that the workflow adapters can open and close deadlines. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [DeadlinesService, DeadlineSweep, DeadlineJobs],
  exports: [DeadlinesService, DeadlineSweep, DeadlineJobs],
})
export class DeadlinesModule {}
