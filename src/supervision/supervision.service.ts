import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import type { WorkingDayCalendar } from '../calendar/working-days';
import { AppClock, CLOCK } from '../clock/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { DEADLINE_LABELS } from '../deadlines/deadline-rules';
import { NotificationsRepository } from '../deadlines/notifications.repository';
import { AuditRepository } from '../engine/audit.repository';
import { validated } from '../monitoring/validated';
import { ListDutiesQuery, UrgeDutyDto } from './dto/supervision.dto';
import { daysLeftOf } from './days-left';
import { bandOf, kindsOwedBy, PARTY_LABELS, partyOf, STAGE_LABELS, SUPERVISION, type UrgeKind } from './supervision-reference';
import { SupervisionRepository, type DutyRow } from './supervision.repository';
import { urgeRefusal } from './urge-rules';

const URGE_KINDS: Record<string, UrgeKind> = { 催办: 'urge', 督办: 'supervise' };
const URGE_EVENTS: Record<UrgeKind, string> = { urge: 'URGE_DUTY', supervise: 'SUPERVISE_DUTY' };

/**
 * A duty as the supervisor reads it: what is owed, by whom, and how many days are left (negative: overdue) — in
 * working days where the deadline is set in working days (daysText says which).
 */
export function toDutyView(r: DutyRow, today: string, calendar?: WorkingDayCalendar) {
  const left = daysLeftOf(r.kind, r.dueDate, today, calendar);
  const party = partyOf(r.kind);
  return {
    id: r.id,
    kind: r.kind,
    label: DEADLINE_LABELS[r.kind],
    dueDate: r.dueDate,
    ...left,
    band: bandOf(left.daysLeft),
    plotId: r.plotId,
    transportId: r.transportId,
    unitId: r.unitId,
    code: r.code,
    name: r.name,
    stage: r.stage,
    stageLabel: STAGE_LABELS[r.stage] ?? '其他',
    jurisdictionCode: r.jurisdictionCode,
    party,
    partyLabel: PARTY_LABELS[party],
    partyName: party === 'bureau' ? `${r.jurisdictionName}主管部门` : r.holderName,
    lastUrgedOn: r.lastUrgedOn,
  };
}

/**
 * The supervisor's view (issue 22 point 3): every open duty in a bureau's jurisdiction subtree, its figures, and
 * 催办/督办 — a notification to the party that owes the duty and an audit row on the plot's or unit's chain.
 * Overdue is read from the due date and today's clock, never from the sweep's flag.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly repo: SupervisionRepository,
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditRepository,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  async duties(me: Principal, q: ListDutiesQuery) {
    const today = this.clock.today();
    const calendar = await this.calendars.calendar();
    const rows = await this.repo.page(me, {
      today,
      stage: q.stage,
      kinds: q.party ? kindsOwedBy(q.party) : undefined,
      overdue: q.overdue,
      daysLeftMax: q.daysLeft,
      limit: q.pageSize + 1,
      offset: (q.page - 1) * q.pageSize,
    });
    return {
      today,
      page: q.page,
      pageSize: q.pageSize,
      hasMore: rows.length > q.pageSize,
      items: rows.slice(0, q.pageSize).map((r) => toDutyView(r, today, calendar)),
    };
  }

  async figures(me: Principal) {
    const today = this.clock.today();
    const counts = await this.repo.counts(me, today);
    const stages = new Map<string, { stage: string; label: string; open: number; overdue: number }>();
    const bands = new Map(SUPERVISION.bands.map((b) => [b.key, { key: b.key, label: b.label, count: 0 }]));
    const parties = new Map(Object.entries(PARTY_LABELS).map(([key, label]) => [key, { key, label, open: 0, overdue: 0 }]));
    for (const c of counts) {
      const s = stages.get(c.stage) ?? { stage: c.stage, label: STAGE_LABELS[c.stage] ?? '其他', open: 0, overdue: 0 };
      s.open += c.count;
      if (c.daysLeft < 0) s.overdue += c.count;
      stages.set(c.stage, s);
      bands.get(bandOf(c.daysLeft))!.count += c.count;
      const p = parties.get(partyOf(c.kind))!;
      p.open += c.count;
      if (c.daysLeft < 0) p.overdue += c.count;
    }
    const byStage = Object.keys(STAGE_LABELS).map((k) => stages.get(k)).filter((s) => s !== undefined);
    return {
      today,
      open: byStage.reduce((n, s) => n + s.open, 0),
      overdue: byStage.reduce((n, s) => n + s.overdue, 0),
      byStage,
      byBand: [...bands.values()],
      byParty: [...parties.values()],
    };
  }

  async urge(me: Principal, id: string, body: unknown) {
    const today = this.clock.today();
    // Read before the transaction: the embedded database has one connection.
    const calendar = await this.calendars.calendar();
    return this.repo.transaction(async (em) => {
      // Scope before the body: a duty outside the caller's jurisdiction is unknown to it.
      const duty = await this.repo.lockVisible(em, me, id);
      if (!duty) throw new NotFoundError('期限不存在或不在本部门管辖范围内');
      const dto = await validated(UrgeDutyDto, body);
      if ((duty as DutyRow & { status: string }).status === 'done') throw new ConflictError('该期限已办结，无需催办');
      const kind = URGE_KINDS[dto.kind];
      const view = toDutyView(duty, today, calendar);
      const refusal = urgeRefusal(me, { party: view.party, jurisdictionCode: duty.jurisdictionCode, daysLeft: view.daysLeft }, kind);
      if (refusal) throw new ConflictError(refusal);
      const message = dto.message.trim();
      const recorded = await this.notifications.recordUrge(em, {
        deadlineId: duty.id,
        status: kind,
        plotId: duty.plotId,
        transportId: duty.transportId,
        unitId: duty.unitId,
        jurisdictionCode: duty.jurisdictionCode,
        holderOrganisationId: view.party === 'bureau' ? null : duty.holderOrganisationId,
        toParty: view.party,
        senderUserId: me.userId,
        senderName: `${me.organisationName} ${me.displayName}`,
        urgedOn: today,
        message: urgeText(dto.kind, view, me.organisationName, message),
      });
      if (!recorded) throw new ConflictError('该期限今日已催办或督办，每个期限每日至多一次，请明日再办');
      const owner = await this.repo.lockOwner(em, duty);
      await this.audit.append(em, {
        entityType: duty.plotId ? 'plot' : 'key_unit',
        entityId: (duty.plotId ?? duty.unitId)!,
        plotId: duty.plotId,
        eventType: URGE_EVENTS[kind],
        payload: { deadlineId: duty.id, kind: duty.kind, dueDate: duty.dueDate, party: view.party, note: message },
        actorUserId: me.userId,
        actorName: me.displayName,
        role: me.role,
        organisationId: me.organisationId,
        organisationName: me.organisationName,
        fromState: owner.state,
        toState: owner.state,
        machineName: owner.machineName,
        machineVersion: owner.machineVersion,
      }, { seq: owner.seq, hash: owner.hash });
      return { ...view, lastUrgedOn: today, urged: { kind: dto.kind, on: today, to: view.partyName } };
    });
  }
}

function urgeText(kind: string, d: ReturnType<typeof toDutyView>, sender: string, message: string): string {
  return `【${kind}】${d.code} ${d.name}：${d.label}（期限 ${d.dueDate}，${d.daysText}）。${sender}：${message}`;
}
