import type { Principal } from '../auth/principal';
import { jurisdictionCovers } from '../common/jurisdiction';
import type { NotificationAudience, NotificationsRepository, NotificationView } from '../deadlines/notifications.repository';
import { NotificationsService } from './notifications.service';

type Row = Pick<NotificationView, 'id' | 'message'> & { jurisdictionCode: string; holderOrganisationId: string | null };

const ROWS: Row[] = [
  { id: '1', message: '上街 监测报告已逾期', jurisdictionCode: '410106', holderOrganisationId: 'org-h1' },
  { id: '2', message: '上街 年度工作进展报告今日到期', jurisdictionCode: '410106', holderOrganisationId: null },
  { id: '3', message: '荥阳 调查今日到期', jurisdictionCode: '410182', holderOrganisationId: 'org-h2' },
];

/** notifications in memory, read as the repository's WHERE reads them. */
const repository = {
  list: async (audience: NotificationAudience, limit: number) =>
    ROWS.filter((n) => {
      if ('all' in audience) return true;
      if ('jurisdictionSubtree' in audience) return jurisdictionCovers(audience.jurisdictionSubtree, n.jurisdictionCode);
      if ('holderOrganisationId' in audience) return n.holderOrganisationId === audience.holderOrganisationId;
      return false;
    }).slice(0, limit),
  unreadCount: async () => 0,
};

const service = new NotificationsService(repository as unknown as NotificationsRepository);
const as = (role: Principal['role'], jurisdictionCode: string | null, organisationId = `org-${role}`) =>
  ({ userId: `u-${role}`, role, jurisdictionCode, organisationId }) as Principal;

describe('GET /me/notifications (README: one notification per deadline and status, for the plot’s bureau and the holder)', () => {
  it.each([
    ['an environment bureau reads its jurisdiction’s', as('eeb', '410106'), ['1', '2']],
    ['a natural-resources bureau reads its jurisdiction’s', as('land', '410182'), ['3']],
    ['a city’s bureau reads those of the districts below it (DESIGN §1.1)', as('eeb', '410100'), ['1', '2', '3']],
    ['a province’s bureau reads those of its whole province (DESIGN §1.1)', as('land', '410000'), ['1', '2', '3']],
    ['another city’s bureau reads none of them', as('eeb', '410200'), []],
    ['a bureau without a jurisdiction reads none', as('eeb', null), []],
    ['a holder reads its own organisation’s, never the bureau’s annual progress report', as('holder', null, 'org-h1'), ['1']],
    ['the administrator reads every one', as('admin', null), ['1', '2', '3']],
    ['a consultant reads none', as('consultant', null), []],
  ])('%s', async (_who, me, ids) => {
    const { items } = await service.list(me);
    expect(items.map((n) => n.id)).toEqual(ids);
  });
});
