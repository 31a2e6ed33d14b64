import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import type { Step, StartPlan, WorkflowAdapter } from '../engine/workflow-entity';
import { PUBLIC_REPORT_EVENT_DTOS } from './dto/public-report-events.dto';
import { PUBLIC_PRINCIPAL } from './public-principal';
import { ProposalsRepository } from '../proposals/proposals.repository';
import { PublicReportsRepository, type PhotoRow, type PublicReportRow } from './public-reports.repository';

/** What the public form hands the engine for a report's start (RECEIVE). */
export interface PublicReportReceipt {
  receiptCode: string;
  jurisdictionCode: string;
  description: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  seenOn: string;
  contactName: string | null;
  contactPhone: string | null;
  photos: PhotoRow[];
}

/** How the transition engine reads and writes 12369 public reports (workflows/public-report/v1). */
@Injectable()
export class PublicReportWorkflowAdapter implements WorkflowAdapter<PublicReportRow, PublicReportReceipt> {
  readonly entityType = 'public_report' as const;
  readonly machineName = 'public-report' as const;
  readonly eventDtos = PUBLIC_REPORT_EVENT_DTOS;
  readonly notFoundMessage = '举报不存在或无权查看';
  readonly probes: Record<string, Record<string, unknown>> = { CLOSE: {} };

  constructor(
    private readonly reports: PublicReportsRepository,
    private readonly proposals: ProposalsRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  async prepareStart(em: EntityManager, _me: Principal, id: string, r: PublicReportReceipt): Promise<StartPlan> {
    const receivedOn = this.clock.today();
    return {
      plotId: null,
      input: { reportId: id, jurisdiction: r.jurisdictionCode, receivedOn },
      scopeFacts: { holderOrganisationId: '', jurisdiction: r.jurisdictionCode, assignedConsultants: [] },
      guardFacts: { jurisdictionKnown: await this.reports.districtExists(em, r.jurisdictionCode) },
      // 土壤法第八十四条: the reporter's identity stays out of the audit trail.
      payload: { jurisdiction: r.jurisdictionCode, seenOn: r.seenOn, located: r.lon !== null ? 'point' : 'address', photos: r.photos.map((p) => p.sha256) },
      insert: async (first) => {
        const { photos, ...fields } = r;
        await this.reports.insert(em, { id, ...fields, ...first });
        await this.reports.insertPhotos(em, id, photos);
      },
    };
  }

  load(em: EntityManager, me: Principal, id: string, lock: boolean) {
    // The public form's sender reads back only the report it has just started (TransitionService.startWithin).
    if (me === PUBLIC_PRINCIPAL) return this.reports.findById(em, id);
    return this.reports.findVisible(me, id, { em, lock });
  }

  async scopeFacts(_em: EntityManager, row: PublicReportRow) {
    return { holderOrganisationId: '', jurisdiction: row.jurisdictionCode, assignedConsultants: [] };
  }

  async enrich(em: EntityManager, row: PublicReportRow, type: string, payload: Record<string, unknown>) {
    const facts: Record<string, unknown> = { today: this.clock.today() };
    if (type === 'LINK') facts.linkFound = await this.reports.linkTargetIn(em, row.jurisdictionCode, payload.plotId, payload.unitId);
    return facts;
  }

  async afterTransition(em: EntityManager, row: PublicReportRow, event: Record<string, unknown>, _me: Principal, _step: Step) {
    if (event.type === 'LINK') await this.reports.setLink(em, row.id, (event.plotId as string) ?? null, (event.unitId as string) ?? null);
    // 土壤法第五十九条: the case's proposal waits on 疑似地块线索 with the others, the case named as its source (never the reporter).
    if (event.type === 'PROPOSE_SUSPECTED_PLOT') await this.proposals.insertFromCase(em, caseProposal(row, String(event.reason)));
  }

  filings() {
    return [];
  }
}

function caseProposal(row: PublicReportRow, reason: string) {
  const seen = [...row.description.trim()];
  const place = row.address ?? `经度 ${row.lon}，纬度 ${row.lat}（举报人标注的位置）`;
  return {
    id: randomUUID(),
    publicReportId: row.id,
    jurisdictionCode: row.jurisdictionCode,
    name: `公众举报线索：${seen.slice(0, 40).join('')}${seen.length > 40 ? '…' : ''}`,
    address: place,
    note: reason.trim(),
  };
}
