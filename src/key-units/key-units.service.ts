import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import type { EntityManager } from 'typeorm';
import type { RestoredSnapshot, Role } from '../../workflows';
import type { KeyUnitContext } from '../../workflows/key-unit/v1/context';
import { KEY_UNIT_REPORT_KINDS } from '../../workflows/key-unit/v1/events';
import { eventLabel, stateLabel } from '../../workflows/key-unit/v1/labels';
import { levelOf } from '../common/jurisdiction';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { DocumentsRepository } from '../documents/documents.repository';
import { toDocumentView } from '../documents/documents.service';
import { UnitDeadlinesRepository } from '../deadlines/unit-deadlines.repository';
import { AuditRepository } from '../engine/audit.repository';
import { TransitionService } from '../engine/transition.service';
import { validatePolygon } from '../evidence/geojson';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { ReportsService, type UnitUploadTarget, type UploadInput } from '../reports/reports.service';
import { CreateKeyUnitDto } from './dto/create-key-unit.dto';
import type { ListKeyUnitsQuery } from './dto/list-key-units.query';
import { KeyUnitWorkflowAdapter } from './key-unit-workflow.adapter';
import { closureView, deadlineView, dutiesByYear, toKeyUnitSummary, toPublicKeyUnit, type KeyUnitView } from './key-unit-view';
import { KeyUnitsRepository, type KeyUnitRow } from './key-units.repository';

const K = KEY_UNIT_REPORT_KINDS;

/** A body validated as the global ValidationPipe would (unknown fields refused, every bad field named in Chinese). */
async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailedError([{ field: 'body', message: '请求体必须是 JSON 对象' }]);
  }
  const instance = plainToInstance(cls, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailedError(flattenValidationErrors(errors));
  return instance;
}
/** The Chinese names of the unit's report kinds. */
export const UNIT_REPORT_KIND_LABELS: Readonly<Record<string, string>> = {
  [K.toxicDischarge]: '有毒有害物质排放情况年度报告',
  [K.hiddenDangerInspection]: '土壤污染隐患排查报告',
  [K.selfMonitoring]: '土壤和地下水自行监测报告',
  [K.bureauMonitoring]: '重点监管单位周边土壤监测报告',
  [K.demolitionPlan]: '拆除活动土壤污染防治工作方案',
};
const UNIT_KINDS = [K.toxicDischarge, K.hiddenDangerInspection, K.selfMonitoring, K.demolitionPlan];
const WITH_SAMPLES = [K.selfMonitoring, K.bureauMonitoring];

/** The list of key supervised units (重点监管单位名录): listing, reading, their reports and their events through the engine. */
@Injectable()
export class KeyUnitsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly units: KeyUnitsRepository,
    private readonly adapter: KeyUnitWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly audit: AuditRepository,
    private readonly reports: ReportsService,
    private readonly deadlines: UnitDeadlinesRepository,
    private readonly reportRows: ReportsRepository,
    private readonly documents: DocumentsRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /**
   * 列入名录 through the engine (policy: the district environment bureau; first audit row LIST). Asked before the body
   * is judged: a bureau above the district is refused (the list of a district's units is its own bureau's to keep).
   */
  assertMayList(me: Principal): void {
    if (me.role !== 'eeb' || !me.jurisdictionCode || levelOf(me.jurisdictionCode) !== 'district') {
      throw new ForbiddenError('只有单位所在区（县）的生态环境部门可以将单位列入重点监管单位名录');
    }
  }

  async list(me: Principal, body: unknown): Promise<KeyUnitView> {
    this.assertMayList(me);
    const dto = await validated(CreateKeyUnitDto, body);
    let boundary;
    if (dto.siteBoundary !== undefined) {
      const check = validatePolygon(dto.siteBoundary, 'siteBoundary');
      if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field: 'siteBoundary', message })));
      boundary = check.polygon;
    }
    const view = (em: EntityManager, row: KeyUnitRow, restored: RestoredSnapshot) => this.view(em, me, row, restored);
    return this.engine.start(this.adapter, me, { dto, boundary, jurisdiction: me.jurisdictionCode! }, view) as Promise<KeyUnitView>;
  }

  async page(me: Principal, q: ListKeyUnitsQuery) {
    const { items, total } = await this.units.list(me, q);
    return { items: items.map(toKeyUnitSummary), total, page: q.page, pageSize: q.pageSize };
  }

  async get(me: Principal, id: string): Promise<KeyUnitView> {
    const row = await this.units.findVisible(me, id);
    if (!row) throw new NotFoundError(this.adapter.notFoundMessage);
    return this.view(this.transactions.outside, me, row);
  }

  sendEvent(me: Principal, id: string, body: unknown, idempotencyKey?: string): Promise<KeyUnitView> {
    return this.engine.send(this.adapter, me, id, body, (em, row, restored) => this.view(em, me, row, restored), { idempotencyKey }) as Promise<KeyUnitView>;
  }

  async history(me: Principal, id: string) {
    if (!(await this.units.findVisible(me, id))) throw new NotFoundError(this.adapter.notFoundMessage);
    const rows = await this.audit.history('key_unit', id);
    return {
      items: rows.map((r) => ({
        seq: r.seq, type: r.eventType, typeLabel: eventLabel(r.eventType), actor: r.actorName, actorUserId: r.actorUserId,
        role: r.role, roleLabel: ROLE_LABELS[r.role as Role] ?? r.role, organisation: r.organisationName, organisationId: r.organisationId,
        from: r.fromState, to: r.toState, toLabel: stateLabel(r.toState), at: r.at, payload: r.payload,
        machine: { name: r.machineName, version: r.machineVersion }, hash: r.hash,
      })),
    };
  }

  /**
   * Who may upload a report for the unit, asked before any of the body is read: the unit's own users (its duties
   * and its demolition plan) and the environment bureau of its district (its monitoring around the unit).
   */
  async assertMayUploadTo(me: Principal, id: string): Promise<UnitUploadTarget> {
    const row = await this.units.findVisible(me, id);
    if (!row) throw new NotFoundError(this.adapter.notFoundMessage);
    const base = { unitId: row.id, jurisdictionCode: row.jurisdictionCode, kinds: UNIT_REPORT_KIND_LABELS, withSamples: WITH_SAMPLES };
    if (me.role === 'holder' && me.organisationId === row.organisationId) return { ...base, allowed: UNIT_KINDS };
    if (me.role === 'eeb' && me.jurisdictionCode === row.jurisdictionCode) return { ...base, allowed: [K.bureauMonitoring] };
    throw new ForbiddenError('只有本单位和所在地生态环境部门可以为重点监管单位上传报告');
  }

  async upload(me: Principal, id: string, input: UploadInput) {
    const target = await this.assertMayUploadTo(me, id);
    return this.reports.uploadForUnit(me, target, input);
  }

  async reportsOf(me: Principal, id: string) {
    await this.get(me, id);
    return { items: await this.reportsList(id) };
  }

  /** The unit's filing documents (D18 for each demolition plan filed). */
  async documentsOf(me: Principal, id: string) {
    if (!(await this.units.findVisible(me, id))) throw new NotFoundError(this.adapter.notFoundMessage);
    return (await this.documents.forUnit(id)).map(toDocumentView);
  }

  /** 上政文〔2017〕147号 三（二）1: the list of key supervised units, published. */
  async publicList(page: number, pageSize: number) {
    const { items, total } = await this.units.publicPage(page, pageSize);
    const today = this.clock.today();
    return { items: items.map((u) => toPublicKeyUnit(u, today)), total, page, pageSize };
  }

  async view(em: EntityManager, me: Principal, row: KeyUnitRow, restored?: RestoredSnapshot): Promise<KeyUnitView> {
    const r = restored ?? this.engine.restore(row);
    const context = r.snapshot.context as KeyUnitContext;
    const today = this.clock.today();
    return {
      ...toKeyUnitSummary(row),
      allowedEvents: await this.engine.allowedEvents(em, this.adapter, me, row, r),
      dutiesByYear: dutiesByYear(context, today),
      deadlines: (await this.deadlines.ofUnit(em, row.id)).map((d) => deadlineView(d, today)),
      demolitions: context.demolitions,
      violations: context.violations,
      anomalies: context.anomalies,
      closure: closureView(context),
      removal: context.removal,
    };
  }

  private async reportsList(id: string) {
    return (await this.reportRows.listForUnit(id)).map((r) => ({ ...r, kindLabel: UNIT_REPORT_KIND_LABELS[r.kind] ?? r.kind }));
  }
}
