import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { NotificationsRepository, type NotificationAudience, type NotificationView } from '../deadlines/notifications.repository';

const LIMIT = 200;
/** The bell counts up to this many unread notifications (“99+” beyond). */
const UNREAD_CAP = 100;

/**
 * Whose deadline notifications a caller reads: a bureau those of its jurisdiction's subtree (a city's
 * bureau its districts', DESIGN §1.1), a holder its own organisation's, the admin all.
 */
export function audienceOf(me: Principal): NotificationAudience {
  if (me.role === 'admin') return { all: true };
  if (me.role === 'eeb' || me.role === 'land') return { jurisdictionSubtree: me.jurisdictionCode };
  if (me.role === 'holder') return { holderOrganisationId: me.organisationId };
  return { none: true };
}

/** What the deadline sweep recorded for the caller, and the 催办 and 督办 sent to it, newest first, with read marks. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(me: Principal): Promise<{ items: NotificationView[]; unread: number }> {
    const audience = audienceOf(me);
    const items = await this.notifications.list(audience, LIMIT, undefined, me.userId);
    const unread = await this.notifications.unreadCount(audience, me.userId, UNREAD_CAP);
    return { items, unread };
  }

  async unread(me: Principal): Promise<{ unread: number; cap: number }> {
    return { unread: await this.notifications.unreadCount(audienceOf(me), me.userId, UNREAD_CAP), cap: UNREAD_CAP };
  }

  async markRead(me: Principal, id: string): Promise<{ id: string; read: true }> {
    // A notification id is a bigint; anything else is no notification of the caller's.
    if (!/^[1-9][0-9]{0,17}$/.test(id) || !(await this.notifications.markRead(audienceOf(me), me.userId, id))) {
      throw new NotFoundError('通知不存在或无权查看');
    }
    return { id, read: true };
  }

  async markAllRead(me: Principal): Promise<{ unread: 0 }> {
    await this.notifications.markAllRead(me.userId);
    return { unread: 0 };
  }
}
