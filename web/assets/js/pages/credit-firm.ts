// A third-party firm's public credit page (上政文〔2017〕147号 三（六）3), and the bureau's form for a finding (土壤法第九十条).
import { api, get } from '../api.js';
import { add, fill, h, type Attrs, type Child } from '../dom.js';
import { date, labelOf, PANEL_CONCLUSION_LABELS } from '../format.js';
import { makeForm, showFormSuccess } from '../forms.js';
import { errorBox, loading, section, table } from '../widgets.js';
import type { PageContext } from '../page.js';
import { rate } from './credit.js';

/** The review figures of a firm or a signatory (StoredFigures of src/credit/credit-view.ts). */
interface Figures {
  firstPassRate: number | null;
  submitted: number;
  decided: number;
  approved: number;
  firstPassApproved: number;
  resubmissions: number;
  returnCount: number;
  submittedByKind: Record<string, number>;
  submittedByKindLabels: Record<string, string>;
  panelConclusions: Record<string, number>;
  returns: { at: string; reportKind: string; reason: string | null }[];
}

interface Ban {
  startsOn: string;
  endsOn: string;
  inForce?: boolean;
}

/** One finding (FindingView of src/credit/credit-view.ts). */
interface Finding {
  issuerName: string;
  decisionNumber: string;
  decisionDate: string;
  findingLabel: string;
  summary: string;
  penaltyYuan: number | null;
  ban: Ban | null;
}

/** GET /credit/firms/:id (FirmPageView of src/credit/credit-view.ts). */
interface FirmPage {
  id: string;
  name: string;
  creditCode: string | null;
  figures: Figures;
  banInForce: (Finding & { ban: Ban }) | null;
  signatories?: { name: string; figures: Figures }[];
  findings: Finding[];
}

const fact = (label: string, attrs: Attrs, value: Child) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', attrs, value ?? '—'));

function figures(f: FirmPage): HTMLElement {
  const g = f.figures;
  return h('dl', { class: 'facts' },
    fact('一次通过率', {}, rate(g.firstPassRate)),
    fact('提交评审的报告', {}, `${g.submitted} 份（${Object.entries(g.submittedByKind).map(([k, n]) => `${g.submittedByKindLabels[k]} ${n}`).join('、') || '无'}）`),
    fact('退回后重新提交', {}, `${g.resubmissions} 次`),
    fact('已有评审结论', {}, `${g.decided} 轮，其中通过 ${g.approved} 轮、一次通过 ${g.firstPassApproved} 轮`),
    fact('专家评审结论', {}, Object.entries(g.panelConclusions).map(([k, n]) => `${labelOf(PANEL_CONCLUSION_LABELS, k) ?? ''} ${n}`).join('、')));
}

function findingForm(firm: FirmPage, refresh: () => Promise<void>): HTMLFormElement {
  return makeForm({
    intro: '依据《中华人民共和国土壤污染防治法》第九十条记录对该机构的认定，并上传决定书扫描件（PDF）。禁止从业期间，该机构不能受委托，也不能提交报告。',
    fields: [
      { name: 'finding', label: '认定事项', type: 'select', required: true, options: [
        { value: 'false_report', label: '出具虚假报告' }, { value: 'falsified_report', label: '篡改、伪造报告或数据' }, { value: 'other', label: '其他失信行为' }] },
      { name: 'summary', label: '认定事实', type: 'textarea', required: true, maxLength: 2000 },
      { name: 'decisionNumber', label: '决定文号', required: true, maxLength: 100 },
      { name: 'decisionDate', label: '决定日期', type: 'date', required: true },
      { name: 'penaltyYuan', label: '罚款金额（元，可不填）', type: 'number', min: 1 },
      { name: 'banStartsOn', label: '禁止从业起始日期（可不填）', type: 'date' },
      { name: 'banEndsOn', label: '禁止从业截止日期', type: 'date' },
      { name: 'file', label: '决定书（PDF）', type: 'file', required: true, accept: '.pdf,application/pdf', extensions: ['.pdf'] },
    ],
    submitLabel: '记录认定',
    confirm: (v) => ({ title: '确认记录失信认定', lines: [
      `将对“${firm.name}”记录决定《${v.decisionNumber}》（${v.decisionDate}），并在诚信档案中公开。`,
      v.banStartsOn ? `自 ${v.banStartsOn} 至 ${v.banEndsOn} 禁止从业：期间系统将拒绝委托该机构，也不接收其报告。` : '不设禁止从业期限。',
      '记录后不能修改或删除。'] }),
    onSubmit: async (v, form) => {
      const data = new FormData();
      data.append('organisationId', firm.id);
      for (const k of ['finding', 'summary', 'decisionNumber', 'decisionDate', 'banStartsOn', 'banEndsOn']) if (v[k]) data.append(k, String(v[k]));
      if (v.penaltyYuan !== '' && v.penaltyYuan !== undefined) data.append('penaltyYuan', String(v.penaltyYuan));
      const file = v.file as File;
      data.append('file', file, file.name);
      const res = await api<{ decisionNumber: string; ban: Ban | null }>('POST', '/credit/findings', data);
      showFormSuccess(form, `已记录《${res.decisionNumber}》${res.ban ? `，禁止从业 ${res.ban.startsOn} 至 ${res.ban.endsOn}` : ''}。`);
      setTimeout(() => void refresh(), 800);
    },
  });
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('第三方机构诚信档案');
  const body = h('div', {}, loading());
  add(root, body);
  const refresh = async () => {
    const content = await get<FirmPage>(`/credit/firms/${ctx.params.id}`).then((f): Child[] => [
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, f.name)),
      h('p', { class: 'muted' }, `统一社会信用代码：${f.creditCode ?? '未登记'}`),
      f.banInForce ? h('p', { class: 'callout danger', role: 'status' }, `禁止从业中：${f.banInForce.issuerName}《${f.banInForce.decisionNumber}》，${f.banInForce.ban.startsOn} 至 ${f.banInForce.ban.endsOn}（土壤法第九十条）`) : null,
      section('报告评审记录', figures(f)),
      section('签字人员', table<{ name: string; figures: Figures }>([
        { label: '姓名', cell: (x) => x.name },
        { label: '提交评审报告', cell: (x) => `${x.figures.submitted} 份` },
        { label: '已有评审结论', cell: (x) => `${x.figures.decided} 轮` },
        { label: '一次通过', cell: (x) => `${x.figures.firstPassApproved} 轮` },
        { label: '一次通过率', cell: (x) => rate(x.figures.firstPassRate) },
        { label: '退回次数', cell: (x) => String(x.figures.returnCount) },
      ], f.signatories ?? [], { caption: '报送该机构报告的人员（按其首次报送的报告计）', emptyText: '尚无报送记录。' })),
      section('退回记录', table<Figures['returns'][number]>([
        { label: '日期', cell: (r) => date(r.at) },
        { label: '报告', cell: (r) => f.figures.submittedByKindLabels[r.reportKind] ?? '报告' },
        { label: '退回理由', cell: (r) => r.reason || '—' },
      ], f.figures.returns, { emptyText: '无退回记录。', caption: f.figures.returnCount > f.figures.returns.length ? `共退回 ${f.figures.returnCount} 次，列出最近 ${f.figures.returns.length} 次` : undefined })),
      section('失信认定', table<Finding>([
        { label: '决定', cell: (x) => `${x.issuerName}《${x.decisionNumber}》` },
        { label: '日期', cell: (x) => date(x.decisionDate) },
        { label: '认定事项', cell: (x) => x.findingLabel },
        { label: '事实', cell: (x) => x.summary },
        { label: '罚款', cell: (x) => (x.penaltyYuan ? `${x.penaltyYuan} 元` : '—') },
        { label: '禁止从业', cell: (x) => (x.ban ? `${x.ban.startsOn} 至 ${x.ban.endsOn}${x.ban.inForce ? '（执行中）' : ''}` : '—') },
      ], f.findings, { emptyText: '无失信认定。' })),
      ctx.me?.role === 'eeb' ? section('记录失信认定', findingForm(f, refresh)) : null,
      h('p', {}, h('a', { href: '/app/credit' }, '返回诚信档案排名')),
    ]).catch(errorBox);
    if (!ctx.isCurrent()) return;
    fill(body, content);
  };
  await refresh();
}
