import type { EntityManager } from 'typeorm';
import { AppClock } from '../clock/clock';
import type { AppConfig } from '../config/app-config';
import type { DeadlineKind, SweptStatus } from './deadline-rules';
import { DeadlineSweep } from './deadline-sweep';
import type { DeadlinesRepository, DeadlineStatus, SweepCandidate } from './deadlines.repository';
import type { NewNotification, NotificationsRepository } from './notifications.repository';

const PLOT = { plotId: 'p1', code: 'SJ-2026-001', name: '原上街铝厂', jurisdictionCode: '410106', holderOrganisationId: 'holder-1' };

/** deadlines (and the listed plots the sweep opens annual reports for) in memory. */
class InMemoryDeadlines implements Pick<DeadlinesRepository, keyof DeadlinesRepository> {
  readonly rows: Array<SweepCandidate & { statusChangedAt?: Date }> = [];
  listedPlots: Array<typeof PLOT> = [];

  add(kind: DeadlineKind, dueDate: string, status: DeadlineStatus = 'open') {
    this.rows.push({ ...PLOT, id: `d${this.rows.length + 1}`, kind, dueDate, status, transportId: null });
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work({} as EntityManager);
  }

  async openAnnualReportsOfListed(_em: EntityManager, dueDate: string): Promise<number> {
    let opened = 0;
    for (const plot of this.listedPlots) {
      if (this.rows.some((d) => d.plotId === plot.plotId && d.kind === 'annual_progress_report' && d.dueDate === dueDate)) continue;
      this.add('annual_progress_report', dueDate);
      opened++;
    }
    return opened;
  }

  async lockDueBy(_em: EntityManager, today: string): Promise<SweepCandidate[]> {
    return this.rows.filter((d) => (d.status === 'open' || d.status === 'due') && d.dueDate <= today).map((d) => ({ ...d }));
  }

  async setStatuses(_em: EntityManager, changes: ReadonlyArray<{ id: string; status: SweptStatus }>, now: Date): Promise<void> {
    for (const c of changes) Object.assign(this.rows.find((d) => d.id === c.id)!, { status: c.status, statusChangedAt: now });
  }

  async closeAnnualReports(): Promise<number> {
    throw new Error('not used by the sweep');
  }
}

/** notifications in memory, unique per (deadline, status) as the table's constraint notifications_once. */
class InMemoryNotifications implements Pick<NotificationsRepository, 'recordOnce'> {
  readonly rows: NewNotification[] = [];

  async recordOnce(_em: EntityManager, n: NewNotification): Promise<boolean> {
    if (this.rows.some((r) => r.deadlineId === n.deadlineId && r.status === n.status)) return false;
    this.rows.push(n);
    return true;
  }
}

function setup() {
  const deadlines = new InMemoryDeadlines();
  const notifications = new InMemoryNotifications();
  const clock = new AppClock();
  let now = new Date('2026-03-01T02:00:00Z');
  clock.use({ now: () => now });
  const config = { deadlines: { monitoringIntervalMonths: 12, annualReportDue: '12-31' } } as AppConfig;
  const sweep = new DeadlineSweep(deadlines as unknown as DeadlinesRepository, notifications as unknown as NotificationsRepository, config, clock);
  return { deadlines, notifications, sweep, at: (iso: string) => (now = new Date(iso)) };
}

describe('deadline sweep (README, Deadlines)', () => {
  it('a deadline is due on its due date and overdue the day after, by the date in China Standard Time (UTC+8)', async () => {
    const { deadlines, sweep, at } = setup();
    deadlines.add('investigation_notice', '2026-03-20');
    at('2026-03-19T15:59:00Z'); // 23:59 on 03-19 in Beijing
    expect(await sweep.run()).toEqual({ today: '2026-03-19', opened: 0, changed: 0, notified: 0 });
    expect(deadlines.rows[0].status).toBe('open');
    at('2026-03-19T16:00:00Z'); // 00:00 on 03-20 in Beijing, still the 19th in UTC
    expect(await sweep.run()).toMatchObject({ today: '2026-03-20', changed: 1, notified: 1 });
    expect(deadlines.rows[0].status).toBe('due');
    at('2026-03-20T16:00:00Z');
    await sweep.run();
    expect(deadlines.rows[0].status).toBe('overdue');
  });

  it('one notification per deadline and status: sweeping again the same day records nothing, a deadline first seen late is only overdue', async () => {
    const { deadlines, notifications, sweep, at } = setup();
    deadlines.add('investigation_notice', '2026-03-20');
    deadlines.add('monitoring_report', '2026-03-10');
    at('2026-03-20T02:00:00Z');
    expect(await sweep.run()).toMatchObject({ changed: 2, notified: 2 });
    expect(await sweep.run()).toMatchObject({ changed: 0, notified: 0 });
    at('2026-03-23T02:00:00Z');
    await sweep.run();
    await sweep.run();
    expect(notifications.rows.map((n) => [n.deadlineId, n.status])).toEqual([
      ['d1', 'due'],
      ['d2', 'overdue'],
      ['d1', 'overdue'],
    ]);
  });

  it('a deadline already done is never notified, however late', async () => {
    const { deadlines, notifications, sweep, at } = setup();
    deadlines.add('investigation_notice', '2026-01-10', 'done');
    at('2026-03-20T02:00:00Z');
    expect(await sweep.run()).toMatchObject({ changed: 0, notified: 0 });
    expect(notifications.rows).toEqual([]);
  });

  it('the notification names the plot, the duty and its date in Chinese; the holder is told, except of the bureau’s own annual progress report', async () => {
    const { deadlines, notifications, sweep, at } = setup();
    deadlines.add('monitoring_report', '2026-03-19');
    deadlines.add('annual_progress_report', '2026-03-20');
    at('2026-03-20T02:00:00Z');
    await sweep.run();
    expect(notifications.rows).toEqual([
      expect.objectContaining({ status: 'overdue', holderOrganisationId: 'holder-1', message: 'SJ-2026-001 原上街铝厂：报送风险管控定期监测报告已逾期（期限 2026-03-19）' }),
      expect.objectContaining({ status: 'due', holderOrganisationId: null, message: 'SJ-2026-001 原上街铝厂：年度工作进展报告今日到期（期限 2026-03-20）' }),
    ]);
    expect(notifications.rows.every((n) => n.jurisdictionCode === '410106')).toBe(true);
  });

  it('every listed plot owes this year’s annual progress report (due 12-31): opened once, and due on 12-31 itself', async () => {
    const { deadlines, sweep, at } = setup();
    deadlines.listedPlots = [PLOT];
    at('2026-06-01T02:00:00Z');
    expect(await sweep.run()).toMatchObject({ opened: 1, changed: 0 });
    expect(await sweep.run()).toMatchObject({ opened: 0 });
    expect(deadlines.rows).toEqual([expect.objectContaining({ kind: 'annual_progress_report', dueDate: '2026-12-31', status: 'open' })]);
    at('2026-12-31T02:00:00Z');
    expect(await sweep.run()).toMatchObject({ opened: 0, changed: 1, notified: 1 });
    at('2027-01-01T02:00:00Z');
    expect(await sweep.run()).toMatchObject({ opened: 1, changed: 1 });
    expect(deadlines.rows.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-12-31', 'overdue'],
      ['2027-12-31', 'open'],
    ]);
  });
});
