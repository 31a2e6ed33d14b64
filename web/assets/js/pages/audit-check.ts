// 审计链核验: recomputes the audit chains the caller may see (an administrator's: all, with the upgrade seal and the
// daily digests; a bureau's: its jurisdiction's), or one plot's or key unit's chain picked here or linked from the
// plot page (?plotId=…), and says in words whether every record is as it was written.
import { get, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { number } from '../format.js';
import type { SignedInContext } from '../page.js';
import { section } from '../widgets.js';

/** GET /audit/verify: ChainCheck of src/engine/audit-verifier.ts, the fields the verdict reads. */
interface ChainCheck {
  valid: boolean;
  checked: number;
  chains: number;
  scope: string;
  elapsedMs?: number;
  digestsChecked?: number;
  /** BrokenLink of src/engine/audit-verifier.ts. */
  firstBroken?: { plotId: string | null; entityType: string; entityId: string; seq: number; reason: string };
  sealBroken?: { reason: string };
  digestBroken?: { date: string; reason: string };
}

/** A plot as GET /plots lists it and GET /plots/:id answers: what the picker shows of it. */
interface PlotChoice {
  id: string;
  code: string;
  name: string;
}

/** A unit as GET /key-units lists it (a KeyUnitView): what the picker shows of it. */
interface UnitChoice {
  id: string;
  name: string;
}

/** One chain chosen in the picker: its words and the query of GET /audit/verify. */
interface AuditTarget {
  label: string;
  query: Record<string, string>;
}

/** The picker: its element, the chain chosen (undefined for the whole scope), and the address's preset. */
interface TargetPicker {
  onChange: (target: AuditTarget | undefined) => void;
  target: () => AuditTarget | undefined;
  el: HTMLElement;
  preset: () => Promise<boolean>;
}

const ENTITY_LABELS: Record<string, string> = { plot: '地块', transport: '转运批次', key_unit: '重点监管单位', warning: '监测预警', public_report: '公众举报' };

const SCOPE_TEXT: Record<string, string> = { all: '全部审计链', jurisdiction: '本辖区的审计链', plot: '本地块（含其转运批次）的审计链', key_unit: '本重点监管单位的审计链' };

function verdict(res: ChainCheck): HTMLElement {
  const scope = SCOPE_TEXT[res.scope] ?? '审计链';
  const counted = `共核验 ${number(res.checked, 0)} 条记录、${number(res.chains, 0)} 条审计链${res.digestsChecked ? `、${number(res.digestsChecked, 0)} 份每日摘要` : ''}。`;
  if (res.valid) {
    return h('div', { class: 'notice notice-ok', role: 'status', 'data-testid': 'audit-result' },
      h('p', {}, h('strong', {}, `${scope}完好：每条记录已核验，未发现改动。`)), h('p', {}, counted));
  }
  const lines: string[] = [];
  const b = res.firstBroken;
  if (b) lines.push(`${ENTITY_LABELS[b.entityType] ?? '记录'}的审计链第 ${b.seq} 条被改动或缺失：${b.reason}`);
  if (res.sealBroken) lines.push(`升级封存记录不符：${res.sealBroken.reason}`);
  if (res.digestBroken) lines.push(`${res.digestBroken.date} 的每日摘要不符：${res.digestBroken.reason}`);
  return h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'audit-result' },
    h('p', {}, h('strong', {}, `${scope}被改动，请立即报告系统管理员。`)),
    lines.map((l) => h('p', {}, l)),
    h('p', {}, `核验在发现改动处停止，此前已核验 ${number(res.checked, 0)} 条记录。`),
    b?.plotId ? h('p', {}, h('a', { href: `/app/plots/${b.plotId}` }, '查看该地块')) : null,
    b?.entityType === 'key_unit' ? h('p', {}, h('a', { href: `/app/key-units/${b.entityId}` }, '查看该重点监管单位')) : null);
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('审计链核验');
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '审计链核验')));
  if (!['admin', 'eeb', 'land'].includes(ctx.me.role)) {
    add(root, h('div', { class: 'notice notice-info' }, '审计链核验由系统管理员和生态环境、自然资源主管部门使用。'));
    return;
  }
  const all = ctx.me.role === 'admin';
  const result = h('div', { 'aria-live': 'polite' });
  const progress = h('p', { class: 'small', role: 'status', 'data-testid': 'audit-progress' });
  const picker = targetPicker(ctx);
  const wholeLabel = all ? '全部审计链' : '本辖区审计链';
  const runButton = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { testid: 'audit-run' },
    on: { click: () => check() },
  }, `核验${wholeLabel}`);
  picker.onChange = (target) => (runButton.textContent = target ? `核验${target.label}的审计链` : `核验${wholeLabel}`);

  async function check() {
    runButton.disabled = true;
    fill(result);
    const target = picker.target();
    const started = Date.now();
    const tick = () => (progress.textContent = `正在逐条重算审计链……已用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
    tick();
    const timer = setInterval(tick, 1000);
    try {
      const res = await get<ChainCheck>(`/audit/verify${target ? query(target.query) : ''}`);
      if (!ctx.isCurrent()) return;
      const took = res.elapsedMs !== undefined ? res.elapsedMs / 1000 : (Date.now() - started) / 1000;
      progress.textContent = `核验完成，用时${took < 0.1 ? '不到 0.1' : ` ${took.toFixed(1)}`} 秒。`;
      fill(result, target ? h('p', { class: 'small', 'data-testid': 'audit-target' }, `核验对象：${target.label}`) : null, verdict(res));
    } catch (e) {
      progress.textContent = '';
      fill(result, h('div', { class: 'notice notice-error', role: 'alert' }, `核验未能完成：${e instanceof Error ? e.message : String(e)}`));
    } finally {
      clearInterval(timer);
      runButton.disabled = false;
    }
  }

  add(root, section('核验',
    h('p', {}, all
      ? '重新计算每个地块、转运批次、重点监管单位、监测预警和公众举报的审计链，以及升级封存记录和每日摘要；任何一条记录被改动、删除或插入都会被指出。记录多时需要几分钟。'
      : '重新计算本辖区地块及其转运批次的审计链；任何一条记录被改动、删除或插入都会被指出。'),
    h('p', {}, '也可以只核验一个地块（含其转运批次）或一个重点监管单位的审计链，几秒即可完成。'),
    picker.el, h('p', {}, runButton), progress, result));
  // Linked from a plot's page: that plot chosen and checked at once.
  if (await picker.preset()) check();
}

/**
 * 核验范围: the whole scope, one plot found by its code, name or address, or one key unit from the caller's list.
 * target() is undefined for the whole scope, else { label, query }.
 */
function targetPicker(ctx: SignedInContext): TargetPicker {
  let chosen: AuditTarget | undefined;
  // el and preset are set below, before the picker is returned.
  const picker = { onChange: (_target: AuditTarget | undefined): void => undefined, target: () => chosen } as TargetPicker;
  const choose = (target: AuditTarget | undefined) => {
    chosen = target;
    picker.onChange(target);
  };
  const searchBox = h('input', { type: 'search', id: 'audit-plot-q', placeholder: '地块编码、名称或地址', autocomplete: 'off' });
  const plotSelect = h('select', { id: 'audit-plot', dataset: { testid: 'audit-plot' } });
  const unitSelect = h('select', { id: 'audit-unit', 'aria-label': '选择重点监管单位', dataset: { testid: 'audit-unit' } });
  // .field[hidden] is hidden by the style sheet; .filters alone would stay a grid.
  const plotPart = h('div', { class: 'field', hidden: true }, h('div', { class: 'filters' },
    h('div', { class: 'field' }, h('label', { for: 'audit-plot-q' }, '查找地块'), searchBox),
    h('div', { class: 'field' }, h('label', { for: 'audit-plot' }, '地块'), plotSelect),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn', on: { click: () => findPlots() } }, '查找'))));
  const unitPart = h('div', { class: 'field', hidden: true }, h('label', { for: 'audit-unit' }, '重点监管单位'), unitSelect);
  const optionOf = (value: string, label: string) => h('option', { value }, label);
  const pickPlot = () => {
    const o = plotSelect.selectedOptions[0];
    choose(o?.value ? { label: `地块“${o.textContent}”`, query: { plotId: o.value } } : undefined);
  };
  const pickUnit = () => {
    const o = unitSelect.selectedOptions[0];
    choose(o?.value ? { label: `重点监管单位“${o.textContent}”`, query: { keyUnitId: o.value } } : undefined);
  };
  plotSelect.addEventListener('change', pickPlot);
  unitSelect.addEventListener('change', pickUnit);
  searchBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      findPlots();
    }
  });
  async function findPlots() {
    const q = searchBox.value.trim();
    const res = await get<{ items: PlotChoice[] }>(`/plots${query({ ...(q ? { q } : {}), pageSize: 20 })}`);
    fill(plotSelect, res.items.length ? res.items.map((p) => optionOf(p.id, `${p.code} ${p.name}`)) : optionOf('', '没有找到地块'));
    pickPlot();
  }
  let unitsLoaded = false;
  async function loadUnits() {
    if (unitsLoaded) return;
    unitsLoaded = true;
    const res = await get<{ items: UnitChoice[] }>(`/key-units${query({ pageSize: 200 })}`);
    fill(unitSelect, res.items.length ? res.items.map((u) => optionOf(u.id, u.name)) : optionOf('', '没有可核验的重点监管单位'));
  }
  const kinds = [['scope', ctx.me.role === 'admin' ? '全部审计链' : '本辖区全部审计链'], ['plot', '一个地块'], ['unit', '一个重点监管单位']];
  const radios = kinds.map(([value, label]) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'audit-kind', value, checked: value === 'scope', on: { change: () => kind(value) } }), ' ', label));
  async function kind(value: string): Promise<void> {
    plotPart.hidden = value !== 'plot';
    unitPart.hidden = value !== 'unit';
    if (value === 'scope') return choose(undefined);
    if (value === 'plot') return plotSelect.options.length ? pickPlot() : findPlots();
    await loadUnits();
    pickUnit();
  }
  picker.el = h('div', { class: 'audit-target', dataset: { testid: 'audit-picker' } },
    h('fieldset', { class: 'field choices' }, h('legend', {}, '核验范围'), h('div', { class: 'choice-list' }, radios)), plotPart, unitPart);
  /** ?plotId= or ?keyUnitId= of the address: that one chosen; true when there was one. */
  picker.preset = async () => {
    const params = new URLSearchParams(location.search);
    const plotId = params.get('plotId');
    const unitId = params.get('keyUnitId');
    if (!plotId && !unitId) return false;
    const value = plotId ? 'plot' : 'unit';
    const radio = radios.find((r) => r.querySelector('input')?.value === value)?.querySelector('input');
    if (radio) radio.checked = true;
    plotPart.hidden = value !== 'plot';
    unitPart.hidden = value !== 'unit';
    if (plotId) {
      const plot = await get<PlotChoice>(`/plots/${encodeURIComponent(plotId)}`).catch(() => undefined);
      fill(plotSelect, optionOf(plotId, plot ? `${plot.code} ${plot.name}` : '所选地块'));
      pickPlot();
    } else if (unitId) {
      await loadUnits();
      if (![...unitSelect.options].some((o) => o.value === unitId)) add(unitSelect, optionOf(unitId, '所选重点监管单位'));
      unitSelect.value = unitId;
      pickUnit();
    }
    return true;
  };
  return picker;
}
