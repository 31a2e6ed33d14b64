import { readTextFile, referencePath } from '../reference/reference-files';
import { REPORT_KIND_LABELS } from '../reports/dto/conclusions.dto';
import { firstPassRate, type CreditReturn, type RoundFigures } from './credit-figures';
import type { TallyCounts } from './credit-tally';
import { zeroCounts } from './credit-tally';
import type { FindingRow, FirmRow } from './credit.repository';

interface CreditReference {
  findingLabels: Record<FindingRow['finding'], string>;
  falseReport: { basis: string };
}

// reference/credit.json: the finding labels and their basis (土壤法第九十条).
const REFERENCE: CreditReference = JSON.parse(readTextFile(referencePath('credit.json')));

export interface FindingView {
  id: string;
  finding: FindingRow['finding'];
  findingLabel: string;
  summary: string;
  plotId: string | null;
  decisionNumber: string;
  decisionDate: string;
  issuerName: string;
  penaltyYuan: string | null;
  ban: { startsOn: string; endsOn: string; inForce: boolean } | null;
}

/** A firm's (or a signatory's) figures as the tally tables keep them. */
export interface StoredFigures extends RoundFigures {
  submittedByKindLabels: Record<string, string>;
  returnCount: number;
}

export function storedFigures(counts: TallyCounts | undefined, byKind: Record<string, number>): StoredFigures {
  const c = counts ?? zeroCounts();
  return {
    submittedByKind: byKind,
    submittedByKindLabels: Object.fromEntries(Object.keys(byKind).map((k) => [k, REPORT_KIND_LABELS[k as keyof typeof REPORT_KIND_LABELS] ?? '报告'])),
    submitted: c.submitted,
    resubmissions: c.resubmissions,
    decided: c.decided,
    approved: c.approved,
    firstPassApproved: c.firstPassApproved,
    firstPassRate: firstPassRate(c.firstPassApproved, c.decided),
    returnCount: c.returns,
    panelConclusions: { pass: c.panelPass, passWithRevisions: c.panelPassWithRevisions, fail: c.panelFail },
  };
}

export interface FirmView {
  id: string;
  name: string;
  creditCode: string | null;
  figures: StoredFigures;
  findings: FindingView[];
  /** the ban in force today, if any */
  banInForce: FindingView | null;
}

export function findingView(f: FindingRow, today: string): FindingView {
  return {
    id: f.id,
    finding: f.finding,
    findingLabel: REFERENCE.findingLabels[f.finding] ?? f.finding,
    summary: f.summary,
    plotId: f.plotId,
    decisionNumber: f.decisionNumber,
    decisionDate: f.decisionDate,
    issuerName: f.issuerName,
    penaltyYuan: f.penaltyYuan,
    ban: f.banStartsOn && f.banEndsOn ? { startsOn: f.banStartsOn, endsOn: f.banEndsOn, inForce: f.banStartsOn <= today && today <= f.banEndsOn } : null,
  };
}

/** The public page's extras: the latest returns with their reasons, and each signatory's figures (name and figures only). */
export interface FirmPageView extends FirmView {
  figures: StoredFigures & { returns: CreditReturn[] };
  signatories: Array<{ name: string; figures: StoredFigures }>;
}

export function firmView(firm: Pick<FirmRow, 'id' | 'name' | 'creditCode'>, figures: StoredFigures, findings: FindingRow[], today: string): FirmView {
  const views = findings.map((f) => findingView(f, today));
  return {
    id: firm.id,
    name: firm.name,
    creditCode: firm.creditCode,
    figures,
    findings: views,
    banInForce: views.find((v) => v.ban?.inForce) ?? null,
  };
}

/** The export's CSV (UTF-8 with BOM, for spreadsheet programs), one line per firm with a valid code. */
export function creditCsv(records: FirmView[]): string {
  const header = ['统一社会信用代码', '机构名称', '提交评审报告数', '已有评审结论数', '一次通过数', '一次通过率', '退回次数', '失信认定数', '禁止从业期限'];
  const lines = records.map((r) => [
    r.creditCode ?? '',
    r.name,
    r.figures.submitted,
    r.figures.decided,
    r.figures.firstPassApproved,
    r.figures.firstPassRate === null ? '' : (r.figures.firstPassRate * 100).toFixed(1) + '%',
    r.figures.returnCount,
    r.findings.length,
    r.banInForce?.ban ? `${r.banInForce.ban.startsOn}至${r.banInForce.ban.endsOn}` : '',
  ]);
  return '\ufeff' + [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would be read as a formula by a spreadsheet program.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
