import type { KeyUnitContext } from '../../workflows/key-unit/v1/context';
import { CLOSURE_REASON_LABELS, DUTY_LABELS, stateLabel } from '../../workflows/key-unit/v1/labels';
import { DEADLINE_LABELS, type DeadlineKind } from '../deadlines/deadline-rules';
import { industryName } from './key-unit-reference';
import type { KeyUnitRow } from './key-units.repository';

export interface DutyDeadlineView {
  kind: string;
  label: string;
  dueDate: string;
  status: string;
  overdue: boolean;
}

export interface KeyUnitView {
  id: string;
  creditCode: string;
  name: string;
  industry: string;
  industryName: string;
  organisationId: string;
  organisationName: string;
  jurisdiction: string;
  jurisdictionName: string;
  address: string;
  siteAreaM2: number | null;
  siteBoundary: unknown;
  listedOn: string;
  state: string;
  stateLabel: string;
  version: number;
  machine: { name: string; version: number };
  /** the plot the site became after the closure */
  sitePlotId: string | null;
  allowedEvents?: string[];
  /** by year ('2026'): each duty's filing, or null when not filed */
  dutiesByYear?: Record<string, DutyYearView>;
  deadlines?: DutyDeadlineView[];
  demolitions?: KeyUnitContext['demolitions'];
  violations?: KeyUnitContext['violations'];
  anomalies?: KeyUnitContext['anomalies'];
  closure?: (KeyUnitContext['closure'] & { reasonLabel: string }) | null;
  removal?: KeyUnitContext['removal'];
  createdAt: string;
  updatedAt: string;
}

export type DutyYearView = Record<'toxicDischarge' | 'hiddenDangerInspection' | 'selfMonitoring' | 'bureauMonitoring', { label: string; filed: boolean; reportId: string | null; filedOn: string | null; screeningVerdict: string | null }>;

export function toKeyUnitSummary(u: KeyUnitRow): KeyUnitView {
  return {
    id: u.id,
    creditCode: u.creditCode,
    name: u.name,
    industry: u.industry,
    industryName: industryName(u.industry),
    organisationId: u.organisationId,
    organisationName: u.organisationName,
    jurisdiction: u.jurisdictionCode,
    jurisdictionName: u.jurisdictionName,
    address: u.address,
    siteAreaM2: u.siteAreaM2 === null ? null : Number(u.siteAreaM2),
    siteBoundary: u.siteBoundary ?? null,
    listedOn: u.listedOn,
    state: u.state,
    stateLabel: stateLabel(u.state),
    version: u.version,
    machine: { name: u.machineName, version: u.machineVersion },
    sitePlotId: u.sitePlotId,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.updatedAt).toISOString(),
  };
}

/** The years' duties as the context records them, from the year of listing to this year (or the closure's). */
export function dutiesByYear(context: KeyUnitContext, today: string): Record<string, DutyYearView> {
  const out: Record<string, DutyYearView> = {};
  const last = Number((context.closure?.on ?? today).slice(0, 4));
  for (let y = Number(context.listedOn.slice(0, 4)); y <= last; y++) {
    const year = String(y);
    const filing = (f: { reportId: string; screeningVerdict: string | null } & ({ filedOn: string } | { recordedOn: string }) | undefined) => ({
      filed: f !== undefined,
      reportId: f?.reportId ?? null,
      filedOn: f ? ('filedOn' in f ? f.filedOn : f.recordedOn) : null,
      screeningVerdict: f?.screeningVerdict ?? null,
    });
    out[year] = {
      toxicDischarge: { label: DUTY_LABELS.toxicDischarge, ...filing(context.duties.toxicDischarge[year]) },
      hiddenDangerInspection: { label: DUTY_LABELS.hiddenDangerInspection, ...filing(context.duties.hiddenDangerInspection[year]) },
      selfMonitoring: { label: DUTY_LABELS.selfMonitoring, ...filing(context.duties.selfMonitoring[year]) },
      bureauMonitoring: { label: '生态环境部门周边土壤监测', ...filing(context.bureauMonitoring[year]) },
    };
  }
  return out;
}

export function closureView(context: KeyUnitContext) {
  return context.closure ? { ...context.closure, reasonLabel: CLOSURE_REASON_LABELS[context.closure.reason] } : null;
}

export function deadlineView(d: { kind: DeadlineKind; dueDate: string; status: string }, today: string): DutyDeadlineView {
  return { kind: d.kind, label: DEADLINE_LABELS[d.kind], dueDate: d.dueDate, status: d.status, overdue: d.status !== 'done' && d.dueDate < today };
}

/** The published list's entry (上政文〔2017〕147号 三（二）1): words only, no internal codes. */
export interface PublicKeyUnit {
  name: string;
  creditCode: string;
  industry: string;
  address: string;
  jurisdiction: string;
  state: string;
  listedOn: string;
  /** by year: the duties filed that year, in words */
  resultsByYear: Array<{ year: number; filed: string[]; selfMonitoringResult: string | null }>;
}

const VERDICT_WORDS: Record<string, string> = {
  below_screening: '未超过筛选值',
  above_screening: '超过筛选值，须进一步调查',
  above_intervention: '超过管制值',
};

export function toPublicKeyUnit(u: KeyUnitRow, today: string): PublicKeyUnit {
  const context = (u.snapshot as { context: KeyUnitContext }).context;
  const years = dutiesByYear(context, today);
  return {
    name: u.name,
    creditCode: u.creditCode,
    industry: industryName(u.industry),
    address: u.address,
    jurisdiction: u.jurisdictionName,
    state: stateLabel(u.state),
    listedOn: u.listedOn,
    resultsByYear: Object.entries(years).map(([year, duties]) => ({
      year: Number(year),
      // Only the monitoring is published (reference/key-unit-duties.json: public); the other reports stay with the bureau.
      filed: [duties.selfMonitoring, duties.bureauMonitoring].filter((d) => d.filed).map((d) => d.label),
      selfMonitoringResult: duties.selfMonitoring.screeningVerdict ? VERDICT_WORDS[duties.selfMonitoring.screeningVerdict] ?? null : null,
    })),
  };
}
