// One soil transport (污染土壤转运, 土壤法 art. 41): its plan and batches, what its bureaus and holder see and do, and its D10.
import { get, optional } from '../api.js';
import { workflow } from '../directory.js';
import { add, fill, h, type Child } from '../dom.js';
import { itemsOf } from '../format.js';
import { refresh } from '../main.js';
import type { SignedInContext } from '../page.js';
import { documentsTable, settled } from '../plot/evidence.js';
import { transportCard } from '../plot/transports.js';
import { errorBox, loading, section } from '../widgets.js';

/** GET /transports/:id, the parts this page reads (the card reads the rest). */
interface Transport {
  plotId: string;
  plotCode: string;
  plotName: string;
  batchNo?: string;
  number?: string;
  holderOrganisationId?: string;
  holderOrganisationName?: string;
  originJurisdiction: string;
  originJurisdictionName?: string;
  destinationJurisdiction?: string | null;
  destinationJurisdictionName?: string | null;
}

/** GET /workflows/soil-transport, the labels of its events and states. */
interface Definition {
  events?: { type: string; label: string }[];
  states?: { path: string; label: string }[];
}

let flash: string | null = null;

function fact(label: string, value: Child): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value ?? '—'));
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  const id = ctx.params.id;
  add(root, loading());
  let transport: Transport;
  try {
    transport = await get<Transport>(`/transports/${id}`);
  } catch (e) {
    fill(root, h('h1', { tabindex: '-1' }, '污染土壤转运'), errorBox(e), h('p', {}, h('a', { href: '/app/' }, '返回待办')));
    return;
  }
  const [wf, documents, reports, plot] = await Promise.allSettled([
    workflow('soil-transport'),
    get(`/transports/${id}/documents`),
    // Only the transport's holder needs the plot's reports (the receipt); a destination bureau cannot read the plot.
    transport.holderOrganisationId === ctx.me.organisationId ? get(`/plots/${transport.plotId}/reports`) : Promise.resolve([]),
    optional(`/plots/${transport.plotId}`),
  ]);
  if (!ctx.isCurrent()) return;
  const value = <T>(r: PromiseSettledResult<unknown>, fallback: T): T => (r.status === 'fulfilled' ? ((r.value as T | null | undefined) ?? fallback) : fallback);
  const def = value<Definition | null>(wf, null);
  const plotVisible = value<{ available?: boolean } | null>(plot, null)?.available === true;
  const batch = transport.batchNo ?? transport.number;
  ctx.setTitle(`转运批次 ${batch}`);
  const message = flash;
  flash = null;
  const flashBox = message ? h('div', { class: 'notice notice-ok', role: 'status', tabindex: '-1', 'data-testid': 'flash' }, message) : null;
  const card = transportCard(transport, {
    reports: itemsOf(value<unknown>(reports, [])),
    transportLabels: Object.fromEntries((def?.events ?? []).map((e) => [e.type, e.label])),
    transportStates: Object.fromEntries((def?.states ?? []).map((s) => [s.path, s.label])),
    done: (text: string) => {
      flash = text;
      void refresh();
    },
  });
  fill(root,
    h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: '/app/' }, '待办'), ' / ', `转运批次 ${batch}`),
        h('h1', { tabindex: '-1' }, `污染土壤转运 · 批次 ${batch}`))),
    h('div', { class: 'plot-grid' },
      h('div', { id: 'facts', class: 'anchor' }, section('来源地块',
        h('dl', { class: 'facts' },
          fact('地块编码', plotVisible ? h('a', { href: `/app/plots/${transport.plotId}` }, transport.plotCode) : transport.plotCode),
          fact('地块名称', transport.plotName),
          fact('土地使用权人', transport.holderOrganisationName),
          fact('所在地', `${transport.originJurisdictionName}（${transport.originJurisdiction}）`),
          fact('接收地', transport.destinationJurisdiction
            ? `${transport.destinationJurisdictionName ?? ''}（${transport.destinationJurisdiction}）` : '尚未报送转运计划')))),
      h('div', { id: 'transports', class: 'anchor wide' }, section('转运计划与发运批次', flashBox, card)),
      h('div', { id: 'documents', class: 'anchor wide' }, section('转运文件', settled(documents, (d: unknown) => documentsTable(itemsOf(d)))))));
  if (flashBox) flashBox.focus();
}
