import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { NotificationsService } from './notifications.service';

/** What the deadline job recorded for the caller (its bureau's jurisdiction, or its own organisation as holder), and the urges sent to it. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() me: Principal) {
    return this.notifications.list(me);
  }

  /** The bell's count alone. */
  @Get('unread')
  unread(@CurrentUser() me: Principal) {
    return this.notifications.unread(me);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() me: Principal) {
    return this.notifications.markAllRead(me);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.notifications.markRead(me, id);
  }
}
