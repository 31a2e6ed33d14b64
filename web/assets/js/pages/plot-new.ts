import { api } from '../api.js';
import { jurisdictions, organisations, type DirectoryJurisdiction, type DirectoryOrganisation } from '../directory.js';
import { add, h } from '../dom.js';
import { makeForm, type FieldSpec } from '../forms.js';
import { LAND_USES, REGISTRATION_REASONS } from '../format.js';
import { navigate } from '../main.js';
import type { SignedInContext } from '../page.js';
import { errorBox } from '../widgets.js';

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('登记地块');
  const me = ctx.me;
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '登记地块')));
  if (me.role !== 'eeb' && me.role !== 'holder') {
    add(root, h('div', { class: 'notice notice-info' }, '只有生态环境局和土地使用权人可以登记地块。'));
    return;
  }
  let districts: DirectoryJurisdiction[];
  let holders: DirectoryOrganisation[] = [];
  try {
    // A plot lies in a district or county (区、县); the province and the cities above are not offered.
    districts = (await jurisdictions()).filter((j) => !j.level || j.level === 'district');
    if (me.role === 'eeb') holders = await organisations('holder');
  } catch (e) {
    add(root, errorBox(e));
    return;
  }
  const holderField: FieldSpec | null = me.role === 'holder'
    ? null
    : {
      name: 'holderOrganisationId', label: '土地使用权人', type: 'select', required: true, placeholder: '请选择',
      options: holders.map((o) => ({ value: o.id, label: o.name })),
    };
  const form = makeForm({
    dataset: { testid: 'register-plot' },
    intro: '登记后地块进入“疑似污染地块”阶段，开展土壤污染状况调查，系统出具登记表（D1）。标 * 的为必填项。',
    fieldsFirst: me.role === 'holder'
      ? h('p', { class: 'fact-line' }, '土地使用权人：', h('strong', {}, me.organisationName), '（本单位）')
      : null,
    fields: [
      {
        name: 'registrationReason', label: '登记原因', type: 'select', required: true, value: 'suspected', wide: true,
        options: REGISTRATION_REASONS.map((r) => ({ value: r.value, label: r.label })),
        hint: REGISTRATION_REASONS[0].hint,
      },
      { name: 'code', label: '地块编码', required: true, maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, patternMessage: '1–64 位字母、数字、点、下划线或连字符', placeholder: '如 SJ-2026-001' },
      { name: 'name', label: '地块名称', required: true, maxLength: 200 },
      districts.length
        ? { name: 'jurisdiction', label: '行政区', type: 'select', required: true, value: me.jurisdictionCode ?? '', placeholder: '请选择', options: districts.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` })) }
        : { name: 'jurisdiction', label: '行政区划代码', required: true, value: me.jurisdictionCode ?? '', pattern: /^[0-9]{6}([0-9]{3,6})?$/, patternMessage: '6 位（或 9–12 位）数字' },
      { name: 'areaM2', label: '占地面积（平方米）', type: 'number', required: true, min: 1, max: 1e9, step: 'any', inputmode: 'decimal' },
      { name: 'address', label: '地址', required: true, maxLength: 300, wide: true },
      { name: 'formerIndustry', label: '原行业', required: true, maxLength: 200, placeholder: '如 铝冶炼' },
      { name: 'currentUse', label: '现状用途', required: true, maxLength: 100, placeholder: '如 工业用地（停产）' },
      { name: 'plannedUse', label: '规划用途', required: true, maxLength: 100, list: LAND_USES },
      {
        name: 'plannedLandClass', label: '规划用地类别', type: 'select', value: '',
        options: [{ value: '', label: '按规划用途确定' }, { value: '1', label: '第一类用地' }, { value: '2', label: '第二类用地' }],
        hint: '用地类别由规划用途确定（GB 36600-2018 第 3.5、3.6 条）：住宅、学校、医院等为第一类用地，商业服务业设施、工业、物流仓储等为第二类用地；可不选，所选与规划用途不符的不予登记。',
      },
      holderField,
      {
        name: 'boundary', label: '地块边界（GeoJSON 多边形，可选）', type: 'textarea', rows: 3, wide: true,
        placeholder: '{"type":"Polygon","coordinates":[[[113.30,34.80],[113.31,34.80],[113.31,34.81],[113.30,34.80]]]}',
        validate: (v) => {
          try {
            const g = JSON.parse(String(v)) as { type?: unknown } | null;
            return g && g.type === 'Polygon' ? null : '应为 type 为 Polygon 的 GeoJSON 对象';
          } catch {
            return '不是合法的 JSON';
          }
        },
      },
    ],
    submitLabel: '登记地块',
    onSubmit: async (v) => {
      const body: Record<string, unknown> = {
        code: v.code, name: v.name, address: v.address, jurisdiction: v.jurisdiction, areaM2: v.areaM2,
        formerIndustry: v.formerIndustry, currentUse: v.currentUse, plannedUse: v.plannedUse,
        holderOrganisationId: me.role === 'holder' ? me.organisationId : v.holderOrganisationId,
        registrationReason: v.registrationReason || 'suspected',
      };
      if (v.plannedLandClass) body.plannedLandClass = Number(v.plannedLandClass);
      if (v.boundary) body.boundary = JSON.parse(String(v.boundary));
      const plot = await api<{ id: string }>('POST', '/plots', body);
      navigate(`/app/plots/${plot.id}?registered=1`);
    },
  });
  // Each reason's own line (土壤法第五十九条、第六十七条) under the select, as the officer changes it.
  const reason = form.querySelector<HTMLSelectElement>('select[name="registrationReason"]')!;
  const reasonHint = form.querySelector(`#${CSS.escape(reason.id)}-hint`);
  reason.addEventListener('change', () => {
    if (reasonHint) reasonHint.textContent = REGISTRATION_REASONS.find((r) => r.value === reason.value)?.hint ?? '';
  });
  add(root, h('section', { class: 'card' }, form));
}
