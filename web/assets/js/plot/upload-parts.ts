// Parts of the report upload form: the sample templates, the upload with its progress bar, the risk
// assessment's per-analyte targets (风险控制值 / 修复目标值), and what the upload answer says is missing.
import { ApiError, download, sessionEnded, sessionHeaders, type ApiErrorBody, type ApiFieldError } from '../api.js';
import { fill, h, uid } from '../dom.js';
import { field } from '../forms.js';

/** The sample file templates (GET /samples/template.xlsx, .csv), downloaded through the session. */
export function sampleTemplates(): HTMLElement {
  const status = h('span', { class: 'dl-status small', role: 'status' });
  const link = (path: string, name: string, label: string) => h('a', {
    href: path,
    class: 'template-link',
    download: name,
    on: {
      click: async (ev: Event) => {
        ev.preventDefault();
        status.textContent = '';
        try {
          await download(path, name);
        } catch (e) {
          status.textContent = `模板下载失败：${e instanceof Error ? e.message : String(e)}`;
        }
      },
    },
  }, label);
  return h('p', { class: 'sample-templates', 'data-testid': 'sample-templates' },
    '样品数据模板：',
    link('/samples/template.xlsx', '样品数据模板.xlsx', '下载 Excel 模板'), '　',
    link('/samples/template.csv', '样品数据模板.csv', '下载 CSV 模板'),
    ' ', status);
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One upload's progress bar and what it is told as the upload goes. */
export interface UploadProgress {
  box: HTMLElement;
  start(onCancel: () => void): void;
  update(loaded: number, total: number): void;
  sent(): void;
  failed(message: string): void;
}

/** The progress bar of one upload: hidden until a file is sent, the percentage beside it, a cancel button. */
export function uploadProgress(): UploadProgress {
  const id = uid('up');
  const bar = h('progress', { id, max: '100', value: '0' });
  const text = h('span', { class: 'upload-percent', 'aria-live': 'polite' }, '');
  let cancel: (() => void) | null = null;
  const cancelButton = h('button', { type: 'button', class: 'btn btn-small', on: { click: () => cancel?.() } }, '取消上传');
  const box = h('div', { class: 'upload-progress', 'data-testid': 'upload-progress', hidden: true },
    h('label', { for: id }, '上传进度'), bar, text, cancelButton);
  return {
    box,
    start(onCancel) {
      cancel = onCancel;
      box.hidden = false;
      box.dataset.state = 'sending';
      cancelButton.hidden = false;
      bar.value = 0;
      text.textContent = '0%';
    },
    update(loaded, total) {
      if (!total) {
        text.textContent = `已发送 ${size(loaded)}`;
        return;
      }
      const pct = Math.min(100, Math.floor((loaded / total) * 100));
      bar.value = pct;
      bar.dataset.max = String(Math.max(Number(bar.dataset.max ?? 0), pct));
      text.textContent = `${pct}%（${size(loaded)} / ${size(total)}）`;
    },
    sent() {
      bar.value = 100;
      bar.dataset.max = '100';
      box.dataset.state = 'checking';
      cancelButton.hidden = true;
      text.textContent = '100%，文件已送达，正在检查报告并导入样品数据……';
    },
    failed(message) {
      box.dataset.state = 'failed';
      cancelButton.hidden = true;
      text.textContent = message;
    },
  };
}

/**
 * The server's default message for bad fields repeats each field's path (conclusion.targets.1.analyte);
 * the list under it names each field by its label, so the message only says how many there are.
 */
function readable(body: ApiErrorBody | null): ApiErrorBody | null {
  if (!body || !Array.isArray(body.errors) || !body.errors.length || !/^请求内容有误：/.test(body.message ?? '')) return body;
  return { ...body, message: `请求内容有误，共 ${body.errors.length} 处，见下列各项` };
}

/**
 * POST of a multipart body with XMLHttpRequest, for its upload progress events (fetch has none);
 * errors as ApiError, as api() gives them, so the form shows them in words.
 */
export function uploadWithProgress(path: string, data: FormData, progress: UploadProgress): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const fail = (message: string) => {
      progress.failed(message);
      reject(new ApiError(0, { message }));
    };
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(sessionHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => progress.update(e.loaded, e.lengthComputable ? e.total : 0));
    xhr.upload.addEventListener('load', () => progress.sent());
    xhr.addEventListener('load', () => {
      let body: ApiErrorBody | null = null;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as ApiErrorBody | null) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      if (xhr.status === 401) sessionEnded();
      const err = new ApiError(xhr.status, readable(body) ?? { message: '上传未能完成，请稍后重试' });
      progress.failed('上传未被接受，原因见下方说明。');
      reject(err);
    });
    xhr.addEventListener('error', () => fail('上传中断：无法连接服务器，请检查网络后重新上传；报告未保存。'));
    xhr.addEventListener('timeout', () => fail('上传超时，请检查网络后重新上传；报告未保存。'));
    xhr.addEventListener('abort', () => fail('已取消上传，报告未保存。'));
    progress.start(() => xhr.abort());
    xhr.send(data);
  });
}

const TARGET_MAX_ROWS = 50;
const TARGET_KINDS = ['修复目标值', '风险控制值'];
const UNITS = [{ value: 'mg/kg', label: 'mg/kg（土壤）', medium: 'soil' }, { value: 'mg/L', label: 'mg/L（地下水）', medium: 'groundwater' }];

/** Labels of the target rows' fields, for the server's errors (conclusion.targets.0.analyte …). */
export const TARGET_LABELS: Record<string, string> = Object.fromEntries(Array.from({ length: TARGET_MAX_ROWS }, (_, i) => [
  [`conclusion.targets.${i}.analyte`, `第 ${i + 1} 项目标值 · 污染物`],
  [`conclusion.targets.${i}.kind`, `第 ${i + 1} 项目标值 · 类别`],
  [`conclusion.targets.${i}.value`, `第 ${i + 1} 项目标值 · 目标值`],
  [`conclusion.targets.${i}.medium`, `第 ${i + 1} 项目标值 · 单位`],
]).flat());

/** One row of the targets editor as typed in. */
interface TargetRow {
  analyte: string;
  kind: string;
  value: string;
  unit: string;
}

function targetRow(i: number, row: TargetRow, onRemove: () => void): HTMLElement {
  const name = (part: string) => `conclusion.targets.${i}.${part}`;
  return h('fieldset', { class: 'target-row', dataset: { row: String(i) } },
    h('legend', {}, `第 ${i + 1} 项`),
    h('div', { class: 'fields' },
      field({ name: name('analyte'), label: '污染物', maxLength: 100, value: row.analyte, placeholder: '如 砷、氟化物' }),
      field({ name: name('kind'), label: '类别', type: 'select', value: row.kind, options: TARGET_KINDS.map((k) => ({ value: k, label: k })) }),
      field({ name: name('value'), label: '目标值', type: 'number', min: 0, step: 'any', value: row.value }),
      field({ name: name('medium'), label: '单位', type: 'select', value: row.unit, options: UNITS })),
    h('button', { type: 'button', class: 'btn btn-small', on: { click: onRemove } }, '删除此项'));
}

function readTargetRows(box: HTMLElement): TargetRow[] {
  return [...box.querySelectorAll('.target-row')].map((row) => {
    const v = (n: string) => (row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name$=".${n}"]`)?.value ?? '').trim();
    return { analyte: v('analyte'), kind: v('kind') || TARGET_KINDS[0], value: v('value'), unit: v('medium') || 'mg/kg' };
  });
}

/** A target as the API takes it (conclusion.targets). */
export interface Target {
  analyte: string;
  kind: string;
  value: number;
  medium: string;
}

/** The targets editor: its box, the check of half-filled rows and the rows read for the API. */
export interface TargetsEditor {
  box: HTMLElement;
  check: () => ApiFieldError[];
  read: () => Target[];
}

/** The risk assessment's targets: a small repeatable row (污染物, 类别, 目标值, 单位). */
export function targetsEditor(): TargetsEditor {
  const box = h('div', { class: 'targets-editor', 'data-testid': 'targets-editor' });
  let rows: TargetRow[] = [{ analyte: '', kind: TARGET_KINDS[0], value: '', unit: 'mg/kg' }];
  const draw = () => {
    fill(box,
      h('p', { class: 'targets-title' }, '修复目标值或风险控制值（可选，每项污染物一行；土壤 mg/kg，地下水 mg/L）'),
      rows.map((r, i) => targetRow(i, r, () => { rows = readTargetRows(box); rows.splice(i, 1); draw(); })),
      rows.length < TARGET_MAX_ROWS
        ? h('button', { type: 'button', class: 'btn btn-small', on: { click: () => { rows = readTargetRows(box); rows.push({ analyte: '', kind: TARGET_KINDS[0], value: '', unit: 'mg/kg' }); draw(); } } }, '增加一项')
        : null);
  };
  draw();
  const filled = () => readTargetRows(box).map((r, i) => ({ ...r, i })).filter((r) => r.analyte || r.value !== '');
  return {
    box,
    /** Rows half filled in: each missing part named. */
    check: () => filled().flatMap((r) => [
      !r.analyte ? { field: `conclusion.targets.${r.i}.analyte`, message: '请填写污染物' } : null,
      r.value === '' ? { field: `conclusion.targets.${r.i}.value`, message: '请填写目标值' } : null,
      r.value !== '' && !(Number(r.value) >= 0) ? { field: `conclusion.targets.${r.i}.value`, message: '目标值须为不小于 0 的数字' } : null,
    ].filter((x) => x !== null)),
    /** The targets as the API takes them; the rows left empty are not sent. */
    read: () => readTargetRows(box).filter((r) => r.analyte && r.value !== '').map((r) => ({
      analyte: r.analyte, kind: r.kind, value: Number(r.value), medium: UNITS.find((u) => u.value === r.unit)?.medium ?? 'soil',
    })),
  };
}

/**
 * What the upload answer says a preliminary investigation's samples miss (GB 36600-2018 表1 基本项目),
 * and what follows at submission: the items tested, or a stated reason the reviewers accept.
 */
export function missingItemsNotice(res: { missingRequiredItems?: unknown } | null | undefined, reasonGiven: boolean): HTMLElement | null {
  const missing = res?.missingRequiredItems;
  if (!Array.isArray(missing) || !missing.length) return null;
  const follow = reasonGiven
    ? '报告已说明未检测的理由，提交后由评审确认。'
    : '提交审查前须补充检测；确实无需检测的，请重新上传报告并在“未检测项目说明”中写明理由，由评审确认。';
  return h('div', { class: 'missing-items', 'data-testid': 'missing-items' },
    h('p', {}, `样品数据缺少 GB 36600-2018 表1 的 ${missing.length} 项基本项目：`),
    h('ul', { class: 'inline-list' }, missing.map((name) => h('li', {}, String(name)))),
    h('p', {}, follow));
}
