// Reports with their digests, the screening table, and the filing documents of a plot.
import { download } from '../api.js';
import { h } from '../dom.js';
import { conclusionText, date, dateTime, LAND_CLASS_LABELS, number, REPORT_KIND_LABELS, VERDICT_LABELS } from '../format.js';
import { digest, empty, errorBox, table } from '../widgets.js';

function downloadButton(path, name, label = '下载') {
  const status = h('span', { class: 'dl-status small', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'btn btn-small',
    on: {
      click: async () => {
        button.disabled = true;
        status.textContent = '';
        try {
          await download(path, name);
        } catch (e) {
          status.textContent = `下载失败：${e.message}`;
        } finally {
          button.disabled = false;
        }
      },
    },
  }, label);
  return h('span', { class: 'dl' }, button, status);
}

export function reportsTable(plotId, reports) {
  return table([
    { label: '类型', cell: (r) => REPORT_KIND_LABELS[r.kind] ?? r.kind },
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

export function screeningTable(result) {
  if (!result) return empty('暂无筛查结果。');
  const verdict = h('p', { class: 'screening-verdict' },
    '筛查结论：', h('span', { class: `verdict ${VERDICT_CLASS[result.verdict] ?? ''}` }, VERDICT_LABELS[result.verdict] ?? result.verdict),
    h('span', { class: 'muted' }, `（按${LAND_CLASS_LABELS[result.landClass] ?? '第一类用地'}筛选值，GB 36600-2018）`));
  const rows = result.analytes ?? [];
  if (!rows.length) return [verdict, empty('暂无样品检测数据。')];
  return [verdict, table([
    { label: '检测项目', cell: (a) => h('span', {}, a.name, h('span', { class: 'muted small' }, ` ${a.cas}`)) },
    { label: '样品数', cell: (a) => (a.n !== undefined ? `${a.n}（检出 ${a.nDetected ?? '—'}）` : '—'), className: 'num' },
    { label: '最大值 mg/kg', cell: (a) => number(a.max, 3), className: 'num' },
    { label: '筛选值', cell: (a) => number(a.screeningValue, 3), className: 'num' },
    { label: '管制值', cell: (a) => number(a.interventionValue, 3), className: 'num' },
    { label: '超筛选值', cell: (a) => count(a.nAboveScreening), className: 'num' },
    { label: '超管制值', cell: (a) => count(a.nAboveIntervention), className: 'num' },
    { label: '超标倍数', cell: (a) => (a.factor === null || a.factor === undefined ? '—' : `${number(a.factor, 3)} 倍`), className: 'num' },
    { label: '判定', cell: (a) => exceedance(a) },
  ], rows, {
    caption: '样品筛查（每项污染物）',
    rowClass: (a) => (a.nAboveIntervention > 0 ? 'row-bad' : a.nAboveScreening > 0 ? 'row-warn' : ''),
  })];
}

function count(n) {
  return n > 0 ? h('strong', {}, String(n)) : String(n ?? 0);
}

function exceedance(a) {
  if (a.nAboveIntervention > 0) return h('span', { class: 'verdict v-bad' }, '超管制值');
  if (a.nAboveScreening > 0) return h('span', { class: 'verdict v-warn' }, '超筛选值');
  return h('span', { class: 'verdict v-ok' }, '未超标');
}

export function documentsTable(docs) {
  return table([
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

/** A section body from a settled load: the content, "暂无" when the module is not there, or the error. */
export function settled(result, render, missingText = '暂无') {
  if (result.status === 'rejected') return result.reason?.missing ? empty(missingText) : errorBox(result.reason);
  return render(result.value);
}
