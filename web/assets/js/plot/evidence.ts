// Reports with their digests, the screening table, and the filing documents of a plot.
import { h, uid, type Child } from '../dom.js';
import { conclusionText, date, dateTime, LAND_CLASS_LABELS, labelOf, number, REPORT_KIND_LABELS, VERDICT_LABELS } from '../format.js';
import { digest, empty, errorBox, table, type Column } from '../widgets.js';
import { downloadButton } from './report-card.js';

/** A report of the plot as GET /plots/:id/reports lists it (src/reports/reports.repository.ts `ReportRow`). */
export interface ReportRow {
  id: string;
  kind: string;
  fileName: string;
  fileSha256: string;
  authorOrganisationName?: string;
  pages?: number;
  sampleCount?: number;
  conclusion?: unknown;
  createdAt: string;
}

/** What soil and groundwater analytes share (src/evidence/screening.ts `AnalyteScreening`, groundwater-screening.ts). */
interface Analyte {
  cas?: string;
  name: string;
  n?: number;
  nDetected?: number;
  max?: number | null;
  factor?: number | null;
  noStandardValue?: boolean;
  siteValue?: { value: number; unit: string; source: string };
}

/** One soil pollutant against GB 36600-2018 (src/evidence/screening.ts `AnalyteScreening`). */
export interface SoilAnalyte extends Analyte {
  screeningValue?: number | null;
  interventionValue?: number | null;
  nAboveScreening: number;
  nAboveIntervention: number;
}

/** One groundwater indicator against GB/T 14848-2017 (src/evidence/groundwater-screening.ts `GroundwaterAnalyte`). */
export interface GroundwaterAnalyte extends Analyte {
  class3Limit?: number | null;
  class4Limit?: number | null;
  nAboveClass3: number;
  nAboveClass4: number;
}

/** The groundwater part of a plot's screening (src/evidence/groundwater-screening.ts `GroundwaterScreening`). */
export interface GroundwaterScreening {
  verdict?: string;
  verdictLabel?: string;
  analytes?: GroundwaterAnalyte[];
}

/** GET /plots/:id/screening (src/screening/screening.service.ts `PlotScreening`). */
export interface PlotScreening {
  landClass?: number;
  verdict?: string;
  analytes?: SoilAnalyte[];
  groundwater?: GroundwaterScreening | null;
}

/** A filing document as GET /plots/:id/documents lists it (src/documents/documents.service.ts `DocumentView`). */
export interface FilingDocument {
  id: string;
  kind: string;
  kindLabel?: string;
  title?: string;
  number?: string | null;
  issuer?: string;
  issuedAt?: string;
  sha256?: string;
  digest?: string;
}

/** How a folded table ranks and marks its rows. */
interface FoldOptions<Row> {
  caption: string;
  rowClass: (row: Row) => string;
  rank: (row: Row) => number;
  testId: string;
}

export function reportsTable(plotId: string, reports: readonly ReportRow[]): HTMLElement {
  return table<ReportRow>([
    { label: '类型', cell: (r) => labelOf(REPORT_KIND_LABELS, r.kind) ?? r.kind },
    { label: '文件', cell: (r) => h('span', { class: 'break' }, r.fileName, h('span', { class: 'muted small' }, ` · ${r.pages ?? '?'} 页`)) },
    { label: '编制单位', cell: (r) => r.authorOrganisationName },
    { label: '上传时间', cell: (r) => dateTime(r.createdAt) },
    { label: '结论', cell: (r) => conclusionText(r.kind, r.conclusion) },
    { label: '样品', cell: (r) => (r.sampleCount ? `${r.sampleCount} 条` : '—') },
    { label: 'SHA-256', cell: (r) => digest(r.fileSha256) },
    { label: '操作', cell: (r) => downloadButton(`/plots/${plotId}/reports/${r.id}/file`, r.fileName) },
  ], reports, { caption: '报告', emptyText: '暂无报告。' });
}

const VERDICT_CLASS = { no_data: 'v-none', below_screening: 'v-ok', above_screening: 'v-warn', above_intervention: 'v-bad' };
const GW_VERDICT_CLASS = { no_data: 'v-none', within_class3: 'v-ok', above_class3: 'v-warn', above_class4: 'v-bad' };
const NO_STANDARD = '无标准值';

/** The plot's screening: soil against GB 36600-2018 (Tables 1 and 2, pollutants without a value), groundwater apart. */
export function screeningTable(result: PlotScreening | null | undefined): Child {
  if (!result) return empty('暂无筛查结果。');
  return [soilScreening(result), groundwaterScreening(result.groundwater)];
}

function soilScreening(result: PlotScreening): Child[] {
  const verdict = h('p', { class: 'screening-verdict' },
    '土壤筛查结论：', h('span', { class: `verdict ${labelOf(VERDICT_CLASS, result.verdict) ?? ''}` }, labelOf(VERDICT_LABELS, result.verdict) ?? '—'),
    h('span', { class: 'muted' }, `（按${labelOf(LAND_CLASS_LABELS, result.landClass) ?? '第一类用地'}筛选值，GB 36600-2018 表1、表2）`));
  const rows = result.analytes ?? [];
  if (!rows.length) return [verdict, empty('暂无土壤样品检测数据。')];
  const noValue = rows.filter((a) => a.noStandardValue && !a.siteValue).length;
  const columns: Column<SoilAnalyte>[] = [
    { label: '检测项目', cell: analyteName },
    { label: '样品数', cell: (a) => (a.n !== undefined ? `${a.n}（检出 ${a.nDetected ?? '—'}）` : '—'), className: 'num' },
    { label: '最大值 mg/kg', cell: (a) => number(a.max, 3), className: 'num' },
    { label: '筛选值 mg/kg', cell: (a) => limitCell(a, a.screeningValue, 3), className: 'num' },
    { label: '管制值 mg/kg', cell: (a) => (a.noStandardValue ? noStandard() : number(a.interventionValue, 3)), className: 'num' },
    { label: '超筛选值', cell: (a) => (judged(a) ? count(a.nAboveScreening) : '—'), className: 'num' },
    { label: '超管制值', cell: (a) => (a.noStandardValue ? '—' : count(a.nAboveIntervention)), className: 'num' },
    { label: '超标倍数', cell: (a) => (a.factor === null || a.factor === undefined ? '—' : `${number(a.factor, 3)} 倍`), className: 'num' },
    { label: '判定', cell: (a) => exceedance(a) },
  ];
  const rowClass = (a: SoilAnalyte) => [a.nAboveIntervention > 0 ? 'row-bad' : a.nAboveScreening > 0 ? 'row-warn' : '', a.noStandardValue ? 'row-no-standard' : ''].filter(Boolean).join(' ');
  const soilRank = (a: SoilAnalyte) => (a.nAboveIntervention > 0 ? 0 : a.nAboveScreening > 0 ? 1 : 2);
  return [verdict, foldedTable(columns, rows, {
    caption: '土壤样品筛查（每项污染物）', rowClass, rank: soilRank, testId: 'screening-folded',
  }), noValue
    ? h('p', { class: 'hint', 'data-testid': 'no-standard-note' },
      `${noValue} 项污染物在 GB 36600-2018 中无标准值，未作筛选判定；作出决定的主管部门可在审查时为本地块确定限值并注明来源。`)
    : null];
}

/**
 * The rows a reviewer must read (the exceedances first, then every other analyte detected) in the open, and the
 * analytes not detected in any sample folded behind a count: a full GB 36600-2018 Table 1 set is 45 rows, most ND.
 */
function foldedTable<Row extends Analyte>(columns: readonly Column<Row>[], rows: readonly Row[], { caption, rowClass, rank, testId }: FoldOptions<Row>): Child {
  const detected = (a: Row) => a.nDetected === undefined || a.nDetected > 0;
  const open = rows.map((a, i) => ({ a, i })).filter(({ a }) => detected(a) || rank(a) < 2)
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map(({ a }) => a);
  const shown = new Set(open);
  const rest = rows.filter((a) => !shown.has(a));
  if (!rest.length) return table(columns, open, { caption, rowClass });
  return [
    open.length ? table(columns, open, { caption, rowClass }) : h('p', { class: 'hint' }, `${caption}：所有项目均未检出。`),
    h('details', { class: 'folded', 'data-testid': testId },
      h('summary', {}, `其余 ${rest.length} 项均未检出，展开查看`),
      table(columns, rest, { caption: `${caption}：未检出的项目`, rowClass })),
  ];
}

/** The name, its CAS number, and for a pollutant without a value what it was judged against. */
function analyteName(a: Analyte): HTMLElement {
  // Items without a CAS number (石油烃(C10-C40) of Table 2) are keyed by their name: shown once.
  return h('span', {}, a.name, a.cas && a.cas !== a.name ? h('span', { class: 'muted small' }, ` ${a.cas}`) : null,
    a.noStandardValue ? h('span', { class: 'tag tag-no-standard' }, NO_STANDARD) : null,
    a.siteValue ? h('span', { class: 'site-value small' }, `按地块确定的限值 ${number(a.siteValue.value, 6)} ${a.siteValue.unit} 筛选；来源：${a.siteValue.source}`) : null);
}

function noStandard(): HTMLElement {
  return h('span', { class: 'muted' }, NO_STANDARD);
}

/** A limit; for a pollutant without a standard value the plot's own value (marked as such) or 无标准值 — never a 0. */
function limitCell(a: Analyte, value: number | null | undefined, digits: number): Child {
  if (!a.noStandardValue) return number(value, digits);
  if (a.siteValue) return h('span', {}, number(a.siteValue.value, 6), h('span', { class: 'muted small' }, '（地块确定）'));
  return noStandard();
}

const judged = (a: Analyte): boolean => !a.noStandardValue || !!a.siteValue;

function count(n: number): Child {
  return n > 0 ? h('strong', {}, String(n)) : String(n ?? 0);
}

function exceedance(a: SoilAnalyte): HTMLElement {
  if (!judged(a)) return h('span', { class: 'verdict v-none' }, '无标准值，未判定');
  if (a.nAboveIntervention > 0) return h('span', { class: 'verdict v-bad' }, '超管制值');
  if (a.nAboveScreening > 0) return h('span', { class: 'verdict v-warn' }, a.noStandardValue ? '超地块限值' : '超筛选值');
  if (!a.nDetected) return h('span', { class: 'verdict v-ok' }, '未检出');
  return h('span', { class: 'verdict v-ok' }, '未超标');
}

/** Groundwater against GB/T 14848-2017: class III and class IV limits, mg/L, the class per analyte. */
function groundwaterScreening(gw: GroundwaterScreening | null | undefined): HTMLElement | null {
  if (!gw) return null;
  const rows = gw.analytes ?? [];
  const headId = uid('gw');
  return h('section', { class: 'groundwater-screening', 'data-testid': 'groundwater-screening', 'aria-labelledby': headId },
    h('h3', { id: headId }, '地下水（GB/T 14848-2017）'),
    h('p', { class: 'screening-verdict' },
      '地下水筛查结论：', h('span', { class: `verdict ${labelOf(GW_VERDICT_CLASS, gw.verdict) ?? ''}` }, gw.verdictLabel ?? '—'),
      h('span', { class: 'muted' }, '（按Ⅲ类、Ⅳ类限值判定；土壤法第三十六条）')),
    rows.length
      ? foldedTable<GroundwaterAnalyte>([
        { label: '检测项目', cell: analyteName },
        { label: '样品数', cell: (a) => `${a.n}（检出 ${a.nDetected ?? '—'}）`, className: 'num' },
        { label: '最大值 mg/L', cell: (a) => number(a.max, 6), className: 'num' },
        { label: '标准值 Ⅲ类 mg/L', cell: (a) => limitCell(a, a.class3Limit, 6), className: 'num' },
        { label: '标准值 Ⅳ类 mg/L', cell: (a) => (a.noStandardValue ? noStandard() : number(a.class4Limit, 6)), className: 'num' },
        { label: '超Ⅲ类', cell: (a) => (judged(a) ? count(a.nAboveClass3) : '—'), className: 'num' },
        { label: '超Ⅳ类', cell: (a) => (a.noStandardValue ? '—' : count(a.nAboveClass4)), className: 'num' },
        { label: '判定', cell: groundwaterClass },
      ], rows, {
        caption: '地下水样品筛查（每项指标）',
        rowClass: (a) => [a.nAboveClass4 > 0 ? 'row-bad' : a.nAboveClass3 > 0 ? 'row-warn' : '', a.noStandardValue ? 'row-no-standard' : ''].filter(Boolean).join(' '),
        rank: (a) => (a.nAboveClass4 > 0 ? 0 : a.nAboveClass3 > 0 ? 1 : 2),
        testId: 'groundwater-folded',
      })
      : empty('暂无地下水检测数据。'));
}

function groundwaterClass(a: GroundwaterAnalyte): HTMLElement {
  if (!judged(a)) return h('span', { class: 'verdict v-none' }, '无标准值，未判定');
  if (a.noStandardValue) return a.nAboveClass3 > 0 ? h('span', { class: 'verdict v-warn' }, '超地块限值') : h('span', { class: 'verdict v-ok' }, '未超地块限值');
  if (a.nAboveClass4 > 0) return h('span', { class: 'verdict v-bad' }, '超Ⅳ类限值（Ⅴ类）');
  if (a.nAboveClass3 > 0) return h('span', { class: 'verdict v-warn' }, '超Ⅲ类限值（Ⅳ类）');
  return h('span', { class: 'verdict v-ok' }, '不劣于Ⅲ类');
}

export function documentsTable(docs: readonly FilingDocument[]): HTMLElement {
  return table<FilingDocument>([
    { label: '文号', cell: (d) => d.number ?? '—' },
    { label: '文件', cell: (d) => d.title ?? d.kindLabel ?? d.kind },
    { label: '出具单位', cell: (d) => d.issuer ?? '—' },
    { label: '出具日期', cell: (d) => date(d.issuedAt) },
    { label: 'PDF 文件 SHA-256', cell: (d) => digest(d.sha256) },
    {
      label: '操作',
      cell: (d) => h('span', { class: 'row-actions' },
        downloadButton(`/documents/${d.id}/pdf`, `${d.number ?? d.kind}.pdf`),
        d.digest ?? d.sha256 ? h('a', { class: 'btn btn-small', href: `/verify/${d.digest ?? d.sha256}` }, '核验') : null),
    },
  ], docs, { caption: '备案文件', emptyText: '暂无备案文件。' });
}

/**
 * A section body from a settled load: the content, "暂无" when the module is not there, or the error. The answer is
 * handed to render as the type render draws, as api.get<T>() hands it over.
 */
export function settled<T>(result: PromiseSettledResult<unknown>, render: (value: T) => Child, missingText = '暂无'): Child {
  if (result.status === 'rejected') return isMissing(result.reason) ? empty(missingText) : errorBox(result.reason);
  return render(result.value as T);
}

/** A load refused because the module is not there (its error carries `missing`). */
function isMissing(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && 'missing' in reason && Boolean(reason.missing);
}
