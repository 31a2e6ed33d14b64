import { readTextFile, referencePath } from '../reference/reference-files';
import { REPORT_KIND_LABELS } from '../reports/dto/conclusions.dto';
import type { FirmFigures } from './credit-figures';
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

export interface FirmView {
  id: string;
  name: string;
  creditCode: string | null;
  figures: FirmFigures & { submittedByKindLabels: Record<string, string> };
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

export function firmView(firm: FirmRow, figures: FirmFigures, findings: FindingRow[], today: string): FirmView {
  const views = findings.map((f) => findingView(f, today));
  const labels = Object.fromEntries(Object.keys(figures.submittedByKind).map((k) => [k, REPORT_KIND_LABELS[k as keyof typeof REPORT_KIND_LABELS] ?? k]));
  return {
    id: firm.id,
    name: firm.name,
    creditCode: firm.creditCode,
    figures: { ...figures, submittedByKindLabels: labels },
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
    r.figures.returns.length,
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
