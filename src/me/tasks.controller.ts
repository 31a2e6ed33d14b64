import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** 待办: plots and transports where one of the caller's events is pending, overdue items first. */
  @Get()
  list(@CurrentUser() me: Principal) {
    return this.tasks.tasks(me);
  }
}
