// 年度工作进展报告 (D14): a bureau picks the year, reads the figures as they stand, and the environment bureau issues
// the document after a confirmation that says what follows; its PDF is then at hand.
import { api, download, get, query } from '../api.js';
import { confirmDialog } from '../confirm.js';
import { add, fill, h, type Child } from '../dom.js';
import { date, number } from '../format.js';
import type { SignedInContext } from '../page.js';
import { empty, errorBox, loading, section, table } from '../widgets.js';

const FIRST_YEAR = 2019; // 土壤法 in force from 2019-01-01

/** A plot that entered or left the register in the year (D14Details' register moves). */
interface RegisterMove {
  plotCode: string;
  plotName: string;
  date: string;
  note?: string;
}

/** A transport closed in the year (D14Details' transports). */
interface ClosedTransport {
  plotCode: string;
  batchNo: string;
  destination: string;
  quantityT: number;
  state: string;
}

/** A deadline overdue in the year (D14Details' overdue). */
interface OverdueItem {
  plotCode: string;
  item: string;
  dueDate: string;
  daysOverdue: number;
}

/**
 * GET /reports/annual's details: D14Details of the documents (src/annual-progress/annual-figures.ts computes them),
 * with the safe-use line (src/indicators/safe-use-line.ts) and the monitoring figures when there are any.
 */
interface AnnualDetails {
  countsByStage?: { label: string; count: number }[];
  safeUse?: { rateText: string; numerator: number; denominator: number; targetText?: string | null; verdict: string } | null;
  monitoring?: {
    points: number; overduePoints: number; campaigns: number; results: number;
    warningsRaised: number; warningsOpen: number; warningsClosed: number;
  } | null;
  entered?: RegisterMove[];
  left?: RegisterMove[];
  transports?: ClosedTransport[];
  overdue?: OverdueItem[];
}

/** GET /reports/annual: the figures as they stand. */
interface AnnualFigures {
  details: AnnualDetails;
}

/** POST /reports/annual: the D14 document issued (a DocumentView of src/documents). */
interface AnnualIssued {
  document: { id: string; number: string };
}

function yearOptions(current: number): number[] {
  const years: number[] = [];
  for (let y = current; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

// Each table under its own heading: an empty one then still says what is empty.
const part = (title: string, content: Child): Child[] => [h('h3', {}, title), content];

function movements(items: readonly RegisterMove[]): HTMLElement {
  return table<RegisterMove>([
    { label: '地块编码', cell: (m) => m.plotCode, className: 'nowrap' },
    { label: '地块名称', cell: (m) => m.plotName },
    { label: '日期', cell: (m) => date(m.date) },
    { label: '说明', cell: (m) => m.note },
  ], items, { emptyText: '本年度无。' });
}

function figures(details: AnnualDetails): Child[] {
  const safe = details.safeUse;
  const mon = details.monitoring;
  return [
    part('各阶段地块数（年末）', table<{ label: string; count: number }>([
      { label: '阶段', cell: (c) => c.label },
      { label: '地块数', cell: (c) => String(c.count), className: 'num' },
    ], details.countsByStage ?? [], { emptyText: '本辖区暂无地块。' })),
    safe ? part('污染地块安全利用率', h('div', { class: 'notice notice-info', 'data-testid': 'safe-use' },
      h('p', {}, h('strong', {}, safe.rateText), `（${safe.numerator} / ${safe.denominator}）`),
      h('p', {}, safe.targetText ? `目标：${safe.targetText}；${safe.verdict}` : safe.verdict))) : null,
    mon ? part('土壤环境监测与预警', table<[string, number]>([
      { label: '项目', cell: (r) => r[0] },
      { label: '数量', cell: (r) => String(r[1]), className: 'num' },
    ], [['监测点位', mon.points] as [string, number], ['逾期未监测点位', mon.overduePoints], ['监测批次', mon.campaigns], ['监测结果', mon.results],
      ['发出预警', mon.warningsRaised], ['未关闭预警', mon.warningsOpen], ['已关闭预警', mon.warningsClosed]])) : null,
    part('本年度纳入名录', movements(details.entered ?? [])),
    part('本年度移出名录', movements(details.left ?? [])),
    part('污染土壤转运', table<ClosedTransport>([
      { label: '地块编码', cell: (t) => t.plotCode, className: 'nowrap' },
      { label: '批次', cell: (t) => t.batchNo },
      { label: '接收地', cell: (t) => t.destination },
      { label: '数量（吨）', cell: (t) => number(t.quantityT, 1), className: 'num' },
      { label: '状态', cell: (t) => t.state },
    ], details.transports ?? [], { emptyText: '本年度无转运。' })),
    part('逾期事项', table<OverdueItem>([
      { label: '地块编码', cell: (o) => o.plotCode, className: 'nowrap' },
      { label: '事项', cell: (o) => o.item },
      { label: '期限', cell: (o) => date(o.dueDate) },
      { label: '逾期天数', cell: (o) => String(o.daysOverdue), className: 'num' },
    ], details.overdue ?? [], { emptyText: '无逾期事项。' })),
  ];
}

function issued(doc: AnnualIssued['document']): HTMLElement {
  const status = h('span', { class: 'small', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { testid: 'annual-pdf' },
    on: {
      click: async () => {
        status.textContent = '';
        try {
          await download(`/documents/${doc.id}/pdf`, `${doc.number}.pdf`);
        } catch (e) {
          status.textContent = `下载失败：${e instanceof Error ? e.message : String(e)}`;
        }
      },
    },
  }, '下载 PDF');
  return h('div', { class: 'notice notice-ok', role: 'status', 'data-testid': 'annual-issued' },
    h('p', {}, h('strong', {}, `已出具：${doc.number}`)), h('p', {}, button, ' ', status));
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('年度报告');
  const me = ctx.me;
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '年度工作进展报告')));
  if (!['eeb', 'land', 'admin'].includes(me.role) || !me.jurisdictionCode) {
    add(root, h('div', { class: 'notice notice-info' }, '年度工作进展报告由各级生态环境、自然资源主管部门查看。'));
    return;
  }
  const thisYear = new Date().getFullYear();
  const params = new URLSearchParams(location.search);
  const chosen = Number(params.get('year')) || thisYear - 1;
  const select = h('select', { id: 'annual-year', dataset: { testid: 'annual-year' } },
    yearOptions(thisYear).map((y) => h('option', { value: String(y), selected: y === chosen }, `${y} 年`)));
  const body = h('div', {}, loading());
  const outcome = h('div', { 'aria-live': 'polite' });
  const show = async (year: number) => {
    fill(outcome);
    fill(body, loading());
    try {
      const res = await get<AnnualFigures>(`/reports/annual${query({ year, jurisdiction: me.jurisdictionCode })}`);
      if (!ctx.isCurrent()) return;
      fill(body, figures(res.details));
    } catch (e) {
      fill(body, errorBox(e));
    }
  };
  select.addEventListener('change', () => void show(Number(select.value)));
  const issueButton = me.role === 'eeb' ? h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { testid: 'annual-issue' },
    on: {
      click: async () => {
        const year = Number(select.value);
        const ok = await confirmDialog({
          title: `出具 ${year} 年度工作进展报告？`,
          lines: [`出具后：按上列数字签发 ${year} 年度污染地块土壤环境管理工作进展报告，生成编号与 PDF，并办结本年度的年度报告期限。`, '每个行政区每年只能出具一次，出具后不能撤回。'],
          confirmLabel: '确认出具',
        });
        if (!ok) return;
        if (issueButton) issueButton.disabled = true;
        try {
          const res = await api<AnnualIssued>('POST', '/reports/annual', { year, jurisdiction: me.jurisdictionCode });
          fill(outcome, issued(res.document));
        } catch (e) {
          fill(outcome, errorBox(e));
        } finally {
          if (issueButton) issueButton.disabled = false;
        }
      },
    },
  }, '出具年度报告') : null;
  add(root,
    section('选择年度',
      h('div', { class: 'form-row' }, h('label', { for: 'annual-year' }, '年度'), select, ' ', issueButton),
      me.role === 'eeb' ? null : empty('年度工作进展报告由本辖区生态环境主管部门出具；此处可查看各项数字。'),
      outcome),
    section('本年度数字', body));
  await show(chosen);
}
