import { Module } from '@nestjs/common';
import { PlotsModule } from '../plots/plots.module';
import { TransportsModule } from '../transports/transports.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [PlotsModule, TransportsModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
