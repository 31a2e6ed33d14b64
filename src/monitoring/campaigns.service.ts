import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { UnsupportedMediaTypeError, ValidationFailedError, type FieldError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { TransitionService } from '../engine/transition.service';
import { FilingService } from '../documents/filing.service';
import { checkPdfFile } from '../evidence/pdf-check-thread';
import { DirectoryRepository } from '../organisations/directory.repository';
import { discardStaged, type StagedFile } from '../reports/upload-staging';
import { ScreeningService } from '../screening/screening.service';
import { campaignFiling, type CampaignFacts, type ScreenedResult } from './campaign-filing';
import { addYears, monitoringReference } from './monitoring-reference';
import { strictlyRising } from './monitoring-screening';
import { screenResults } from './screen-results';
import { MonitoringRepository, type PointRow } from './monitoring.repository';
import { PointsService } from './points.service';
import { readResultsFile, type ResultLine } from './results-file';
import { WarningWorkflowAdapter } from './warning-workflow.adapter';

export interface CampaignInput {
  name?: string;
  year?: string;
  file?: StagedFile;
  samples?: StagedFile;
}

/**
 * A monitoring campaign (监测批次): its report PDF checked as reports are, its results screened per point, each point's
 * next due date advanced, warnings raised through the engine, and its report D19 issued — all in one transaction.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly monitoring: MonitoringRepository,
    private readonly points: PointsService,
    private readonly screening: ScreeningService,
    private readonly engine: TransitionService,
    private readonly warnings: WarningWorkflowAdapter,
    private readonly filings: FilingService,
    private readonly directory: DirectoryRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  async upload(me: Principal, input: CampaignInput) {
    const jurisdiction = this.points.assertMayManage(me);
    try {
      const { name, year } = this.header(input);
      const report = await this.checkReport(input.file);
      if (!input.samples) throw new ValidationFailedError([{ field: 'samples', message: '缺少监测结果文件（CSV 或 Excel）' }]);
      const { rows, errors } = await readResultsFile(input.samples.path);
      if (errors.length) throw new ValidationFailedError(errors);
      const out = await this.transactions.run((em) => this.record(em, me, jurisdiction, { name, year, report, rows }));
      this.engine.signals.emit('committed');
      return out;
    } finally {
      await discardStaged(input.file, input.samples);
    }
  }

  async page(me: Principal, q: { page: number; pageSize: number }) {
    const { items, total } = await this.monitoring.campaigns(me, q);
    return {
      items: items.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString(), document: c.documentId ? { id: c.documentId, number: c.documentNumber } : null })),
      total, page: q.page, pageSize: q.pageSize,
    };
  }

  private header(input: CampaignInput) {
    const errors: FieldError[] = [];
    const name = (input.name ?? '').trim();
    if (name.length < 2 || name.length > 200 || name.includes('\u0000')) errors.push({ field: 'name', message: '请填写监测批次名称（2 至 200 字）' });
    const year = Number(input.year);
    if (!Number.isInteger(year) || year < 2000 || year > Number(this.clock.today().slice(0, 4))) {
      errors.push({ field: 'year', message: '监测年度须为 2000 年至今年之间的整数' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
    return { name, year };
  }

  private async checkReport(file: StagedFile | undefined) {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少监测报告文件（PDF）' }]);
    const check = await checkPdfFile(file.path);
    if (!check.ok) throw new UnsupportedMediaTypeError(`监测报告文件不是可接收的 PDF：${check.reason}`, 'file');
    return { sha256: file.sha256, pages: check.pages };
  }

  private async record(em: EntityManager, me: Principal, jurisdiction: string, c: { name: string; year: number; report: { sha256: string; pages: number }; rows: ResultLine[] }) {
    const codes = [...new Set(c.rows.map((r) => r.pointCode))];
    const points = new Map((await this.monitoring.byCodes(em, jurisdiction, codes)).map((p) => [p.code, p]));
    const campaignId = randomUUID();
    const { results, errors } = screenResults(c.rows, points, campaignId, this.screening.analytes);
    if (errors.length) throw new ValidationFailedError(errors);
    await this.monitoring.insertCampaign(em, {
      id: campaignId, jurisdiction, year: c.year, name: c.name, sha256: c.report.sha256, pages: c.report.pages, fileName: null, count: results.length, uploadedBy: me.userId,
    });
    const ids = await this.monitoring.insertResults(em, results);
    const raised = await this.raiseWarnings(em, me, results, ids, points);
    const sampled = new Map<string, string>();
    for (const r of results) if (r.sampledOn > (sampled.get(r.pointId) ?? '')) sampled.set(r.pointId, r.sampledOn);
    const campaignPoints: CampaignFacts['points'] = [];
    for (const p of points.values()) {
      const last = sampled.get(p.id)!;
      const due = addYears(last, p.frequencyYears);
      await this.monitoring.setNextDue(em, p.id, due);
      campaignPoints.push({ point: p, sampledOn: last, nextDueOn: due > p.nextDueOn ? due : p.nextDueOn });
    }
    const document = await this.issueReport(em, me, {
      id: campaignId, name: c.name, year: c.year, report: c.report, points: campaignPoints, results, warnings: raised,
      jurisdiction: { code: jurisdiction, name: points.values().next().value?.jurisdictionName ?? jurisdiction }, acceptedAt: this.clock.now().toISOString(),
    });
    return { id: campaignId, name: c.name, year: c.year, results: results.length, points: points.size, warnings: raised.length, document };
  }

  /** D19: the campaign's report is a filing document, numbered by the bureau and stored with the campaign. */
  private async issueReport(em: EntityManager, me: Principal, facts: CampaignFacts) {
    const issuer = await this.directory.findOrganisation(me.organisationId, em);
    if (!issuer) throw new Error(`organisation ${me.organisationId} of the uploading officer not found`);
    const issued = await this.filings.issue(em, campaignFiling(me, issuer, facts));
    await this.monitoring.setCampaignDocument(em, facts.id, issued.id);
    return { id: issued.id, number: issued.number };
  }

  /**
   * reference/monitoring.json warningRules: per point and analyte of this campaign, a result above its screening value
   * raises a warning, else three rising campaigns do — unless the point and analyte have one open already.
   */
  private async raiseWarnings(em: EntityManager, me: Principal, results: ScreenedResult[], ids: string[], points: Map<string, PointRow>) {
    const ref = monitoringReference();
    const n = ref.warningRules.risingTrend.campaigns;
    const latest = new Map<string, number>();
    results.forEach((r, i) => {
      const key = `${r.pointId}|${r.cas}`;
      const j = latest.get(key);
      if (j === undefined || results[j].sampledOn <= r.sampledOn) latest.set(key, i);
    });
    const byId = new Map([...points.values()].map((p) => [p.id, p]));
    const raised: CampaignFacts['warnings'] = [];
    for (const i of latest.values()) {
      const r = results[i];
      if (!r.detected || (await this.monitoring.openWarningOf(em, r.pointId, r.cas))) continue;
      const history = await this.monitoring.latestOf(em, r.pointId, r.cas, Math.max(n, 10));
      const consecutive = history.findIndex((h) => !(h.factor !== null && h.factor > 1));
      const values = history.slice(0, n).map((h) => h.value).reverse();
      const above = r.factor !== null && r.factor > 1;
      if (!above && !strictlyRising(values, n)) continue;
      const view = async () => undefined;
      const point = byId.get(r.pointId)!;
      const rule = above ? 'aboveScreening' : 'risingTrend';
      await this.engine.startWithin(em, this.warnings, me, {
        point, cas: r.cas, analyte: r.analyte, rule, factor: r.factor,
        resultId: ids[i], risingValues: values, consecutiveExceedances: consecutive === -1 ? history.length : consecutive,
      }, view);
      raised.push({ pointCode: point.code, analyte: r.analyte, rule, factor: r.factor });
    }
    return raised;
  }
}
