// The district bureau sets up monitoring points (上政文〔2017〕147号 三（一）2): one by one — its location clicked on the
// map or typed — or a CSV / Excel file of them (POST /monitoring/points/import). Kinds, frequencies, media, lands and
// crops come from the server's configuration (GET /monitoring/config, reference/monitoring.json).
import { ApiError, api, get, query } from '../api.js';
import { organisations } from '../directory.js';
import { h } from '../dom.js';
import { makeForm, showFormSuccess } from '../forms.js';
import { refresh } from '../main.js';
import { createMap, leaflet } from '../map/plot-map.js';
import type { Option } from '../forms.js';
import type { Me } from '../page.js';
import type { CircleMarker, LeafletMouseEvent } from 'leaflet';

/** GET /monitoring/config (src/monitoring/points.service.ts config, reference/monitoring.json): the choices of the form. */
interface MonitoringConfig {
  kinds: { value: string; label: string; frequencyYears: number }[];
  media: Option[];
  lands: Option[];
  crops: Option[];
}

/** POST /monitoring/points: the point set up (src/monitoring/monitoring-view.ts toPointView). */
interface CreatedPoint {
  id: string;
  code: string;
  frequencyLabel: string;
  nextDueOn: string;
}

const frequency = (n: number) => (n === 1 ? '每年 1 次' : `每 ${n} 年 1 次`);

/** Resolves true once `el` is on the page (the form is appended after its options are loaded), false after 5 s. */
function connected(el: Element): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const started = Date.now();
    const check = () => (el.isConnected ? resolve(true) : Date.now() - started > 5000 ? resolve(false) : requestAnimationFrame(check));
    check();
  });
}

/** A small map: a click puts the point there and fills in its longitude and latitude; typed coordinates move it. */
function locationPicker(formRef: () => HTMLFormElement): HTMLElement {
  const canvas = h('div', { class: 'map-canvas map-small', 'data-testid': 'point-location-map', 'aria-label': '在地图上点击以确定点位位置' });
  const status = h('p', { class: 'muted small', 'data-testid': 'point-location-text' }, '在地图上点击以确定点位位置，或直接填写经纬度。');
  leaflet().then(async (L) => {
    if (!(await connected(canvas))) return;
    const map = createMap(L, canvas, { zoom: 13 });
    let marker: CircleMarker | null = null;
    const place = (lat: number, lon: number, fromMap: boolean) => {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
      marker ??= L.circleMarker([lat, lon], { radius: 7, weight: 2, fillOpacity: 0.9, className: 'monitoring-point picked' }).addTo(map);
      marker.setLatLng([lat, lon]);
      status.textContent = `点位位置：东经 ${lon.toFixed(6)}°，北纬 ${lat.toFixed(6)}°`;
      if (fromMap) {
        const form = formRef();
        const lonInput = form.querySelector<HTMLInputElement>('[name="lon"]');
        const latInput = form.querySelector<HTMLInputElement>('[name="lat"]');
        if (lonInput) lonInput.value = lon.toFixed(6);
        if (latInput) latInput.value = lat.toFixed(6);
      }
    };
    map.on('click', (e: LeafletMouseEvent) => place(e.latlng.lat, e.latlng.lng, true));
    formRef().addEventListener('input', (e) => {
      const target = e.target as HTMLInputElement;
      if (target.name !== 'lon' && target.name !== 'lat') return;
      const form = formRef();
      place(Number(form.querySelector<HTMLInputElement>('[name="lat"]')?.value), Number(form.querySelector<HTMLInputElement>('[name="lon"]')?.value), false);
    });
    canvas.dataset.state = 'ready';
  }).catch((e: unknown) => status.replaceChildren(h('span', { class: 'notice notice-error' }, e instanceof Error ? e.message : String(e))));
  return h('div', { class: 'point-location' }, canvas, status);
}

/** The plot a point watches, by its code among the plots the bureau sees. */
async function plotIdOf(code: string): Promise<string> {
  const found = await get<{ items?: { id: string; code: string }[] }>(`/plots${query({ q: code, pageSize: 20 })}`);
  const plot = (found.items ?? []).find((p) => p.code === code);
  if (!plot) throw new ApiError(422, { message: '未找到该地块', errors: [{ field: 'plotCode', message: `本辖区没有编码为 ${code} 的地块` }] });
  return plot.id;
}

export async function pointForm(me: Me): Promise<HTMLFormElement> {
  const [config, units, consultants, holders] = await Promise.all([
    get<MonitoringConfig>('/monitoring/config'),
    get<{ items?: { id: string; name: string }[] }>('/key-units?pageSize=200').catch(() => ({ items: [] })),
    organisations('consultant').catch(() => []),
    organisations('holder').catch(() => []),
  ]);
  let form: HTMLFormElement | undefined;
  form = makeForm({
    dataset: { testid: 'create-point' },
    intro: '点位编码在本区内唯一。监测频次按点位类型取配置值，可另行填写；下次监测日期不填则为今天。',
    fields: [
      { name: 'code', label: '点位编码', required: true, maxLength: 64, placeholder: '如 SJ-JC-03', hint: '字母、数字、短横线或下划线' },
      { name: 'name', label: '点位名称', required: true, maxLength: 200 },
      { name: 'kind', label: '点位类型', type: 'select', required: true, placeholder: '请选择',
        options: config.kinds.map((k) => ({ value: k.value, label: `${k.label.split('（')[0]}（${frequency(k.frequencyYears)}）` })) },
      { name: 'media', label: '监测介质', type: 'checkboxes', required: true, options: config.media, value: ['soil'] },
      { name: 'land', label: '用地', type: 'radio', required: true, options: config.lands, value: 'farmland' },
      { name: 'crop', label: '作物', type: 'select', required: true, options: config.crops, value: 'other', when: (v) => v.land === 'farmland',
        hint: 'GB 15618-2018 表1 按水田、果园、其他分列筛选值' },
      { name: 'landClass', label: '建设用地类别', type: 'select', required: true, when: (v) => v.land === 'construction',
        options: [{ value: '1', label: '第一类用地' }, { value: '2', label: '第二类用地' }], value: '2' },
      { name: 'lon', label: '经度（东经，度）', type: 'number', required: true, min: 73, max: 136, step: 'any' },
      { name: 'lat', label: '纬度（北纬，度）', type: 'number', required: true, min: 3, max: 54, step: 'any' },
      { name: 'watch', label: '所监视的对象', type: 'radio', options: [{ value: '', label: '无' }, { value: 'plot', label: '地块' }, { value: 'unit', label: '重点监管单位' }], value: '' },
      { name: 'plotCode', label: '地块编码', required: true, maxLength: 64, when: (v) => v.watch === 'plot' },
      { name: 'unitId', label: '重点监管单位', type: 'select', required: true, placeholder: '请选择', when: (v) => v.watch === 'unit',
        options: (units.items ?? []).map((u) => ({ value: u.id, label: u.name })) },
      { name: 'frequencyYears', label: '监测频次（每几年 1 次）', type: 'number', min: 1, max: 10, integer: true, hint: '不填按点位类型的配置' },
      { name: 'responsibleOrganisationId', label: '责任单位', type: 'select', value: '',
        options: [{ value: '', label: `本局（${me.organisationName}）` },
          ...consultants.map((o) => ({ value: o.id, label: `第三方机构：${o.name}` })),
          ...holders.map((o) => ({ value: o.id, label: `单位：${o.name}` }))] },
      { name: 'nextDueOn', label: '下次监测日期', type: 'date' },
    ],
    note: locationPicker(() => form as HTMLFormElement),
    submitLabel: '设置监测点位',
    confirm: (v) => ({ title: '确认设置监测点位', lines: [`点位 ${v.code}（${v.name}）设置后，按其频次计算下次监测日期；到期未监测的，列入本局和责任单位的待办。`] }),
    onSubmit: async (v) => {
      const kind = config.kinds.find((k) => k.value === v.kind);
      const body = {
        code: v.code, name: v.name, kind: v.kind, media: v.media, lon: v.lon, lat: v.lat, land: v.land,
        ...(v.land === 'farmland' ? { crop: v.crop } : {}), ...(v.land === 'construction' ? { landClass: Number(v.landClass) } : {}),
        ...(v.watch === 'plot' ? { plotId: await plotIdOf(v.plotCode as string) } : {}), ...(v.watch === 'unit' ? { unitId: v.unitId } : {}),
        ...(v.frequencyYears !== '' && v.frequencyYears !== undefined ? { frequencyYears: v.frequencyYears } : {}),
        ...(v.responsibleOrganisationId ? { responsibleOrganisationId: v.responsibleOrganisationId } : {}),
        ...(v.nextDueOn ? { nextDueOn: v.nextDueOn } : {}),
      };
      const p = await api<CreatedPoint>('POST', '/monitoring/points', body);
      showFormSuccess(form as HTMLFormElement, h('p', {}, `已设置点位 ${p.code}：${kind?.label.split('（')[0] ?? ''}，${p.frequencyLabel}，下次监测日期 ${p.nextDueOn}。`, ' ',
        h('a', { href: `/app/monitoring/points/${p.id}` }, '查看点位')));
    },
  });
  return form;
}

export function importForm(): HTMLFormElement {
  return makeForm({
    dataset: { testid: 'import-points' },
    intro: '上传 CSV 或 Excel 文件，第一行为表头：点位编码、点位名称、点位类型、监测介质（多项以“；”分隔）、经度、纬度、用地、作物、用地类别，可选监测频次、下次监测日期。有一行不合格则整批不导入，并逐行说明原因。',
    fields: [
      { name: 'file', label: '点位文件（CSV 或 Excel）', type: 'file', required: true, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.csv', '.xlsx'] },
    ],
    submitLabel: '导入点位',
    onSubmit: async (v, form) => {
      const data = new FormData();
      const file = v.file as File;
      data.append('file', file, file.name);
      const res = await api<{ created: number }>('POST', '/monitoring/points/import', data);
      showFormSuccess(form, `已导入 ${res.created} 个点位。`);
      setTimeout(() => void refresh(), 800);
    },
  });
}
