import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createActor } from 'xstate';
import { CURRENT_VERSION, getMachine, persist, stateValueToPath, type RestoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { openDeadlinesOf } from '../deadlines/deadlines.repository';
import { validatePolygon } from '../evidence/geojson';
import { AuditRepository } from '../engine/audit.repository';
import { TransitionService } from '../engine/transition.service';
import { ScreeningService } from '../screening/screening.service';
import type { CreatePlotDto } from './dto/create-plot.dto';
import type { ListPlotsQuery } from './dto/list-plots.query';
import { plotFilings } from './plot-filings';
import { toPlotSummary, type PlotView } from './plot-view';
import { PlotWorkflowAdapter } from './plot-workflow.adapter';
import { PlotsRepository, type PlotRow } from './plots.repository';

const MACHINE = 'plot-lifecycle';

/** The plot registry: registration (D1), lists filtered by what the caller may see, and the plot as a client reads it. */
@Injectable()
export class PlotsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plots: PlotsRepository,
    private readonly adapter: PlotWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly audit: AuditRepository,
    private readonly screening: ScreeningService,
  ) {}

  async register(me: Principal, dto: CreatePlotDto): Promise<PlotView> {
    const boundary = this.checkBoundary(dto.boundary);
    const id = randomUUID();
    const result = await this.ds.transaction(async (em) => {
      await this.assertMayRegister(em, me, dto);
      const version = CURRENT_VERSION[MACHINE];
      const { machine } = getMachine(MACHINE, version);
      const input = {
        plotId: id,
        plannedLandClass: dto.plannedLandClass ?? 1,
        holderOrganisationId: dto.holderOrganisationId,
        jurisdiction: dto.jurisdiction,
      };
      const actor = createActor(machine, { input });
      const snapshot = actor.getSnapshot();
      const state = stateValueToPath(snapshot.value);
      await em.query(
        `INSERT INTO plots (id, code, name, address, jurisdiction_code, area_m2, boundary, former_industry, current_use,
           planned_use, planned_land_class, holder_organisation_id, machine_name, machine_version, state, snapshot, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [id, dto.code, dto.name, dto.address, dto.jurisdiction, dto.areaM2, boundary ? JSON.stringify(boundary) : null,
          dto.formerIndustry, dto.currentUse, dto.plannedUse, dto.plannedLandClass ?? 1, dto.holderOrganisationId,
          MACHINE, version, state, JSON.stringify(persist(machine, snapshot)), me.userId],
      );
      await this.audit.append(em, {
        entityType: 'plot', entityId: id, plotId: id, eventType: 'REGISTER',
        payload: { ...dto, plannedLandClass: dto.plannedLandClass ?? 1 },
        actorUserId: me.userId, actorName: me.displayName, role: me.role, organisationId: me.organisationId,
        organisationName: me.organisationName, fromState: null, toState: state, machineName: MACHINE, machineVersion: version,
      }, { seq: 0, hash: null }, plotFilings('REGISTER', '', state));
      return this.view(em, me, (await this.plots.findById(id, em))!);
    });
    this.engine.signals.emit('committed');
    return result;
  }

  async get(me: Principal, id: string): Promise<PlotView> {
    const row = await this.plots.findVisible(me, id, { withView: true });
    if (!row) throw new NotFoundError('地块不存在或无权查看');
    return this.view(this.ds.manager, me, row);
  }

  async list(me: Principal, q: ListPlotsQuery) {
    const { items, total } = await this.plots.list(me, q);
    return { items: items.map(toPlotSummary), total, page: q.page, pageSize: q.pageSize };
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

  async screeningOf(me: Principal, id: string) {
    const row = await this.plots.findVisible(me, id);
    if (!row) throw new NotFoundError('地块不存在或无权查看');
    return this.screening.screenPlot(row);
  }

  async view(em: EntityManager, me: Principal, row: PlotRow, restored?: RestoredSnapshot): Promise<PlotView> {
    const r = restored ?? this.engine.restore({ ...row, plotId: row.id });
    const workflowRow = { ...row, plotId: row.id };
    return {
      ...toPlotSummary(row),
      allowedEvents: await this.engine.allowedEvents(em, this.adapter, me, workflowRow, r),
      context: r.snapshot.context as Record<string, unknown>,
      commissions: row.commissions ?? (await this.plots.commissions(row.id, em)),
      deadlines: row.deadlines ?? (await openDeadlinesOf(em, row.id)),
    };
  }

  private checkBoundary(boundary: unknown) {
    if (boundary === undefined || boundary === null) return undefined;
    const check = validatePolygon(boundary, 'boundary');
    if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field: fieldOf(message), message })));
    return check.polygon;
  }

  private async assertMayRegister(em: EntityManager, me: Principal, dto: CreatePlotDto) {
    const [holder] = await em.query(`SELECT kind, disabled FROM organisations WHERE id = $1`, [dto.holderOrganisationId]);
    if (!holder || holder.kind !== 'holder' || holder.disabled) {
      throw new ValidationFailedError([{ field: 'holderOrganisationId', message: '土地使用权人机构不存在或不是土地使用权人' }]);
    }
    const [jurisdiction] = await em.query(`SELECT disabled FROM jurisdictions WHERE code = $1`, [dto.jurisdiction]);
    if (!jurisdiction || jurisdiction.disabled) {
      throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${dto.jurisdiction} 不存在` }]);
    }
    if (me.role === 'eeb' && me.jurisdictionCode === dto.jurisdiction) return;
    if (me.role === 'holder' && me.organisationId === dto.holderOrganisationId) return;
    if (me.role === 'eeb') throw new ForbiddenError('只能登记本辖区内的地块');
    if (me.role === 'holder') throw new ForbiddenError('土地使用权人只能登记本单位的地块');
    throw new ForbiddenError('只有生态环境局或土地使用权人可以登记地块');
  }
}

/** The field path a boundary message names, e.g. 'boundary.coordinates[0][3]'. */
function fieldOf(message: string): string {
  return /^(boundary[^\s：:]*)/.exec(message)?.[1] ?? 'boundary';
}
