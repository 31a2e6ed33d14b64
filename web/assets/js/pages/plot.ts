import { download, fileBlob, get, optional } from '../api.js';
import { expertOrganisations, jurisdictions, organisations, workflow, type DirectoryJurisdiction, type DirectoryOrganisation } from '../directory.js';
import { add, fill, h, type Child } from '../dom.js';
import { conclusionText, date, dateTime, itemsOf, LAND_CLASS_LABELS, labelOf, number, REGISTRATION_REASON_LABELS, REPORT_KIND_LABELS, WORK_LABELS, workflowLabel } from '../format.js';
import type { SignedInContext } from '../page.js';
import { eventForms, migrateCard, uploadCard } from '../plot/actions.js';
import { auditCheckButton } from '../plot/audit-check-button.js';
import { boundaryMap } from '../plot/boundary-map.js';
import { decisionNow, decisionsPanel, disclosuresFacts, readyEvents, reviewRound } from '../plot/decisions.js';
import { documentsTable, reportsTable, screeningTable, settled, type FilingDocument, type PlotScreening } from '../plot/evidence.js';
import { fileButton } from '../plot/report-card.js';
import { nextStep, reviewProgress } from '../plot/progress.js';
import { lifecycleDiagram, type LifecycleWorkflow } from '../plot/lifecycle.js';
import { aftercarePanel, controlZonePanel, partiesPanel, reopeningsPanel } from '../plot/parties.js';
import { timeline } from '../plot/timeline.js';
import { transportsSection } from '../plot/transports.js';
import type { EventConflict, EventFormContext, PlotReport, PriorityEntry, RankTaken, WorkflowDefinition } from '../plot/event-forms.js';
import type { HistoryItem } from '../plot/timeline.js';
import type { Geometry } from '../map/plot-map.js';
import type { Plot, PlotParty } from '../plot/types.js';
import { digest, errorBox, loading, section, stageBadge } from '../widgets.js';

/** GET /plots/:id/history (src/plots/plot-history.service.ts `history`). */
interface PlotHistory {
  items?: HistoryItem[];
}

/** A soil transport of the plot, as GET /plots/:id/transports lists it (src/transports `TransportView`). */
interface PlotTransport {
  state: string;
}

/**
 * GET /plots/:id/page (src/plot-page/plot-page.service.ts `PlotPageView`): the plot and its parts, each as its own
 * endpoint answers it, null where the caller may not read it (named in `unavailable`).
 */
interface PlotPage {
  plot: Plot;
  history: PlotHistory | null;
  reports: PlotReport[] | null;
  screening: PlotScreening | null;
  documents: FilingDocument[] | null;
  transports: { items: PlotTransport[] } | null;
  unavailable: string[];
}

type PlotPagePart = Exclude<keyof PlotPage, 'unavailable'>;

/** The plot page's reads, each awaited where it is drawn. */
interface PlotReads {
  plot: Promise<Plot>;
  workflow: Promise<WorkflowDefinition | null>;
  transportWorkflow: Promise<WorkflowDefinition | null>;
  history: Promise<PlotHistory>;
  reports: Promise<PlotReport[]>;
  screening: Promise<PlotScreening>;
  documents: Promise<FilingDocument[]>;
  transports: Promise<{ items: PlotTransport[] }>;
  districts: Promise<DirectoryJurisdiction[]>;
}

/** The plot as the small map reads it: its boundary is the GeoJSON geometry registered with it (PlotView `boundary`). */
type MappedPlot = Plot & { boundary?: Geometry | null };

/** A step refused with 409, kept for the plot it was refused on. */
type PlotConflict = EventConflict & { plotId: string };

/** One drawing of the page: drawn again in place after an action (`seq` counts the drawings). */
interface PageView {
  root: HTMLElement;
  ctx: SignedInContext;
  drawn: boolean;
  seq: number;
}

/** Events whose forms pick a third party (施工单位、风险管控工程实施单位) or a holder (收回、转让、责任人). */
const CONSULTANT_EVENTS = ['START_WORKS', 'FILE_CONTROL_PLAN', 'ASSIGN_CONSULTANT'];
const HOLDER_EVENTS = ['TAKE_BACK', 'TRANSFER', 'RECORD_RESPONSIBLE_PARTY'];

/** The outcome of the last action, shown once after the page is drawn again. */
let flash: Child | null = null;
/** A step refused with 409 because the plot changed: {plotId, type, label, values, version}, offered again once drawn. */
let conflict: PlotConflict | null = null;

/** Steps a reviewer decides on the report under review: the desk puts the report beside their forms. */
const DESK_EVENTS = ['APPROVE', 'RETURN', 'RECORD_EXPERT_OPINION', 'CONCLUDE_PANEL', 'ACCEPT_REVISION', 'RECORD_DECISION'];

function fact(label: string, value: Child): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value ?? '—'));
}

function facts(plot: Plot): HTMLElement {
  const c = plot.context ?? {};
  const commissions = plot.commissions ?? [];
  const priority = c.priority;
  const board = c.noticeBoard;
  return h('dl', { class: 'facts' },
    fact('地块编码', plot.code),
    fact('地块名称', plot.name),
    fact('登记原因', REGISTRATION_REASON_LABELS[c.registrationReason ?? 'suspected']),
    fact('地址', plot.address),
    fact('行政区', `${plot.jurisdictionName ?? ''}（${plot.jurisdiction}）`),
    fact('占地面积', `${number(plot.areaM2, 2)} 平方米`),
    fact('原行业', plot.formerIndustry),
    fact('现状用途', plot.currentUse),
    fact('规划用途', `${plot.plannedUse}（${LAND_CLASS_LABELS[plot.plannedLandClass] ?? '第一类用地'}）`),
    fact('土地使用权人', plot.holderOrganisationName),
    fact('受委托第三方机构', commissions.length
      ? h('ul', { class: 'plain-list' }, commissions.map((x) => h('li', {}, `${labelOf(WORK_LABELS, x.work) ?? x.work}：${x.organisationName}`)))
      : '尚未委托'),
    c.investigationDueDate ? fact('调查完成期限', date(c.investigationDueDate)) : null,
    priority ? fact('优先控制', `${priority.rank ? `第 ${priority.rank} 位` : '次序待确定'}；负面清单：${(priority.negativeList ?? []).join('、') || '无'}`) : null,
    disclosuresFacts(plot) ? fact('信息公开', disclosuresFacts(plot)) : null,
    board ? fact('施工公告牌', `${board.project}；${board.measures}；${board.startDate} 至 ${board.endDate}；联系方式 ${board.contact}`) : null,
    c.permittedLandClass ? fact('准予用地类别', LAND_CLASS_LABELS[c.permittedLandClass]) : null,
    (plot.deadlines ?? []).length
      ? fact('期限', h('ul', { class: 'plain-list' }, (plot.deadlines ?? []).map((d) => h('li', { class: d.overdue ? 'overdue-text' : '' },
        `${d.label ?? d.kind ?? ''} ${date(d.dueDate ?? d.due)}${d.overdue ? '（已逾期）' : ''}`))))
      : null,
    fact('登记时间', dateTime(plot.createdAt)),
    fact('最近更新', dateTime(plot.updatedAt)));
}

/**
 * The plot's reads that need neither the plot nor the user, started by main.js before GET /me has answered (on a
 * slow link each round trip is ~150 ms; in series they were most of the page's load time). Used once, if fresh.
 */
let early: { id: string; at: number; reads: PlotReads } | null = null;
const EARLY_MS = 10_000;

export function prefetch(params: Record<string, string>): void {
  early = { id: params.id, at: Date.now(), reads: plotReads(params.id) };
  // The directory lists the forms may offer: read by every signed-in user and kept for the session (directory.js),
  // so asking before the plot says which forms it needs saves the round trip after it.
  for (const list of [organisations('consultant'), organisations('holder'), expertOrganisations()]) list.catch(() => undefined);
}

function plotReads(id: string): PlotReads {
  // Each read is awaited later; a refusal meanwhile must not count as an unhandled rejection.
  const quiet = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  // The plot and its parts come in one answer (GET /plots/:id/page); a part the user may not read is null there, and
  // fails here as its own read failed before, so each part falls back as it did.
  const page = get<PlotPage>(`/plots/${id}/page`);
  const part = <K extends PlotPagePart>(name: K) => quiet(page.then((p) => (p[name] === null ? Promise.reject(new Error(`${name} unavailable`)) : p[name] as NonNullable<PlotPage[K]>)));
  return {
    plot: part('plot'),
    workflow: quiet(workflow('plot-lifecycle') as Promise<WorkflowDefinition | null>),
    transportWorkflow: quiet(workflow('soil-transport') as Promise<WorkflowDefinition | null>),
    history: part('history'),
    reports: part('reports'),
    screening: part('screening'),
    documents: part('documents'),
    transports: part('transports'),
    districts: quiet(jurisdictions()),
  };
}

function takeReads(id: string, seq: number): PlotReads {
  const taken = seq === 0 && early?.id === id && Date.now() - early.at < EARLY_MS ? early.reads : null;
  early = null;
  return taken ?? plotReads(id);
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  add(root, loading());
  await draw({ root, ctx, drawn: false, seq: 0 });
}

/**
 * After an action: the plot's data read again and only the parts that changed drawn again, with the scroll
 * position and the folds kept; the page is never blanked to a loading line (issue 22 point 8).
 */
function redraw(view: PageView): Promise<void> {
  return draw(view, ++view.seq);
}

async function draw(view: PageView, seq = 0): Promise<void> {
  const { root, ctx } = view;
  const id = ctx.params.id;
  const stale = () => !ctx.isCurrent() || seq !== view.seq;
  const reads = takeReads(id, seq);
  let plot: Plot;
  try {
    plot = await reads.plot;
  } catch (e) {
    if (stale()) return;
    if (view.drawn) root.prepend(errorBox(e));
    else fill(root, h('h1', { tabindex: '-1' }, '地块'), errorBox(e), h('p', {}, h('a', { href: '/app/plots' }, '返回地块列表')));
    return;
  }
  const [wf, transportWf, history, reports, screening, documents, transports, consultants, districts, experts, holders] = await Promise.allSettled([
    reads.workflow,
    reads.transportWorkflow,
    reads.history,
    reads.reports,
    reads.screening,
    reads.documents,
    reads.transports,
    ctx.me.role === 'holder' || plot.allowedEvents.some((e) => CONSULTANT_EVENTS.includes(e)) ? organisations('consultant') : Promise.resolve([] as DirectoryOrganisation[]),
    reads.districts,
    plot.allowedEvents.includes('FORM_PANEL') || plot.context?.review?.panel ? expertOrganisations() : Promise.resolve([] as DirectoryOrganisation[]),
    plot.allowedEvents.some((e) => HOLDER_EVENTS.includes(e)) ? organisations('holder') : Promise.resolve([] as DirectoryOrganisation[]),
  ]);
  if (stale()) return;
  ctx.setTitle(`${plot.code} ${plot.name}`);
  const value = <T>(r: PromiseSettledResult<T | null | undefined>, fallback: T): T => (r.status === 'fulfilled' ? r.value ?? fallback : fallback);
  const reportList = itemsOf<PlotReport>(value(reports, []));
  const historyItems = value<PlotHistory>(history, { items: [] }).items ?? [];
  const consultantList = value(consultants, []);
  const definition = value<WorkflowDefinition | null>(wf, null);
  const eventLabels: Record<string, string> = Object.fromEntries((definition?.events ?? []).map((e): [string, string] => [e.type, e.label]));
  const transportDef = value<WorkflowDefinition | null>(transportWf, null);
  const done = (message: Child) => {
    flash = message;
    void redraw(view);
  };
  const { proposal, ranksTaken } = plot.allowedEvents.includes('SET_PRIORITY') ? await priorityProposal(plot) : { proposal: null, ranksTaken: [] };
  if (stale()) return;
  const jurisdictionNames = new Map(value(districts, []).map((j): [string, string] => [j.code, j.name]));
  const expertOrgs = value(experts, []);
  const orgNames = new Map([...expertOrgs, ...consultantList].map((o): [string, string] => [o.id, o.name]));
  for (const c of plot.commissions ?? []) orgNames.set(c.organisationId, c.organisationName);
  const screeningResult = value<PlotScreening | null>(screening, null);
  const underReview = reportList.find((r) => r.id === plot.context?.currentReportId) ?? null;
  const ready = readyEvents(plot, ctx.me);
  const conflicted = conflict?.plotId === plot.id ? conflict : null;
  conflict = null;
  const draft = conflicted && ready.events.includes(conflicted.type) ? conflicted : null;
  const actionCtx: EventFormContext = {
    plot, me: ctx.me, reports: reportList, consultants: consultantList, eventLabels, proposal, ranksTaken, done, names: jurisdictionNames, expertOrgs,
    holders: value(holders, []), workflow: definition, screening: screeningResult, underReview, draft,
    conflict: (c: EventConflict) => {
      conflict = { ...c, plotId: plot.id };
      void redraw(view);
    },
  };
  const upload = uploadCard(plot, ctx.me, done);
  const forms = eventForms({ ...actionCtx, plot: { ...plot, allowedEvents: ready.events } });
  const migrate = migrateCard(plot, ctx.me, done);
  const round = reviewRound(plot, { orgNames, reports: new Map(reportList.map((r) => [r.id, r])), names: jurisdictionNames });
  const decisions = decisionsPanel(plot, jurisdictionNames);
  const registered = ctx.query.get('registered') && !flash
    ? `地块已登记（登记原因：${REGISTRATION_REASON_LABELS[plot.context?.registrationReason ?? 'suspected']}），系统已出具登记表（D1）。`
    : null;
  // Said once: a reload of the page should not say it again.
  if (ctx.query.get('registered')) window.history.replaceState(null, '', location.pathname + location.hash);
  const message = flash ?? registered;
  flash = null;
  const flashBox = conflicted
    ? conflictNotice(conflicted, plot, historyItems, Boolean(draft))
    : message ? h('div', { class: 'notice notice-ok', role: 'status', tabindex: '-1', 'data-testid': 'flash' }, message) : null;
  const openTransports = itemsOf<PlotTransport>(value<unknown>(transports, [])).filter((t) => !['closed', 'cancelled'].includes(t.state));
  const worksNote = plot.state === 'listed.remediation.inProgress' && openTransports.length && !plot.allowedEvents.includes('COMPLETE_WORKS')
    ? h('p', { class: 'notice notice-info', 'data-testid': 'open-transports-note' },
      `本地块尚有 ${openTransports.length} 批污染土壤转运未办结，办结后方可完成修复施工（土壤法第四十一条）。`, h('a', { href: '#transports' }, '查看转运'))
    : null;

  const partyNames = [plot.parties?.investigationDuty, plot.parties?.controlDuty, plot.parties?.responsible, ...(plot.parties?.formerHolders ?? [])]
    .filter((x): x is PlotParty & { organisationId: string; name: string } => Boolean(x?.organisationId && x.name))
    .map((x): [string, string] => [x.organisationId, x.name]);
  const names = {
    orgs: new Map<string, string>([
      ...consultantList.map((o): [string, string] => [o.id, o.name]), ...value(holders, []).map((o): [string, string] => [o.id, o.name]), ...partyNames,
      [plot.holderOrganisationId, plot.holderOrganisationName],
      ...(plot.commissions ?? []).map((c): [string, string] => [c.organisationId, c.organisationName]),
    ]),
    reports: new Map(reportList.map((r) => [r.id, r])),
  };
  const parties = partiesPanel(plot);
  const reopenings = reopeningsPanel(plot, names.reports);
  const aftercare = aftercarePanel(plot);
  const zone = controlZonePanel(plot);
  const desk = underReview && ready.events.some((e) => DESK_EVENTS.includes(e))
    ? reviewDesk(plot, underReview, screening)
    : null;
  const visited = new Set(historyItems.filter((i) => i.entity !== 'transport').flatMap((i) => ancestors(i.to)));

  const parts = [
    h('div', { class: 'page-head plot-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: '/app/plots' }, '地块'), ' / ', plot.code),
        h('h1', { tabindex: '-1' }, `${plot.code} ${plot.name}`),
        h('p', { class: 'plot-state' }, stageBadge(plot.state, plot.stateLabel), h('span', { class: 'muted small' }, ` ${workflowLabel(plot.machine?.version)}`))),
      auditCheckButton(plot.id, ctx.me)),
    h('nav', { class: 'page-nav', 'aria-label': '本页目录' },
      [['actions', '办理'], decisions ? ['decisions', '分级决定'] : null, ['facts', '基本信息'], ['boundary', '位置'], parties ? ['parties', '权利人与责任主体'] : null,
        reopenings ? ['reopenings', '重新启动调查'] : null, aftercare ? ['aftercare', '后期管理'] : null, zone ? ['control-zone', '管控区域'] : null, ['lifecycle', '流程'], ['timeline', '办理记录'], ['reports', '报告'], ['screening', '样品筛查'], ['documents', '备案文件'], ['transports', '土壤转运']]
        .filter((x): x is string[] => Boolean(x)).map(([anchor, text]) => h('a', { href: `#${anchor}` }, text))),
    h('div', { class: 'plot-grid' },
      h('div', { id: 'actions', class: ['anchor', desk && 'wide'] }, section('现在可以办理',
        flashBox,
        worksNote,
        nextStep(plot, definition, jurisdictionNames),
        reviewProgress(plot, jurisdictionNames),
        decisionNow(plot, jurisdictionNames),
        round,
        ready.waiting ? h('p', { class: 'notice notice-warn', 'data-testid': 'round-waiting' }, ready.waiting) : null,
        desk
          ? h('div', { class: 'review-desk', 'data-testid': 'review-desk' },
            h('div', { class: 'desk-report' }, desk),
            h('div', { class: 'desk-forms actions-grid' }, forms.filter((f) => DESK_EVENTS.includes(f.dataset.event ?? ''))))
          : null,
        desk
          ? h('div', { class: 'actions-grid desk-others' }, upload, forms.filter((f) => !DESK_EVENTS.includes(f.dataset.event ?? '')), migrate)
          : forms.length || upload || migrate
            ? h('div', { class: 'actions-grid' }, upload, forms, migrate)
            : h('p', { class: 'empty' }, '您现在没有需要在此地块上办理的事项。'))),
      decisions ? h('div', { id: 'decisions', class: 'anchor' }, section('分级决定', decisions)) : null,
      h('div', { id: 'facts', class: 'anchor' }, section('基本信息', facts(plot))),
      desk ? null : h('div', { id: 'boundary', class: 'anchor', dataset: { key: `${plot.state}|${reportList.length}|${JSON.stringify(plot.boundary ?? null)}` } }, section('地块位置', boundaryMap(plot as MappedPlot))),
      parties ? h('div', { id: 'parties', class: 'anchor' }, section('权利人与责任主体', parties)) : null,
      reopenings ? h('div', { id: 'reopenings', class: 'anchor wide' }, section('重新启动调查', reopenings)) : null,
      aftercare ? h('div', { id: 'aftercare', class: 'anchor wide' }, section('后期管理', aftercare)) : null,
      zone ? h('div', { id: 'control-zone', class: 'anchor wide' }, section('管控区域', zone)) : null,
      h('div', { id: 'lifecycle', class: 'anchor wide', dataset: { key: `${plot.state}|${[...visited].join(',')}` } }, section('全生命周期流程',
        definition?.definition ? lifecycleDiagram(definition as LifecycleWorkflow, plot.state, visited) : h('p', { class: 'empty' }, '暂无流程定义。'))),
      h('div', { id: 'timeline', class: 'anchor' }, section('办理记录', settled(history, (d: PlotHistory) => timeline(d.items ?? [], names)))),
      h('div', { id: 'reports', class: 'anchor wide' }, section('报告', settled(reports, (d: PlotReport[]) => reportsTable(plot.id, itemsOf(d))))),
      desk ? null : h('div', { id: 'screening', class: 'anchor wide' }, section('样品筛查（GB 36600-2018）', settled(screening, screeningTable))),
      h('div', { id: 'documents', class: 'anchor wide' }, section('备案文件', settled(documents, (d: FilingDocument[]) => foldedDocuments(itemsOf(d))))),
      h('div', { id: 'transports', class: 'anchor wide' }, section('污染土壤转运', settled(transports, (d: { items: PlotTransport[] }) => transportsSection(itemsOf(d), {
        ...actionCtx,
        transportLabels: Object.fromEntries((transportDef?.events ?? []).map((e): [string, string] => [e.type, e.label])),
        transportStates: Object.fromEntries((transportDef?.states ?? []).map((s): [string, string] => [s.path, s.label])),
      })))))];
  if (view.drawn) patchPage(root, parts);
  else fill(root, ...parts);
  view.drawn = true;
  // Focused without scrolling: after an action the reader stays where they were.
  if (flashBox) flashBox.focus({ preventScroll: seq > 0 });
}

/** Parts that hold no form of the plot's current version: kept as drawn when the new drawing is the same. */
const KEPT_WHEN_SAME = new Set(['facts', 'boundary', 'parties', 'reopenings', 'aftercare', 'control-zone', 'lifecycle', 'timeline', 'reports', 'screening', 'documents']);

/**
 * The page drawn again in place: the header, the page's contents and every part that changed are replaced; a
 * part drawn the same (or with the same key: the map, the diagram) stays as it is, and every fold keeps its state.
 */
function patchPage(root: HTMLElement, [head, nav, grid]: HTMLElement[]) {
  const x = window.scrollX;
  const y = window.scrollY;
  const folds = foldStates(root);
  for (const stale of root.querySelectorAll(':scope > .notice-error')) stale.remove();
  root.querySelector(':scope > .plot-head')?.replaceWith(head);
  root.querySelector(':scope > .page-nav')?.replaceWith(nav);
  const oldGrid = root.querySelector<HTMLElement>(':scope > .plot-grid');
  if (!oldGrid) {
    fill(root, head, nav, grid);
    return;
  }
  // The grid's parts are the divs drawn above.
  for (const part of [...grid.children] as HTMLElement[]) {
    const old = part.id && KEPT_WHEN_SAME.has(part.id) ? oldGrid.querySelector<HTMLElement>(`:scope > #${part.id}`) : null;
    if (!old) continue;
    const same = part.dataset.key !== undefined ? part.dataset.key === old.dataset.key : part.isEqualNode(old);
    if (same) part.replaceWith(old);
  }
  for (const d of grid.querySelectorAll('details')) {
    const open = folds.get(foldKey(d));
    if (open !== undefined) d.open = open;
  }
  oldGrid.replaceWith(grid);
  window.scrollTo(x, y);
}

function foldKey(details: HTMLDetailsElement): string {
  return details.dataset.testid ?? details.querySelector(':scope > summary')?.textContent ?? '';
}

function foldStates(root: HTMLElement): Map<string, boolean> {
  return new Map([...root.querySelectorAll('details')].map((d) => [foldKey(d), d.open]));
}

/**
 * The priority model's proposal for this plot (优先控制名录) and the ranks other plots of its jurisdiction hold
 * already (ranks are per jurisdiction), when the registers answer.
 */
async function priorityProposal(plot: Plot): Promise<{ proposal: PriorityEntry | null; ranksTaken: RankTaken[] }> {
  try {
    const items = itemsOf<PriorityEntry>((await optional('/registers/priority')).data);
    const ranksTaken = items.filter((e): e is PriorityEntry & { rank: number } => e.plotId !== plot.id && Boolean(e.rank) && e.jurisdiction === plot.jurisdiction)
      .map((e) => ({ rank: e.rank, code: e.code })).sort((a, b) => a.rank - b.rank);
    return { proposal: items.find((e) => e.plotId === plot.id) ?? null, ranksTaken };
  } catch {
    return { proposal: null, ranksTaken: [] };
  }
}

/**
 * The report under review beside the reviewer's forms (issue 22 point 4): what it is and concludes, its download,
 * its screening table and its sample points on the plot's small map.
 */
function reviewDesk(plot: Plot, report: PlotReport, screening: PromiseSettledResult<PlotScreening>): Child[] {
  return [
    h('section', { class: 'desk-part', 'aria-labelledby': 'desk-report-h', 'data-testid': 'desk-report' },
      h('h3', { id: 'desk-report-h' }, `审查中的报告：${labelOf(REPORT_KIND_LABELS, report.kind) ?? '报告'}`),
      h('dl', { class: 'facts compact' },
        fact('文件', `${report.fileName}（${report.pages ?? '?'} 页）`),
        fact('编制单位', report.authorOrganisationName),
        fact('上传时间', dateTime(report.createdAt)),
        fact('报告结论', conclusionText(report.kind, report.conclusion)),
        fact('样品', report.sampleCount ? `${report.sampleCount} 条` : '—'),
        fact('SHA-256', digest(report.fileSha256))),
      reportDownload(plot.id, report),
      reportPreview(plot.id, report)),
    h('section', { id: 'screening', class: 'desk-part anchor', 'aria-labelledby': 'desk-screening-h' },
      h('h3', { id: 'desk-screening-h' }, '样品筛查（GB 36600-2018）'), settled(screening, screeningTable)),
    h('section', { id: 'boundary', class: 'desk-part anchor', 'aria-labelledby': 'desk-map-h' },
      h('h3', { id: 'desk-map-h' }, '地块位置与采样点'), boundaryMap(plot as MappedPlot)),
  ];
}

/** The report's file, saved by the browser (the API answers it to a signed-in caller only). */
function reportDownload(plotId: string, report: PlotReport): HTMLElement {
  const { button, status } = fileButton('下载报告（PDF）', () => download(`/plots/${plotId}/reports/${report.id}/file`, report.fileName));
  return h('p', { class: 'desk-download' }, button, ' ', status);
}

/**
 * The report shown in the page on demand (a report may be large; a slow link should not fetch it unasked): fetched
 * through the session and framed from a blob: URL (the console's CSP frames only its own origin and blob: URLs).
 */
function reportPreview(plotId: string, report: PlotReport): Child[] {
  const holder = h('div', { class: 'report-preview', 'data-testid': 'report-preview' });
  const { button, status } = fileButton('在页面中预览报告', async () => {
    const blob = new Blob([await fileBlob(`/plots/${plotId}/reports/${report.id}/file`, 'application/pdf')], { type: 'application/pdf' });
    const frame = h('iframe', { class: 'report-frame', title: `${labelOf(REPORT_KIND_LABELS, report.kind) ?? '报告'}预览`, src: URL.createObjectURL(blob) });
    holder.replaceChildren(frame);
  }, { busyText: '正在加载报告……', failText: (e) => (e instanceof Error ? e.message : String(e)), once: true });
  return [h('p', { class: 'desk-download' }, button, ' ', status), holder];
}

/** The documents, the latest five shown and the rest folded. */
function foldedDocuments(items: FilingDocument[]): Child {
  if (items.length <= 5) return documentsTable(items);
  // The list is in issue order: the latest are at its end.
  return [
    h('details', { class: 'folded', 'data-testid': 'documents-folded' },
      h('summary', {}, `较早的 ${items.length - 5} 份备案文件`), documentsTable(items.slice(0, -5))),
    documentsTable(items.slice(-5)),
  ];
}

/**
 * A step refused because the plot changed while it was open: what changed since, in words, and whether the step is
 * offered again with what was typed (or the typed text, to keep, when it is not).
 */
function conflictNotice(c: PlotConflict, plot: Plot, history: readonly HistoryItem[], offered: boolean): HTMLElement {
  const since = history.filter((i) => i.entity !== 'transport' && Number(i.seq) > c.version)
    .map((i) => {
      const org = i.organisation ?? i.roleLabel ?? '';
      return `${i.actor ?? '—'}${org && !String(i.actor ?? '').includes(org) ? `（${org}）` : ''}办理了“${i.typeLabel ?? '—'}”`;
    });
  const typed = Object.values(c.values ?? {}).filter((v) => typeof v === 'string' && v.length > 1).join('；');
  return h('div', { class: 'notice notice-warn', role: 'alert', tabindex: '-1', 'data-testid': 'conflict' },
    h('p', {}, h('strong', {}, `“${c.label}”未办理：您打开本页后，地块的办理情况已有变化。`)),
    since.length ? h('p', {}, `期间${since.join('；')}。`) : null,
    h('p', {}, `地块现为“${plot.stateLabel}”。`),
    offered
      ? h('p', {}, '此事项仍可办理，您填写的内容已保留在下方表单中，请核对后再次提交。')
      : h('p', {}, '此事项现已不能由您办理。', typed ? `您填写的内容：${typed}` : ''));
}

/** 'a.b.c' → ['a', 'a.b', 'a.b.c']. */
function ancestors(path: string | null | undefined): string[] {
  if (!path) return [];
  const parts = String(path).split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
