import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RestoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import { BoundaryOverlapError, ConflictError, NotFoundError, ValidationFailedError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { TransitionService } from '../engine/transition.service';
import { validatePolygon, type GeoJsonPolygon } from '../evidence/geojson';
import type { CreatePlotDto } from '../plots/dto/create-plot.dto';
import type { PlotView } from '../plots/plot-view';
import { PlotWorkflowAdapter } from '../plots/plot-workflow.adapter';
import type { PlotRow } from '../plots/plots.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { PlotsService } from '../plots/plots.service';
import type { ConfirmProposalDto, DismissProposalDto } from './dto/decide-proposal.dto';
import { assertDistrictBureau } from './district-bureau.guard';
import { matchingPlots } from './plot-matching';
import { registrationReasonFor } from './proposal-reference';
import { STATUS_LABELS, toProposalResponse } from './proposal-view';
import { ProposalsRepository, type ProposalRow } from './proposals.repository';
import { ProposalsService } from './proposals.service';

/**
 * The district 生态环境 bureau's decision on a proposed suspected plot: confirmed, the plot is registered through the
 * engine (policy, first snapshot, audit row REGISTER naming the proposal, D1) in the same transaction as the
 * proposal's decision, so either both happen or neither; dismissed, with a reason, who and when.
 */
@Injectable()
export class ProposalDecisionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalsRepository,
    private readonly service: ProposalsService,
    private readonly engine: TransitionService,
    private readonly adapter: PlotWorkflowAdapter,
    private readonly plotsService: PlotsService,
    private readonly plots: PlotsRepository,
  ) {}

  async confirm(me: Principal, id: string, body: ConfirmProposalDto) {
    assertDistrictBureau(me);
    const boundary = this.boundaryOf(body.boundary);
    const { proposal, plot } = await this.transactions.run(async (em) => {
      const row = await this.openProposal(em, me, id);
      const plotBoundary = boundary ?? row.boundary;
      if (plotBoundary && !body.confirmOverlap) await this.refuseOverlaps(em, me, plotBoundary);
      await this.proposals.decide(em, id, { status: 'confirmed', by: me.userId, reason: null });
      const dto = this.plotRequest(row, body);
      const view = (vem: EntityManager, r: PlotRow, restored: RestoredSnapshot) => this.plotsService.view(vem, me, r, restored);
      const started = (await this.engine.startWithin(em, this.adapter, me, { dto, boundary: plotBoundary ?? undefined }, view)) as PlotView;
      await this.proposals.attachPlot(em, id, started.id);
      return { proposal: (await this.proposals.findVisible(me, id, { em }))!, plot: started };
    });
    this.engine.signals.emit('committed');
    return { proposal: toProposalResponse(this.service.ref, me, proposal), plot };
  }

  async dismiss(me: Principal, id: string, body: DismissProposalDto) {
    assertDistrictBureau(me);
    const reason = body.reason.trim();
    if ([...reason].length < 4) throw new ValidationFailedError([{ field: 'reason', message: '排除理由至少 4 个字' }]);
    const proposal = await this.transactions.run(async (em) => {
      await this.openProposal(em, me, id);
      await this.proposals.decide(em, id, { status: 'dismissed', by: me.userId, reason });
      return (await this.proposals.findVisible(me, id, { em }))!;
    });
    return toProposalResponse(this.service.ref, me, proposal);
  }

  /** The proposal, locked; one the caller may not see is unknown, one already decided cannot be decided again. */
  private async openProposal(em: EntityManager, me: Principal, id: string): Promise<ProposalRow> {
    const row = await this.proposals.findVisible(me, id, { em, lock: true });
    if (!row) throw new NotFoundError('疑似地块线索不存在或无权查看');
    if (row.status !== 'proposed') {
      throw new ConflictError(`该线索${STATUS_LABELS[row.status]}，不能再次确认或排除`, { status: row.status, statusLabel: STATUS_LABELS[row.status] });
    }
    return row;
  }

  /** POST /plots's request, with the list's district, the reason the proposal gives, and the proposal named. */
  private plotRequest(row: ProposalRow, body: ConfirmProposalDto): CreatePlotDto {
    const registrationReason = registrationReasonFor(this.service.ref, row.reason, row.keyUnit);
    const proposal = { id: row.id, listId: row.listId, line: row.line, source: row.source, reason: row.reason };
    const { boundary: _boundary, ...rest } = body;
    return { ...rest, address: body.address ?? row.address, jurisdiction: row.jurisdictionCode, registrationReason, proposal } as CreatePlotDto;
  }

  private boundaryOf(boundary: unknown): GeoJsonPolygon | undefined {
    if (boundary === undefined || boundary === null) return undefined;
    const check = validatePolygon(boundary, 'boundary');
    if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field: 'boundary', message })));
    return check.polygon;
  }

  /** 一张图 (issue 19), as POST /plots: a boundary sharing area with a registered plot is refused unless confirmed. */
  private async refuseOverlaps(em: EntityManager, me: Principal, boundary: GeoJsonPolygon): Promise<void> {
    const overlaps = (await matchingPlots(this.plots, em, me, { code: null, boundary })).filter((m) => m.by === 'boundary');
    if (overlaps.length === 0) return;
    const named = await Promise.all(overlaps.map(async (o) => ({ o, row: o.visible ? await this.plots.findById(o.id, em) : undefined })));
    const text = named.map(({ o, row }) => `${row ? `地块 ${row.code}（${row.name}）` : '一个您无权查看的已登记地块'}重叠约 ${Math.round(o.overlapM2 ?? 0)} 平方米`);
    throw new BoundaryOverlapError(
      `地块边界与${text.join('，与')}。请核实边界；确属同一片土地上需分别登记的，请确认重叠后重新提交`,
      named.map(({ o, row }) => ({ id: row ? o.id : null, code: row?.code ?? null, name: row?.name ?? null, areaM2: o.overlapM2 ?? 0 })),
    );
  }
}
