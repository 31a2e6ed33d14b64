import { ApiError, get } from '../api.js';
import { add, fill, h, uid, type Child } from '../dom.js';
import { date, dateTime } from '../format.js';
import { navigate } from '../main.js';
import type { PageContext } from '../page.js';
import { errorBox, loading } from '../widgets.js';

const SHA256 = /[0-9a-fA-F]{64}/;

// The kinds of filing document (README, Filing documents): a document that is not published is confirmed by kind, not by its title.
export const DOCUMENT_KINDS: Record<string, string> = {
  D1: '疑似污染地块登记表', D2: '调查通知书', D3: '调查报告备案回执', D4: '评审意见', D5: '风险评估报告备案回执',
  D6: '纳入名录公告', D7: '风险管控方案或定期报告回执', D8: '修复方案备案回执', D9: '施工公告牌',
  D10: '污染土壤转运报告', D11: '效果评估报告备案回执', D12: '移出名录决定', D14: '年度工作进展报告',
  D15: '地块权利人及责任主体变更记录', D16: '重新启动土壤污染状况调查通知', D17: '后期管理要求或管控区域公告',
};

/** A digest from what was pasted: the digest itself, or a verification link that contains it. */
/** GET /public/verify/:sha256: what the register knows of the document with that digest. */
interface Verification {
  valid: boolean;
  number?: string;
  title?: string;
  kind?: string;
  plotCode?: string;
  plotName?: string;
  issuer?: string;
  issuedAt?: string;
  matched?: 'pdf' | 'record';
  published?: boolean;
  pdfUrl?: string;
}

export function digestFrom(text: unknown): string | null {
  return SHA256.exec(String(text ?? ''))?.[0]?.toLowerCase() ?? null;
}

async function verify(sha: string, out: HTMLElement): Promise<void> {
  fill(out, loading('正在核验……'));
  try {
    const res = await get<Verification>(`/public/verify/${sha}`);
    fill(out, h('div', { class: `verify-result ${res.valid ? 'verify-ok' : 'verify-bad'}`, 'data-testid': 'verify-result', role: 'status' },
      h('p', { class: 'verify-headline' }, res.valid ? '✓ 文件真实有效' : '✗ 文件未通过核验'),
      h('dl', { class: 'facts compact' },
        fact('文号', res.number),
        fact('文件', res.title ?? (res.kind ? DOCUMENT_KINDS[res.kind] : undefined) ?? '备案文件'),
        fact('地块', res.plotCode ? `${res.plotCode} ${res.plotName ?? ''}` : null),
        fact('出具单位', res.issuer),
        fact('出具日期', res.issuedAt ? (String(res.issuedAt).length > 10 ? dateTime(res.issuedAt) : date(res.issuedAt)) : null),
        fact('核验依据', res.matched === 'pdf' ? 'PDF 文件的 SHA-256 摘要' : res.matched === 'record' ? '文件上印制的备案记录摘要' : null),
        fact('摘要', h('code', { class: 'digest' }, sha), 'wide')),
      res.published ? null : h('p', { class: 'hint' }, '该文件不对外公开：此处只确认文号、文件种类、地块编号与出具日期，请与手中文件核对。'),
      res.pdfUrl ? h('p', {}, h('a', { class: 'btn', href: res.pdfUrl }, '查看公开文件（PDF）')) : null));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      fill(out, h('div', { class: 'verify-result verify-bad', 'data-testid': 'verify-result', role: 'status' },
        h('p', { class: 'verify-headline' }, '✗ 未找到该摘要对应的备案文件'),
        h('p', {}, '请核对摘要是否完整、准确（64 位十六进制字符）。摘要不符的文件可能已被改动，不是本系统出具的原件。'),
        h('p', {}, h('code', { class: 'digest' }, sha))));
    } else {
      fill(out, errorBox(e));
    }
  }
}

function fact(label: string, value: Child, wide?: string): HTMLElement | null {
  if (value === undefined || value === null || value === '') return null;
  return h('div', { class: ['fact', wide && 'wide'] }, h('dt', {}, label), h('dd', {}, value));
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('文件核验');
  const given = ctx.params.sha ? decodeURIComponent(ctx.params.sha) : '';
  const sha = digestFrom(given);
  const id = uid('sha');
  const out = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id, name: 'sha256', value: given, autocomplete: 'off', spellcheck: 'false', class: 'mono', placeholder: '64 位十六进制字符，或粘贴文件上的核验链接', 'aria-describedby': `${id}-hint ${id}-err` });
  const err = h('p', { class: 'field-error', id: `${id}-err`, hidden: true });
  const form = h('form', { class: 'form verify-form', novalidate: true },
    h('div', { class: 'field wide' },
      h('label', { for: id }, '文件 SHA-256 摘要'), input,
      h('p', { class: 'hint', id: `${id}-hint` }, '摘要印在每份备案文件的页脚。用手机扫描文件上的二维码，也会直接打开本页并显示核验结果。'),
      err),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '核验')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const digest = digestFrom(input.value);
    err.hidden = true;
    input.removeAttribute('aria-invalid');
    if (!digest) {
      err.textContent = '请输入 64 位十六进制字符的 SHA-256 摘要';
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    navigate(`/verify/${digest}`);
  });
  add(root, 
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '备案文件核验')),
    h('section', { class: 'card' }, form, out));
  if (given && !sha) {
    err.textContent = '链接中的摘要不是 64 位十六进制字符';
    err.hidden = false;
  } else if (sha) {
    await verify(sha, out);
  }
}
