import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RestoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { BoundaryOverlapError, NotFoundError, ValidationFailedError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { CalendarService } from '../calendar/calendar.service';
import { nearestDeadlineView, openDeadlinesOf, readDeadlines } from '../deadlines/deadlines.repository';
import { validatePolygon, type GeoJsonPolygon } from '../evidence/geojson';
import { JurisdictionBoundariesService } from '../map/jurisdiction-boundaries.service';
import { bboxOf, overlapAreaM2, OVERLAP_TOLERANCE_M2 } from '../map/plot-geometry';
import { TransitionService } from '../engine/transition.service';
import { ScreeningService } from '../screening/screening.service';
import type { CreatePlotDto } from './dto/create-plot.dto';
import type { ListPlotsQuery } from './dto/list-plots.query';
import { toPlotSummary, type PlotView } from './plot-view';
import { plotLifecycleStart, type Parties } from '../../workflows';
import { KeyUnitsRepository } from '../key-units/key-units.repository';
import { PlotWorkflowAdapter } from './plot-workflow.adapter';
import { PlotsRepository, type PlotRow } from './plots.repository';

/** The plot registry: registration (D1), lists filtered by what the caller may see, and the plot as a client reads it. */
@Injectable()
export class PlotsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly plots: PlotsRepository,
    private readonly adapter: PlotWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly screening: ScreeningService,
    @Optional() private readonly jurisdictions?: JurisdictionBoundariesService,
    @Optional() private readonly keyUnits?: KeyUnitsRepository,
    // Overdue is read from the due date and today (issue 22); unit tests without a clock read the stored status.
    @Optional() @Inject(CLOCK) private readonly clock?: AppClock,
    // A review's time left is told in working days, as on the supervisor's view.
    @Optional() private readonly calendars?: CalendarService,
  ) {}

  /** Registers a plot through the engine (policy, first snapshot, audit row REGISTER and D1); the boundary is checked first. */
  async register(me: Principal, dto: CreatePlotDto, version?: number): Promise<PlotView> {
    const boundary = this.checkBoundary(dto.boundary);
    // Inside the jurisdiction's uploaded boundary (issue 19), for a caller who may register at all.
    if (boundary && plotLifecycleStart.policy.roles.includes(me.role)) await this.jurisdictions?.refuseOutside(dto.jurisdiction, boundary);
    if (boundary && !dto.confirmOverlap) await this.refuseOverlaps(me, boundary);
    const view = (em: EntityManager, row: PlotRow, restored: RestoredSnapshot) => this.view(em, me, row, restored);
    return this.engine.start(this.adapter, me, { dto, boundary }, view, version) as Promise<PlotView>;
  }

  async get(me: Principal, id: string): Promise<PlotView> {
    const row = await this.plots.findVisible(me, id, { withView: true });
    if (!row) throw new NotFoundError('地块不存在或无权查看');
    return this.view(this.transactions.outside, me, row);
  }

  async list(me: Principal, q: ListPlotsQuery) {
    const today = this.clock?.today();
    const { items, total } = await this.plots.list(me, q, today);
    const calendar = today ? await this.calendars?.calendar() : undefined;
    return {
      items: items.map((r) => ({ ...toPlotSummary(r), nearestDeadline: nearestDeadlineView(r.nearestDeadline, today, calendar) })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Sends one event to a plot through the transition engine and answers with the plot as the caller now sees it. */
  sendEvent(me: Principal, id: string, body: unknown, idempotencyKey?: string): Promise<PlotView> {
    return this.engine.send(
      this.adapter,
      me,
      id,
      body,
      (em, row, restored) => this.view(em, me, row, restored),
      { idempotencyKey },
    ) as Promise<PlotView>;
  }

  /** Moves a plot to a later version of its workflow (administrator; audit row MIGRATE_VERSION). */
  migrate(me: Principal, id: string, toVersion: number): Promise<PlotView> {
    return this.engine.migrate(this.adapter, me, id, toVersion, (em, row, restored) => this.view(em, me, row, restored)) as Promise<PlotView>;
  }

  async screeningOf(me: Principal, id: string) {
    const row = await this.plots.findVisible(me, id);
    if (!row) throw new NotFoundError('地块不存在或无权查看');
    return this.screening.screenPlot(row);
  }

  async view(em: EntityManager, me: Principal, row: PlotRow, restored?: RestoredSnapshot): Promise<PlotView> {
    const r = restored ?? this.engine.restore({ ...row, plotId: row.id });
    const workflowRow = { ...row, plotId: row.id };
    const allowed = await this.engine.allowedEvents(em, this.adapter, me, workflowRow, r);
    return {
      ...toPlotSummary(row),
      allowedEvents: allowed.filter((type) =>
        this.adapter.offered(type, row.state, row.jurisdictionCode, r.snapshot.context as Record<string, unknown>)),
      decisions: await this.adapter.decisionSteps(em, row.state, row.jurisdictionCode, row.bureaus),
      context: r.snapshot.context as Record<string, unknown>,
      parties: await this.partiesOf(em, row, r.snapshot.context as Record<string, unknown>),
      commissions: row.commissions ?? (await this.plots.commissions(row.id, em)),
      deadlines: readDeadlines(row.deadlines ?? (await openDeadlinesOf(em, row.id)), this.clock),
      // The key unit whose closure registered this plot (issue 18), when there is one.
      sourceUnit: row.sourceUnit !== undefined ? row.sourceUnit : ((await this.keyUnits?.sourceOfPlot(row.id, em)) ?? null),
    };
  }

  /**
   * Who answers for the plot, by name (土壤法 arts. 45–47, 68): the former holders, the responsible party, and who
   * carries the holder's duties of the investigation and of control and remediation.
   */
  private async partiesOf(em: EntityManager, row: PlotRow, context: Record<string, unknown>) {
    const p = context.parties as Parties | undefined;
    if (!p) return undefined;
    const ids = [...p.formerHolders.map((h) => h.organisationId), p.responsible?.organisationId, p.investigationDuty, p.controlDuty]
      .filter((id): id is string => typeof id === 'string');
    // Most plots: the holder answers for everything, and its name is on the row already.
    const onlyHolder = ids.every((id) => id === row.holderOrganisationId);
    const names = onlyHolder ? new Map([[row.holderOrganisationId, row.holderOrganisationName]]) : await this.plots.organisationNames(em, ids);
    const named = (id: string | null | undefined) => (id ? { organisationId: id, name: names.get(id) ?? null } : null);
    return {
      formerHolders: p.formerHolders.map((h) => ({ ...h, name: names.get(h.organisationId) ?? null })),
      responsible: p.responsible ? { ...p.responsible, name: p.responsible.organisationId ? (names.get(p.responsible.organisationId) ?? null) : null } : null,
      investigationDuty: named(p.investigationDuty),
      controlDuty: named(p.controlDuty),
      controlBasis: p.controlBasis,
    };
  }

  /**
   * 一张图 (issue 19): a boundary that shares area with a registered plot's is refused, naming that plot, unless the
   * request confirms it (`confirmOverlap`, kept in the audit row's payload). Touching edges are not an overlap. A
   * plot the caller may not see is counted but not named. Callers the start policy refuses anyway are left to it.
   */
  private async refuseOverlaps(me: Principal, boundary: GeoJsonPolygon): Promise<void> {
    if (!plotLifecycleStart.policy.roles.includes(me.role)) return;
    const candidates = await this.plots.boundariesMeeting(this.transactions.outside, bboxOf(boundary), me);
    const overlaps = candidates
      .map((c) => ({ ...c, areaM2: overlapAreaM2(boundary, c.boundary) }))
      .filter((c) => c.areaM2 > OVERLAP_TOLERANCE_M2);
    if (overlaps.length === 0) return;
    const named = overlaps.map((o) => `${o.visible ? `地块 ${o.code}（${o.name}）` : '一个您无权查看的已登记地块'}重叠约 ${Math.round(o.areaM2)} 平方米`);
    throw new BoundaryOverlapError(
      `地块边界与${named.join('，与')}。请核实边界；确属同一片土地上需分别登记的，请确认重叠后重新提交`,
      overlaps.map((o) => (o.visible ? { id: o.id, code: o.code, name: o.name, areaM2: round(o.areaM2) } : { id: null, code: null, name: null, areaM2: round(o.areaM2) })),
    );
  }

  private checkBoundary(boundary: unknown) {
    if (boundary === undefined || boundary === null) return undefined;
    const check = validatePolygon(boundary, 'boundary');
    if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field: fieldOf(message), message })));
    return check.polygon;
  }
}

function round(m2: number): number {
  return Math.round(m2 * 10) / 10;
}

/** The field path a boundary message names, e.g. 'boundary.coordinates[0][3]'. */
function fieldOf(message: string): string {
  return /^(boundary[^\s：:]*)/.exec(message)?.[1] ?? 'boundary';
}
