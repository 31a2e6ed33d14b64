import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { UnsupportedMediaTypeError, ValidationFailedError, type FieldError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { TransitionService } from '../engine/transition.service';
import { checkPdfFile } from '../evidence/pdf-check-thread';
import { discardStaged, type StagedFile } from '../reports/upload-staging';
import { ScreeningService } from '../screening/screening.service';
import { farmlandAnalyte } from './farmland-analytes';
import { addYears, monitoringReference } from './monitoring-reference';
import { factorOf, limitsOf, strictlyRising } from './monitoring-screening';
import { MonitoringRepository, type NewResult, type PointRow } from './monitoring.repository';
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
 * next due date advanced, and warnings raised through the engine — all in one transaction.
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
    const { results, errors } = this.screen(c.rows, points, campaignId);
    if (errors.length) throw new ValidationFailedError(errors);
    await this.monitoring.insertCampaign(em, {
      id: campaignId, jurisdiction, year: c.year, name: c.name, sha256: c.report.sha256, pages: c.report.pages, fileName: null, count: results.length, uploadedBy: me.userId,
    });
    const ids = await this.monitoring.insertResults(em, results);
    const raised = await this.raiseWarnings(em, me, results, ids, points);
    for (const p of points.values()) {
      const last = results.filter((r) => r.pointId === p.id).reduce((m, r) => (r.sampledOn > m ? r.sampledOn : m), '');
      await this.monitoring.setNextDue(em, p.id, addYears(last, p.frequencyYears));
    }
    return { id: campaignId, name: c.name, year: c.year, results: results.length, points: points.size, warnings: raised };
  }

  /** Each row screened by its point's land; a row naming no point of the district, or no known analyte, is named. */
  private screen(rows: ResultLine[], points: Map<string, PointRow>, campaignId: string) {
    const errors: FieldError[] = [];
    const results: NewResult[] = [];
    const analytes = this.screening.analytes;
    for (const r of rows) {
      const point = points.get(r.pointCode);
      if (!point) { errors.push({ field: 'samples', message: `第 ${r.line} 行（点位编码）：本辖区没有编码为 ${r.pointCode} 的监测点位` }); continue; }
      const farmland = point.land === 'farmland' && r.medium === 'soil';
      const item = farmland ? farmlandAnalyte(r.analyte) ?? analytes.find(r.analyte, 'soil') : analytes.find(r.analyte, r.medium);
      if (!item) { errors.push({ field: 'samples', message: `第 ${r.line} 行（检测项目）：不认识的检测项目“${r.analyte}”` }); continue; }
      if (farmland && r.ph === null) { errors.push({ field: 'samples', message: `第 ${r.line} 行（pH）：农用地土壤结果须填写 pH，以按 GB 15618-2018 表1 的 pH 分档筛选` }); continue; }
      const land = r.medium === 'groundwater' ? { ...point, land: 'groundwater' as const } : point;
      const l = limitsOf(land, item.cas, r.ph, analytes);
      const name = 'nameZh' in item ? item.nameZh : item.name;
      results.push({
        campaignId, pointId: point.id, sampledOn: r.sampledOn, medium: r.medium, cas: item.cas, analyte: name, value: r.value, unit: r.unit,
        detected: r.detected, detectionLimit: r.detectionLimit, ph: r.ph, screeningValue: l.screening, interventionValue: l.intervention,
        factor: r.detected ? factorOf(r.value, l.screening) : null,
      });
    }
    return { results, errors };
  }

  /**
   * reference/monitoring.json warningRules: per point and analyte of this campaign, a result above its screening value
   * raises a warning, else three rising campaigns do — unless the point and analyte have one open already.
   */
  private async raiseWarnings(em: EntityManager, me: Principal, results: NewResult[], ids: string[], points: Map<string, PointRow>) {
    const ref = monitoringReference();
    const n = ref.warningRules.risingTrend.campaigns;
    const latest = new Map<string, number>();
    results.forEach((r, i) => {
      const key = `${r.pointId}|${r.cas}`;
      const j = latest.get(key);
      if (j === undefined || results[j].sampledOn <= r.sampledOn) latest.set(key, i);
    });
    const byId = new Map([...points.values()].map((p) => [p.id, p]));
    let raised = 0;
    for (const i of latest.values()) {
      const r = results[i];
      if (!r.detected || (await this.monitoring.openWarningOf(em, r.pointId, r.cas))) continue;
      const history = await this.monitoring.latestOf(em, r.pointId, r.cas, Math.max(n, 10));
      const consecutive = history.findIndex((h) => !(h.factor !== null && h.factor > 1));
      const values = history.slice(0, n).map((h) => h.value).reverse();
      const above = r.factor !== null && r.factor > 1;
      if (!above && !strictlyRising(values, n)) continue;
      const view = async () => undefined;
      await this.engine.startWithin(em, this.warnings, me, {
        point: byId.get(r.pointId)!, cas: r.cas, analyte: r.analyte, rule: above ? 'aboveScreening' : 'risingTrend', factor: r.factor,
        resultId: ids[i], risingValues: values, consecutiveExceedances: consecutive === -1 ? history.length : consecutive,
      }, view);
      raised++;
    }
    return raised;
  }
}
