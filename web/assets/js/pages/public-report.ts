// 12369 公众举报 (土壤法第八十四条): the public form without login, and the status page read by receipt code.
import { api, get } from '../api.js';
import { add, fill, h, type Attrs, type Child } from '../dom.js';
import { date } from '../format.js';
import { makeForm } from '../forms.js';
import type { PageContext } from '../page.js';
import { errorBox, loading, section } from '../widgets.js';

/** GET /public/reports/:code: a report's progress as its reporter may read it. */
interface ReportStatus {
  receiptCode: string;
  status: string;
  receivedOn: string;
  jurisdiction: string;
  reply: string | null;
  repliedOn: string | null;
  reward: string | null;
}

const fact = (label: string, attrs: Attrs, value: Child) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', attrs, value ?? '—'));

const IMAGE = /^image\/(jpeg|png|webp)$/;

function photosInput(): HTMLElement {
  return h('div', { class: 'field' },
    h('label', { for: 'report-photos' }, '照片（可选，最多 3 张 JPEG、PNG 或 WebP，每张不超过 5 MB）'),
    h('input', { id: 'report-photos', name: 'photos', type: 'file', multiple: true, accept: 'image/jpeg,image/png,image/webp' }));
}

function receipt(code: string): HTMLElement {
  return h('div', { class: 'callout success', role: 'status' },
    h('p', {}, '举报已受理。请记下回执码，凭回执码查询办理进度和答复：'),
    h('p', { class: 'receipt-code', 'data-receipt': code }, h('strong', {}, code)),
    h('p', {}, h('a', { href: `/app/public/report/${code}` }, '查看办理进度')));
}

/** The photos the form's own file input holds (not a field spec: it takes several files). */
function photosOf(form: HTMLFormElement): File[] {
  return [...(form.querySelector<HTMLInputElement>('#report-photos')?.files ?? [])];
}

async function form(body: HTMLElement): Promise<HTMLFormElement> {
  const districts = (await get<{ items?: { code: string; name: string }[] }>('/public/reports/districts')).items ?? [];
  const photos = photosInput();
  const f = makeForm({
    intro: '请描述您看到的土壤污染情况（如倾倒、填埋废物，废液渗漏等）。您的姓名和电话只对承办的生态环境部门可见，依法予以保密（土壤法第八十四条）；实名举报并查证属实的，给予奖励。',
    fields: [
      { name: 'description', label: '看到的情况', type: 'textarea', required: true, maxLength: 2000 },
      { name: 'jurisdiction', label: '发生地所在区县', type: 'select', required: true, options: districts.map((d) => ({ value: d.code, label: d.name })) },
      { name: 'address', label: '地址或位置描述', maxLength: 300, hint: '填写地址，或填写下面的经纬度（可在公开地图上点选后抄录）' },
      { name: 'lon', label: '经度（可选）', type: 'number', min: -180, max: 180, step: 'any' },
      { name: 'lat', label: '纬度（可选）', type: 'number', min: -90, max: 90, step: 'any' },
      { name: 'seenOn', label: '发现日期', type: 'date', required: true },
      { name: 'contactName', label: '联系人（可选）', maxLength: 50 },
      { name: 'contactPhone', label: '联系电话（可选）', maxLength: 30 },
    ],
    note: photos,
    submitLabel: '提交举报',
    extraCheck: (formEl) => {
      const files = photosOf(formEl);
      if (files.length > 3) return [{ field: 'photos', message: '最多上传 3 张照片' }];
      const bad = files.find((x) => !IMAGE.test(x.type) || x.size > 5 * 1024 * 1024);
      return bad ? [{ field: 'photos', message: `“${bad.name}”不是 5 MB 以内的 JPEG、PNG 或 WebP 图片` }] : [];
    },
    extraLabels: { photos: '照片' },
    confirm: (v) => ({ title: '确认提交举报', lines: [`举报将交由${districts.find((d) => d.code === v.jurisdiction)?.name ?? '所在区县'}生态环境部门办理；提交后会显示回执码，凭回执码查询进度和答复。`] }),
    onSubmit: async (v, formEl) => {
      const data = new FormData();
      for (const k of ['description', 'jurisdiction', 'address', 'seenOn', 'contactName', 'contactPhone']) if (v[k]) data.append(k, String(v[k]));
      if (v.lon !== '' && v.lat !== '') { data.append('lon', String(v.lon)); data.append('lat', String(v.lat)); }
      for (const file of photosOf(formEl)) data.append('photos', file, file.name);
      const res = await api<{ receiptCode: string }>('POST', '/public/reports', data);
      fill(body, receipt(res.receiptCode));
    },
  });
  return f;
}

function statusView(s: ReportStatus): HTMLElement {
  return h('div', {},
    h('dl', { class: 'facts' },
      fact('回执码', {}, s.receiptCode),
      fact('办理状态', { 'data-status': '' }, h('strong', {}, s.status)),
      fact('受理日期', {}, date(s.receivedOn)),
      fact('承办地区', {}, s.jurisdiction),
      fact('答复', { 'data-reply': '' }, s.reply ? `${s.reply}（${date(s.repliedOn)}）` : '尚未答复'),
      s.reward ? [fact('奖励决定', {}, s.reward)] : null));
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  const code = ctx.params.code;
  ctx.setTitle(code ? '举报办理进度' : '公众举报');
  const body = h('div', {}, loading());
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, code ? '举报办理进度' : '土壤污染公众举报（12369）')),
    section(code ? '办理情况' : '填写举报', body));
  const content = await (code ? get<ReportStatus>(`/public/reports/${encodeURIComponent(code)}`).then(statusView) : form(body)).catch(errorBox);
  if (!ctx.isCurrent()) return;
  fill(body, content);
}
