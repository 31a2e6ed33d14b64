import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { NotificationsService } from './notifications.service';

/** What the deadline job recorded for the caller: its bureau's jurisdiction, or its own organisation as holder. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() me: Principal) {
    return this.notifications.list(me);
  }
}
