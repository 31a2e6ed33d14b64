import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isIsoDate } from '../calendar/calendar-date';
import { AppClock, CLOCK } from '../clock/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError, type FieldError } from '../common/errors';
import { levelOf } from '../common/jurisdiction';
import { Transactions } from '../database/transactions';
import { normaliseHeader } from '../evidence/sample-headers';
import { readListFile } from '../proposals/list-file';
import { discardStaged, type StagedFile } from '../reports/upload-staging';
import { CreatePointDto } from './dto/create-point.dto';
import type { ListPointsQuery } from './dto/monitoring.query';
import { CROP_LABELS, CROPS, LANDS, MEDIA, monitoringReference, POINT_KINDS, type PointKind } from './monitoring-reference';
import { MonitoringRepository, type NewPoint, type PointRow } from './monitoring.repository';
import { toPointView, toWarningSummary } from './monitoring-view';
import { fieldErrors } from './validated';

const MAX_IMPORT_ROWS = 10000;
// Columns of the bulk import, in Chinese or English; 介质 is a list separated by ；;、 or |.
const IMPORT_HEADERS: Record<string, keyof CreatePointDto> = {
  code: 'code', 点位编码: 'code', name: 'name', 点位名称: 'name', kind: 'kind', 点位类型: 'kind', media: 'media', 监测介质: 'media',
  lon: 'lon', 经度: 'lon', lat: 'lat', 纬度: 'lat', land: 'land', 用地: 'land', crop: 'crop', 作物: 'crop',
  land_class: 'landClass', 用地类别: 'landClass', frequency_years: 'frequencyYears', 监测频次: 'frequencyYears',
  next_due_on: 'nextDueOn', 下次监测日期: 'nextDueOn', plot_id: 'plotId', 地块id: 'plotId', unit_id: 'unitId', 单位id: 'unitId',
};
const LABEL_CODES: Record<string, string> = {
  基础点位: 'basic', 风险点位: 'risk', 重点监管企业周边: 'keyUnitSurroundings', 管控区: 'controlZone', 饮用水水源地: 'waterSource',
  土壤: 'soil', 地下水: 'groundwater', 地表水: 'surfaceWater', 环境空气: 'air', 农用地: 'farmland', 建设用地: 'construction',
  水田: 'paddy', 果园: 'orchard', 其他: 'other', 第一类用地: '1', 第二类用地: '2',
};

// The bulk import names a bad row's column as its header reads, never a field's code.
const COLUMN_LABELS: Record<string, string> = {
  code: '点位编码', name: '点位名称', kind: '点位类型', media: '监测介质', lon: '经度', lat: '纬度', land: '用地', crop: '作物',
  landClass: '用地类别', frequencyYears: '监测频次', nextDueOn: '下次监测日期', plotId: '地块', unitId: '重点监管单位',
  responsibleOrganisationId: '责任单位',
};

/** The monitoring network's points (上政文〔2017〕147号 三（一）2): added one by one or in bulk by the district bureau. */
@Injectable()
export class PointsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly monitoring: MonitoringRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** 三（一）2 区环保局牵头: only a district environment bureau sets up points, in its own district; asked before any body. */
  assertMayManage(me: Principal): string {
    if (me.role !== 'eeb' || !me.jurisdictionCode || levelOf(me.jurisdictionCode) !== 'district') {
      throw new ForbiddenError('只有区（县）生态环境部门可以设置监测点位和上传监测结果');
    }
    return me.jurisdictionCode;
  }

  async create(me: Principal, body: unknown) {
    const jurisdiction = this.assertMayManage(me);
    const { value, errors } = await fieldErrors(CreatePointDto, body);
    if (errors.length) throw new ValidationFailedError(errors);
    const id = await this.transactions.run(async (em) => {
      const [point] = await this.prepare(em, me, jurisdiction, [{ dto: value, line: null }]);
      await this.monitoring.insertPoints(em, [point]);
      return point.id;
    });
    return this.get(me, id);
  }

  /** A CSV or .xlsx of points: every bad row is named with its line, and then nothing is written. */
  async import(me: Principal, file: StagedFile | undefined) {
    const jurisdiction = this.assertMayManage(me);
    try {
      if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少点位文件（CSV 或 Excel）' }]);
      const rows = await this.readImport(file.path);
      const created = await this.transactions.run(async (em) => {
        const points = await this.prepare(em, me, jurisdiction, rows);
        await this.monitoring.insertPoints(em, points);
        return points.length;
      });
      return { created };
    } finally {
      await discardStaged(file);
    }
  }

  config() {
    const ref = monitoringReference();
    return {
      kinds: POINT_KINDS.map((value) => ({ value, label: ref.pointKinds[value].label, frequencyYears: ref.pointKinds[value].frequencyYears, basis: ref.pointKinds[value].basis })),
      media: MEDIA.map((value) => ({ value, label: ref.media[value] })),
      lands: LANDS.map((value) => ({ value, label: ref.lands[value].label })),
      crops: CROPS.map((value) => ({ value, label: CROP_LABELS[value] })),
    };
  }

  async page(me: Principal, q: ListPointsQuery) {
    const bbox = q.bbox ? (q.bbox.split(',').map(Number) as [number, number, number, number]) : undefined;
    const today = this.clock.today();
    const { items, total } = await this.monitoring.page(me, { kind: q.kind, overdue: q.overdue, bbox, today, page: q.page, pageSize: q.pageSize });
    return { items: items.map((p) => toPointView(p, today)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(me: Principal, id: string) {
    const point = await this.visible(me, id);
    const results = await this.monitoring.series(point.id, null, 500);
    const byAnalyte = new Map<string, typeof results>();
    for (const r of results) byAnalyte.set(r.cas, [...(byAnalyte.get(r.cas) ?? []), r]);
    const warnings = await this.monitoring.warnings(me, { open: false, pointId: point.id, page: 1, pageSize: 50 });
    return {
      ...toPointView(point, this.clock.today()),
      history: [...byAnalyte.entries()].map(([cas, rows]) => ({ cas, analyte: rows[0].analyte, unit: rows[0].unit, results: rows })),
      warnings: warnings.items.map(toWarningSummary),
    };
  }

  /** One analyte's time series with its screening and intervention lines, oldest first. */
  async series(me: Principal, id: string, cas: string) {
    const point = await this.visible(me, id);
    const rows = await this.monitoring.series(point.id, cas, 200);
    return {
      pointId: point.id, pointCode: point.code, cas, analyte: rows[0]?.analyte ?? null, unit: rows[0]?.unit ?? null,
      points: rows.map((r) => ({
        sampledOn: r.sampledOn, campaign: r.campaignName, value: r.value, detected: r.detected, detectionLimit: r.detectionLimit,
        ph: r.ph, screeningValue: r.screeningValue, interventionValue: r.interventionValue, factor: r.factor,
      })),
    };
  }

  async visible(me: Principal, id: string): Promise<PointRow> {
    const point = await this.monitoring.findVisible(me, id);
    if (!point) throw new NotFoundError('监测点位不存在或无权查看');
    return point;
  }

  private async readImport(path: string): Promise<Array<{ dto: Record<string, unknown>; line: number }>> {
    const rows: Array<{ dto: Record<string, unknown>; line: number }> = [];
    let columns: Array<keyof CreatePointDto | undefined> | undefined;
    const errors: FieldError[] = [];
    const { fault } = await readListFile(path, (cells, line) => {
      if (!columns) {
        columns = cells.map((c) => IMPORT_HEADERS[normaliseHeader(c)]);
        const unknown = cells.filter((_, i) => !columns![i]);
        if (unknown.length) errors.push({ field: 'file', message: `第 1 行：不认识的列“${unknown.join('”“')}”` });
        return errors.length === 0;
      }
      if (rows.length >= MAX_IMPORT_ROWS) {
        errors.push({ field: 'file', message: `一次至多导入 ${MAX_IMPORT_ROWS} 个点位` });
        return false;
      }
      if (cells.some((c) => c.includes('\u0000'))) {
        errors.push({ field: 'file', message: `第 ${line} 行：含有不可见的控制字符（NUL）` });
        return errors.length < 200;
      }
      const dto: Record<string, unknown> = {};
      cells.forEach((cell, i) => {
        const key = columns![i];
        const text = cell.trim();
        if (!key || text === '') return;
        const code = (t: string) => LABEL_CODES[t] ?? t;
        if (key === 'media') dto.media = text.split(/[；;、|]/u).map((t) => code(t.trim()));
        else if (key === 'lon' || key === 'lat' || key === 'frequencyYears' || key === 'landClass') dto[key] = Number(code(text));
        else dto[key] = code(text);
      });
      rows.push({ dto, line });
      return true;
    });
    if (fault) errors.push({ field: 'file', message: `第 ${fault.line} 行：${fault.message}` });
    if (errors.length) throw new ValidationFailedError(errors);
    if (rows.length === 0) throw new ValidationFailedError([{ field: 'file', message: '文件中没有点位' }]);
    return rows;
  }

  /** Validates every row (its DTO, duplicate codes, what it watches, the responsible organisation) and names every bad one. */
  private async prepare(em: EntityManager, me: Principal, jurisdiction: string, rows: Array<{ dto: unknown; line: number | null }>): Promise<NewPoint[]> {
    const errors: FieldError[] = [];
    const at = (line: number | null, field: string, message: string) =>
      errors.push({ field: line === null ? field : 'file', message: line === null ? message : `第 ${line} 行（${COLUMN_LABELS[field] ?? '其他'}）：${message}` });
    const points: NewPoint[] = [];
    const seen = new Map<string, number | null>();
    for (const { dto, line } of rows) {
      const { value: d, errors: bad } = await fieldErrors(CreatePointDto, dto);
      for (const e of bad) at(line, e.field, e.message);
      if (bad.length) continue;
      if (seen.has(d.code)) at(line, 'code', `点位编码 ${d.code} 在文件中重复`);
      seen.set(d.code, line);
      if (d.nextDueOn && !isIsoDate(d.nextDueOn)) at(line, 'nextDueOn', `“${d.nextDueOn}”不是实际日期`);
      if (d.land === 'farmland' && !d.crop) at(line, 'crop', '农用地点位须注明水田、果园或其他（GB 15618-2018 表1）');
      if (d.land === 'construction' && !d.landClass) at(line, 'landClass', '建设用地点位须注明第一类或第二类用地（GB 36600-2018）');
      if (d.plotId && (await this.monitoring.plotJurisdiction(em, d.plotId)) !== jurisdiction) at(line, 'plotId', '所关联的地块不存在或不在本辖区');
      if (d.unitId && (await this.monitoring.unitJurisdiction(em, d.unitId)) !== jurisdiction) at(line, 'unitId', '所关联的重点监管单位不存在或不在本辖区');
      const responsible = d.responsibleOrganisationId ?? me.organisationId;
      if (d.responsibleOrganisationId && !(await this.monitoring.organisationKind(em, responsible))) at(line, 'responsibleOrganisationId', '责任单位不存在');
      const kind = d.kind as PointKind;
      points.push({
        id: randomUUID(), code: d.code, name: d.name, kind, media: d.media as NewPoint['media'], lon: d.lon, lat: d.lat,
        land: d.land as NewPoint['land'], crop: d.land === 'farmland' ? ((d.crop ?? null) as NewPoint['crop']) : null,
        landClass: d.land === 'construction' ? ((d.landClass ?? null) as 1 | 2 | null) : null, plotId: d.plotId ?? null, unitId: d.unitId ?? null,
        frequencyYears: d.frequencyYears ?? monitoringReference().pointKinds[kind].frequencyYears, responsibleOrganisationId: responsible,
        jurisdictionCode: jurisdiction, nextDueOn: d.nextDueOn ?? this.clock.today(), createdBy: me.userId,
      });
    }
    const taken = await this.monitoring.existingCodes(em, jurisdiction, [...seen.keys()]);
    for (const code of taken) {
      const line = seen.get(code) ?? null;
      if (line === null && rows.length === 1) throw new ConflictError(`本辖区已有编码为 ${code} 的监测点位`, { field: 'code' });
      at(line, 'code', `本辖区已有编码为 ${code} 的监测点位`);
    }
    if (errors.length) throw new ValidationFailedError(errors);
    return points;
  }
}
