import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { NotificationsRepository, type NotificationAudience, type NotificationView } from '../deadlines/notifications.repository';

const LIMIT = 200;

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

/** What the deadline sweep recorded for the caller, newest first. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(me: Principal): Promise<{ items: NotificationView[] }> {
    return { items: await this.notifications.list(audienceOf(me), LIMIT) };
  }
}
