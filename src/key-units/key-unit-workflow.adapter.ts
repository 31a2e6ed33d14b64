import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isIsoDate } from '../calendar/calendar-date';
import { countingWorkingDays } from '../calendar/calendar-errors';
import { CalendarService } from '../calendar/calendar.service';
import { AppClock, CLOCK } from '../clock/clock';
import { ValidationFailedError } from '../common/errors';
import { UnitDeadlinesRepository } from '../deadlines/unit-deadlines.repository';
import type { Step, StartPlan, WorkflowAdapter } from '../engine/workflow-entity';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { DirectoryRepository } from '../organisations/directory.repository';
import { ReportsRepository } from '../reports/reports.repository';
import type { CreateKeyUnitDto } from './dto/create-key-unit.dto';
import { KEY_UNIT_EVENT_DTOS } from './dto/key-unit-events.dto';
import { firstInspectionDue, nextInspectionDue, UNIT_DEADLINE_KIND, yearlyDeadlines, yearlyDueDate } from './key-unit-duties';
import { demolitionLeadWorkingDays } from './key-unit-reference';
import { KeyUnitSitePlot } from './key-unit-site-plot';
import { KeyUnitsRepository, type KeyUnitRow } from './key-units.repository';

export interface KeyUnitListing {
  dto: CreateKeyUnitDto;
  boundary: GeoJsonPolygon | undefined;
  /** the jurisdiction of the listing bureau: the unit's */
  jurisdiction: string;
}

const REPORT_EVENTS = new Set(['FILE_DUTY_REPORT', 'RECORD_BUREAU_MONITORING', 'FILE_DEMOLITION_PLAN']);

/** How the transition engine reads and writes key units (土壤污染重点监管单位, workflows/key-unit/v1). */
@Injectable()
export class KeyUnitWorkflowAdapter implements WorkflowAdapter<KeyUnitRow, KeyUnitListing> {
  readonly entityType = 'key_unit' as const;
  readonly machineName = 'key-unit' as const;
  readonly eventDtos = KEY_UNIT_EVENT_DTOS;
  readonly notFoundMessage = '重点监管单位不存在或无权查看';
  readonly probes: Record<string, Record<string, unknown>> = { START_DEMOLITION: {} };

  constructor(
    private readonly units: KeyUnitsRepository,
    private readonly reports: ReportsRepository,
    private readonly directory: DirectoryRepository,
    private readonly calendar: CalendarService,
    private readonly deadlines: UnitDeadlinesRepository,
    private readonly sitePlot: KeyUnitSitePlot,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  async prepareStart(em: EntityManager, me: Principal, id: string, { dto, boundary, jurisdiction }: KeyUnitListing): Promise<StartPlan> {
    if ((await this.directory.enabledOrganisationKind(dto.organisationId, em)) !== 'holder') {
      throw new ValidationFailedError([{ field: 'organisationId', message: '企业机构不存在，或不是企业（土地使用权人）类机构' }]);
    }
    const today = this.clock.today();
    const { organisationId, industry, listedOn } = dto;
    const site = { address: dto.address, boundary: boundary ?? null };
    return {
      plotId: null,
      input: { unitId: id, organisationId, jurisdiction, industry, site, listedOn },
      scopeFacts: { holderOrganisationId: organisationId, jurisdiction, assignedConsultants: [] },
      guardFacts: { listedOn, today },
      payload: { ...dto, jurisdiction },
      insert: async (first) => {
        await this.units.insert(em, {
          id, creditCode: dto.creditCode, name: dto.name, industry, organisationId, jurisdictionCode: jurisdiction,
          address: dto.address, siteAreaM2: dto.siteAreaM2 ?? null, siteBoundary: boundary ?? null, listedOn, ...first, createdBy: me.userId,
        });
        await this.deadlines.openUnitDeadlines(em, id, dutiesSinceListing(listedOn, today), this.clock.now());
      },
    };
  }

  load(em: EntityManager, me: Principal, id: string, lock: boolean) {
    return this.units.findVisible(me, id, { em, lock });
  }

  async scopeFacts(_em: EntityManager, row: KeyUnitRow) {
    return { holderOrganisationId: row.organisationId, jurisdiction: row.jurisdictionCode, assignedConsultants: [] };
  }

  /** Today in China for every event; the named report's facts; the demolition plan's lead time on the working-day calendar. */
  async enrich(em: EntityManager, _row: KeyUnitRow, type: string, payload: Record<string, unknown>) {
    const today = this.clock.today();
    const facts: Record<string, unknown> = { today };
    if (REPORT_EVENTS.has(type) && typeof payload.reportId === 'string') {
      facts.report = await this.reports.unitReportFacts(payload.reportId, em);
    }
    if (type === 'FILE_DEMOLITION_PLAN') {
      if (!isIsoDate(payload.plannedStart)) {
        throw new ValidationFailedError([{ field: 'plannedStart', message: `“${String(payload.plannedStart)}”不是实际日期` }]);
      }
      const calendar = await this.calendar.calendar(em);
      const workingDaysUntilStart = countingWorkingDays(() => calendar.workingDaysBetween(today, String(payload.plannedStart)));
      facts.leadTime = { workingDaysUntilStart, requiredWorkingDays: demolitionLeadWorkingDays() };
    }
    return facts;
  }

  /** A filed duty closes its deadline; a closure registers the site as a plot; a removal ends the unit's deadlines. */
  async afterTransition(em: EntityManager, row: KeyUnitRow, event: Record<string, unknown>, me: Principal, step: Step) {
    const now = this.clock.now();
    switch (event.type) {
      case 'FILE_DUTY_REPORT':
        return this.closeDuty(em, row, String(event.duty), Number(event.year), step.auditId);
      case 'RECORD_BUREAU_MONITORING':
        await this.deadlines.closeUnitDeadline(em, {
          unitId: row.id, kind: UNIT_DEADLINE_KIND.bureauMonitoring, dueDate: yearlyDueDate('bureauMonitoring', Number(event.year)), now, auditId: step.auditId,
        });
        return;
      case 'CLOSE':
        return this.sitePlot.register(em, me, row, event, step.auditId);
      case 'REMOVE':
        return this.deadlines.closeAllOfUnit(em, row.id, 'left_register', now, step.auditId);
    }
  }

  filings(type: string) {
    // D18 拆除活动土壤污染防治工作方案备案回执, addressed to the 生态环境 and 工业和信息化 bureaus (土壤法第二十二条第二款).
    return type === 'FILE_DEMOLITION_PLAN' ? [{ kind: 'D18' }] : [];
  }

  private async closeDuty(em: EntityManager, row: KeyUnitRow, duty: string, year: number, auditId: string) {
    const now = this.clock.now();
    if (duty === 'hiddenDangerInspection') {
      // The earliest open inspection is the one this report satisfies; the next falls due an interval later.
      const closed = await this.deadlines.closeUnitDeadline(em, { unitId: row.id, kind: UNIT_DEADLINE_KIND.hiddenDangerInspection, dueDate: null, now, auditId });
      if (closed) {
        await this.deadlines.openUnitDeadlines(em, row.id, [{ kind: UNIT_DEADLINE_KIND.hiddenDangerInspection, dueDate: nextInspectionDue(closed.dueDate) }], now, auditId);
      }
      return;
    }
    const d = duty as 'selfMonitoring' | 'toxicDischarge';
    await this.deadlines.closeUnitDeadline(em, { unitId: row.id, kind: UNIT_DEADLINE_KIND[d], dueDate: yearlyDueDate(d, year), now, auditId });
  }
}

/** The deadlines a unit owes from the year of its listing to this year, and its first hidden-danger inspection. */
export function dutiesSinceListing(listedOn: string, today: string) {
  const out = [{ kind: UNIT_DEADLINE_KIND.hiddenDangerInspection as string, dueDate: firstInspectionDue(listedOn) }];
  for (let y = Number(listedOn.slice(0, 4)); y <= Number(today.slice(0, 4)); y++) out.push(...yearlyDeadlines(y));
  return out as Array<{ kind: (typeof UNIT_DEADLINE_KIND)[keyof typeof UNIT_DEADLINE_KIND]; dueDate: string }>;
}
