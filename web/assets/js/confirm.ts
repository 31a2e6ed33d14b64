// A confirmation before a decision that issues a document or changes a stage: what will follow, in words.
import { h } from './dom.js';

/**
 * Shows a modal dialog: {title, lines: [text], confirmLabel, tone: 'danger'|'normal'}; resolves to true when the
 * user confirms, false when they cancel (button, Esc or closing the dialog).
 */
export interface Confirmation {
  title: string;
  /** Each line a paragraph; empty ones are left out. */
  lines?: readonly (string | null | undefined | false)[];
  confirmLabel?: string;
  tone?: 'danger' | 'normal';
}

export function confirmDialog({ title, lines = [], confirmLabel = '确认', tone = 'normal' }: Confirmation): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const ok = h('button', { type: 'button', class: ['btn', tone === 'danger' ? 'btn-danger' : 'btn-primary'], value: 'ok' }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'btn', value: 'cancel' }, '取消');
    const titleId = `confirm-${Date.now().toString(36)}`;
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': titleId, dataset: { testid: 'confirm' } },
      h('h2', { id: titleId }, title),
      lines.filter(Boolean).map((line) => h('p', {}, line)),
      h('div', { class: 'actions' }, cancel, ok));
    let answered = false;
    const finish = (value: boolean) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(value);
    };
    ok.addEventListener('click', () => finish(true));
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
