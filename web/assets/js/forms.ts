// Forms: labelled controls, checks before sending, and the server's refusal shown in full.
import { ApiError } from './api.js';
import { confirmDialog } from './confirm.js';
import { h, uid, type Child } from './dom.js';
import { isIsoDate, labelOf, SAMPLE_COLUMN_LABELS } from './format.js';

/** A value read from a form: trimmed text, a number, the checked boxes' values, a chosen file. */
export type FieldValue = string | number | string[] | File | null;
export type Values = Record<string, FieldValue>;

export interface Option {
  value: string | number;
  label: string;
  className?: string;
  locked?: boolean;
}

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'select' | 'file' | 'radio' | 'checkboxes' | 'number' | 'date' | 'email' | 'password' | 'tel' | 'url' | 'search';
  required?: boolean;
  options?: readonly Option[];
  hint?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  maxLength?: number;
  accept?: string;
  value?: string | number | boolean | null | readonly (string | number)[];
  placeholder?: string;
  list?: readonly string[];
  rows?: number;
  className?: string;
  wide?: boolean;
  autocomplete?: string;
  inputmode?: string;
  integer?: boolean;
  pattern?: RegExp;
  patternMessage?: string;
  extensions?: readonly string[];
  /** The server's name of the field, when the form's differs. */
  serverField?: string;
  validate?: (value: FieldValue, values: Values) => string | null | undefined;
  when?: (values: Values) => boolean;
}

/** A problem with one field: from the checks here or from the server's answer (a sample file's row and column too). */
export interface FieldError {
  field?: string;
  message?: string;
  line?: number;
  column?: number | string | null;
}

/** What showFormError can show: an ApiError, or the checks' summary with their errors. */
export interface ErrorLike {
  message?: string;
  status?: number;
  errors?: readonly FieldError[];
  body?: { reason?: string };
}

export interface Question {
  title: string;
  lines?: readonly (string | null | undefined | false)[];
  confirmLabel?: string;
  tone?: 'danger' | 'normal';
}

export interface FormOptions {
  fields: readonly (FieldSpec | null | undefined | false)[];
  submitLabel: string;
  onSubmit: (values: Values, form: HTMLFormElement) => unknown;
  dataset?: Record<string, string | number | null | undefined>;
  className?: string;
  intro?: string;
  fieldsFirst?: Child;
  note?: Child;
  confirm?: (values: Values) => Question | null | undefined;
  extraCheck?: (form: HTMLFormElement, values: Values) => FieldError[] | null | undefined;
  extraLabels?: Record<string, string>;
}

/**
 * One control from a spec: {name, label, type, required, options, hint, min, max, step,
 * maxLength, accept, value, placeholder, list, rows, validate(value, values) → message,
 * when(values) → whether the field applies (hidden, unchecked and not sent otherwise)}.
 */
function control(spec: FieldSpec, id: string, describedBy: string): Child {
  const common = { id, name: spec.name, 'aria-describedby': describedBy, required: spec.required };
  switch (spec.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: spec.rows ?? 3, maxlength: spec.maxLength, placeholder: spec.placeholder }, scalar(spec.value) ?? '');
    case 'select':
      return h('select', common,
        spec.placeholder !== undefined ? h('option', { value: '' }, spec.placeholder) : null,
        (spec.options ?? []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(spec.value ?? '') }, o.label)));
    case 'file':
      return h('input', { ...common, type: 'file', accept: spec.accept });
    default: {
      const listId = spec.list ? uid('list') : undefined;
      const input = h('input', {
        ...common,
        type: spec.type ?? 'text',
        value: scalar(spec.value),
        min: spec.min,
        max: spec.max,
        step: spec.step,
        maxlength: spec.maxLength,
        placeholder: spec.placeholder,
        autocomplete: spec.autocomplete ?? 'off',
        inputmode: spec.inputmode,
        list: listId,
      });
      if (!listId) return input;
      return [input, h('datalist', { id: listId }, (spec.list ?? []).map((v) => h('option', { value: v })))];
    }
  }
}

/** A spec's value as one attribute value (a list belongs to checkboxes, not to a single control). */
function scalar(value: FieldSpec['value']): string | number | boolean | null | undefined {
  return Array.isArray(value) ? value.join(',') : (value as string | number | boolean | null | undefined);
}

function choiceGroup(spec: FieldSpec, errId: string, hintId: string | undefined): HTMLElement {
  const type = spec.type === 'checkboxes' ? 'checkbox' : 'radio';
  const chosen = new Set(([] as unknown[]).concat(spec.value ?? []).map(String));
  return h('fieldset', { class: ['field choices', spec.className], dataset: { field: spec.name }, 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') },
    h('legend', {}, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    h('div', { class: 'choice-list' },
      (spec.options ?? []).map((o) => {
        const id = uid('c');
        return h('label', { class: ['choice', o.className], for: id },
          h('input', { type, id, name: spec.name, value: o.value, checked: chosen.has(String(o.value)), disabled: o.locked }),
          ' ', o.label);
      })),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'field-error', id: errId, hidden: true }));
}

/** A labelled field: label, control, hint and a slot for its error. */
export function field(spec: FieldSpec): HTMLElement {
  const id = uid(spec.name.replace(/\W/g, '-'));
  const errId = `${id}-err`;
  const hintId = spec.hint ? `${id}-hint` : undefined;
  if (spec.type === 'radio' || spec.type === 'checkboxes') return choiceGroup(spec, errId, hintId);
  return h('div', { class: ['field', spec.wide && 'wide'], dataset: { field: spec.name } },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control(spec, id, [hintId, errId].filter(Boolean).join(' ')),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'field-error', id: errId, hidden: true }));
}

/** The value of each spec'd field: trimmed text, numbers, a File, or a list for checkboxes. */
export function readValues(form: HTMLFormElement, specs: readonly FieldSpec[]): Values {
  const out: Values = {};
  for (const spec of specs) {
    const controls = [...form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(spec.name)}"]`)];
    if (spec.type === 'checkboxes') out[spec.name] = controls.filter((c) => c.checked).map((c) => c.value);
    else if (spec.type === 'radio') out[spec.name] = controls.find((c) => c.checked)?.value ?? '';
    else if (spec.type === 'file') out[spec.name] = controls[0]?.files?.[0] ?? null;
    else {
      const raw = (controls[0]?.value ?? '').trim();
      out[spec.name] = spec.type === 'number' && raw !== '' ? Number(raw) : raw;
    }
  }
  return out;
}

function isEmpty(v: FieldValue | undefined): boolean {
  return v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/** Checks before sending: required, dates, numbers, files, and each spec's own rule. */
export function checkValues(specs: readonly FieldSpec[], values: Values): FieldError[] {
  const errors: FieldError[] = [];
  for (const spec of specs) {
    const v = values[spec.name];
    let message: string | null | undefined = null;
    if (isEmpty(v)) {
      if (spec.required) message = spec.type === 'file' ? '请选择文件' : spec.type === 'select' || spec.type === 'radio' ? '请选择' : '必填';
    } else if (spec.type === 'date' && !isIsoDate(String(v))) {
      message = '请从日历中选择一个有效的日期';
    } else if (spec.type === 'number' && typeof v !== 'number') {
      message = '请输入数字';
    } else if (spec.type === 'number' && !Number.isFinite(v)) {
      message = '请输入数字';
    } else if (spec.type === 'number' && spec.integer && !Number.isInteger(v)) {
      message = '请输入整数';
    } else if (spec.type === 'number' && spec.min !== undefined && (v as number) < Number(spec.min)) {
      message = `不能小于 ${spec.min}`;
    } else if (spec.type === 'number' && spec.max !== undefined && (v as number) > Number(spec.max)) {
      message = `不能大于 ${spec.max}`;
    } else if (typeof v === 'string' && spec.maxLength && v.length > spec.maxLength) {
      message = `不超过 ${spec.maxLength} 个字符`;
    } else if (typeof v === 'string' && spec.pattern && !spec.pattern.test(v)) {
      message = spec.patternMessage ?? '格式不正确';
    } else if (spec.type === 'file' && v instanceof File && v.size === 0) {
      message = '文件是空的';
    } else if (spec.type === 'file' && v instanceof File && spec.extensions && !spec.extensions.some((ext) => v.name.toLowerCase().endsWith(ext))) {
      message = `请选择 ${spec.extensions.join(' 或 ')} 文件`;
    }
    if (!message && !isEmpty(v) && spec.validate) message = spec.validate(v ?? null, values);
    if (message) errors.push({ field: spec.name, message });
  }
  return errors;
}

function fieldBox(form: HTMLElement, name: string): HTMLElement | null {
  return form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
}

function clearErrors(form: HTMLElement) {
  for (const p of form.querySelectorAll<HTMLElement>('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const box = form.querySelector<HTMLElement>('.form-message');
  if (!box) return;
  box.hidden = true;
  box.replaceChildren();
  box.className = 'form-message';
}

/** Marks a field's own error slot; returns the control to focus. */
function markField(form: HTMLElement, name: string, message: string): HTMLElement | null {
  const box = fieldBox(form, name);
  if (!box) return null;
  const slot = box.querySelector<HTMLElement>('.field-error');
  if (!slot) return null;
  slot.textContent = slot.textContent ? `${slot.textContent}；${message}` : message;
  slot.hidden = false;
  const first = box.querySelector<HTMLElement>('input, select, textarea');
  for (const c of box.querySelectorAll('input, select, textarea')) c.setAttribute('aria-invalid', 'true');
  return first;
}

/**
 * The server's refusal in full, in the reader's words: the message, every field error (with line and column) under
 * its label, and the rule's reason. No codes: neither the guard's name, nor the state's, nor the HTTP status.
 */
export function errorDetails(error: unknown, labels: Record<string, string> = {}): Child[] {
  const err = asErrorLike(error);
  const body: { reason?: string } = error instanceof ApiError ? (err.body ?? {}) : {};
  const items = (err.errors ?? []).map((e) => {
    const where = [
      e.line !== undefined ? `第 ${e.line} 行` : null,
      e.column !== undefined && e.column !== null ? columnText(e.column) : null,
    ].filter(Boolean).join('，');
    const label = (e.field !== undefined ? labels[e.field] : undefined) ?? labelOfPath(e.field, labels);
    // A field without a label of this form is named in words where the server gave none: never its key.
    const name = label ?? (e.field ? '其他填写项' : null);
    return h('li', {},
      name ? h('span', { class: 'err-field' }, name) : null,
      where ? ` ${where}` : '', name || where ? '：' : '', where ? withoutPlace(e.message) : e.message ?? '');
  });
  const extra: Child[] = [];
  if (body.reason && body.reason !== err.message) extra.push(h('p', { class: 'err-reason' }, body.reason));
  if (err.status === 409) extra.push(h('p', { class: 'muted small' }, '如页面显示的办理情况与此不符，请刷新页面后重试。'));
  // The server's summary of bad fields repeats each field's key ("请求内容有误：opinion：…"); the list names them in words.
  const message = items.length && /^请求内容有误[：:]/.test(err.message ?? '') ? `请求内容有误，共 ${items.length} 处，见下列各项` : err.message;
  return [
    h('p', { class: 'err-message' }, message),
    items.length ? h('ul', { class: 'err-list' }, items) : null,
    extra,
  ];
}

/** A sample file's column by its Chinese header ("检测项目列"), a column number as "第 2 列". */
function columnText(column: number | string): string {
  if (typeof column === 'number' || /^\d+$/.test(String(column))) return `第 ${column} 列`;
  return `“${labelOf(SAMPLE_COLUMN_LABELS, column) ?? column}”列`;
}

/** A row's message without the place the server already wrote at its start ("第 3 行：…", "analyte：…"): said once. */
function withoutPlace(message: string | undefined): string {
  const keys = Object.keys(SAMPLE_COLUMN_LABELS).join('|');
  return String(message ?? '')
    .replace(/^第\s*\d+\s*行(?:[，,]\s*(?:第\s*)?\d+\s*列)?\s*[：:，,]?\s*/, '')
    .replace(new RegExp(`^(?:${keys})\\s*[：:]\\s*`), '');
}

/** 'experts.1.name' → '第 2 名专家 · 姓名' when the form labels 'experts.*.name' (rows of a list). */
function labelOfPath(field: string | undefined, labels: Record<string, string>): string | undefined {
  const m = /^(\w+)\.(\d+)\.(.+)$/.exec(String(field ?? ''));
  if (!m) return undefined;
  const row = labels[`${m[1]}.*`];
  const part = labels[`${m[1]}.*.${m[3]}`];
  if (!row && !part) return undefined;
  return [row ? row.replace('*', String(Number(m[2]) + 1)) : null, part].filter(Boolean).join(' · ');
}

/** Shows an error (from the server or from the checks) in a form, at the top and beside each field. */
export function showFormError(form: HTMLElement, error: unknown, labels: Record<string, string> = {}, aliases: Record<string, string> = {}): void {
  const err = asErrorLike(error);
  const box = form.querySelector<HTMLElement>('.form-message');
  if (!box) return;
  box.className = 'form-message notice notice-error';
  box.replaceChildren(...nodes(errorDetails(error, labels)));
  box.hidden = false;
  let focus: HTMLElement | null = null;
  for (const e of err.errors ?? []) {
    if (!e.field) continue;
    const text = e.line !== undefined ? `第 ${e.line} 行：${withoutPlace(e.message)}` : e.message ?? '';
    const marked = markField(form, aliases[e.field] ?? e.field, text);
    focus = focus ?? marked;
  }
  (focus ?? box).focus?.();
  if (!focus) box.scrollIntoView?.({ block: 'nearest' });
}

export function showFormSuccess(form: HTMLElement, ...content: Child[]): void {
  const box = form.querySelector<HTMLElement>('.form-message');
  if (!box) return;
  box.className = 'form-message notice notice-ok';
  box.replaceChildren(...(content.flat() as Child[]).filter(Boolean).map((c) => (c instanceof Node ? c : h('p', {}, c))));
  box.hidden = false;
}

/**
 * A form from field specs. `onSubmit(values, form)` sends; a thrown ApiError is shown
 * in the form. Before sending, every field is checked and each problem shown beside it.
 */
export function makeForm({ fields, submitLabel, onSubmit, dataset, className, intro, fieldsFirst = [], note, confirm, extraCheck, extraLabels = {} }: FormOptions): HTMLFormElement {
  const specs = fields.filter((f): f is FieldSpec => Boolean(f));
  const labels = { ...extraLabels, ...Object.fromEntries(specs.map((s) => [s.serverField ?? s.name, s.label])) };
  const aliases = Object.fromEntries(specs.filter((s) => s.serverField).map((s) => [s.serverField, s.name]));
  const button = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
  const message = h('div', { class: 'form-message', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { class: ['form', className], novalidate: true, dataset },
    intro ? h('p', { class: 'hint' }, intro) : null,
    fieldsFirst,
    h('div', { class: 'fields' }, specs.map(field)),
    note ?? null,
    message,
    h('div', { class: 'actions' }, button));
  // Fields that apply only to some answers of another (`when`) follow that answer as the user changes it.
  const conditional = specs.filter((s) => s.when);
  const applicable = () => {
    const values = readValues(form, specs);
    for (const s of conditional) {
      const box = fieldBox(form, s.name);
      if (box) box.hidden = !s.when?.(values);
    }
    return values;
  };
  if (conditional.length) {
    form.addEventListener('change', applicable);
    applicable();
  }
  // A field's error goes as soon as the field is edited (a 必填 must not stay beside what was just typed).
  const clearField = (ev: Event) => {
    const box = ev.target instanceof Element ? ev.target.closest<HTMLElement>('[data-field]') : null;
    if (!box || !form.contains(box)) return;
    const slot = box.querySelector<HTMLElement>('.field-error');
    if (slot && !slot.hidden) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const c of box.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  };
  form.addEventListener('input', clearField);
  form.addEventListener('change', clearField);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    clearErrors(form);
    const values = applicable();
    const active = specs.filter((s) => !s.when || s.when(values));
    for (const s of specs) if (!active.includes(s)) delete values[s.name];
    const problems = [...checkValues(active, values), ...(extraCheck?.(form, values) ?? [])];
    if (problems.length) {
      showFormError(form, { message: `请先更正 ${problems.length} 处填写问题`, errors: problems }, labels, aliases);
      return;
    }
    // A decision that issues a document or changes a stage is confirmed first, with what will follow.
    const question = confirm?.(values);
    if (question && !(await confirmDialog({ ...question, confirmLabel: question.confirmLabel ?? submitLabel }))) return;
    form.setAttribute('aria-busy', 'true');
    button.disabled = true;
    const text = button.textContent;
    button.textContent = '正在提交……';
    try {
      await onSubmit(values, form);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      showFormError(form, err instanceof ApiError ? err : new ApiError(0, { message: err instanceof Error ? err.message : String(err) }), labels, aliases);
    } finally {
      form.removeAttribute('aria-busy');
      button.disabled = false;
      button.textContent = text;
    }
  });
  return form;
}

function asErrorLike(error: unknown): ErrorLike {
  return error && typeof error === 'object' ? (error as ErrorLike) : { message: String(error) };
}

/** Children as nodes for replaceChildren: text becomes text nodes, empty parts are left out. */
function nodes(children: readonly Child[]): (Node | string)[] {
  return (children as Child[]).flat(Infinity as 1).filter((c): c is Node | string | number => c !== null && c !== undefined && typeof c !== 'boolean')
    .map((c) => (c instanceof Node ? c : String(c)));
}
