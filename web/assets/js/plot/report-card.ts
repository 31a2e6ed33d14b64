// One builder for the buttons that fetch a report's or a document's file: disabled while the file comes, the
// outcome in words beside it. Used by the plot page's review desk and the reports and documents tables.
import { download } from '../api.js';
import { h } from '../dom.js';

/**
 * A button that runs `run` (a download, a preview), with a status line: `busyText` while it runs, the error's
 * words when it fails (`failText`). With `once`, a button whose work succeeded is hidden (a preview drawn).
 */
export interface FileButtonOptions {
  busyText?: string;
  failText?: (error: unknown) => string;
  once?: boolean;
}

export function fileButton(label: string, run: () => Promise<unknown>, { busyText = '', failText = (e) => `下载失败：${e instanceof Error ? e.message : String(e)}`, once = false }: FileButtonOptions = {}): { button: HTMLButtonElement; status: HTMLElement } {
  const status = h('span', { class: 'dl-status small', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'btn btn-small',
    on: {
      click: async () => {
        button.disabled = true;
        status.textContent = busyText;
        try {
          await run();
          status.textContent = '';
          if (once) button.hidden = true;
        } catch (e) {
          status.textContent = failText(e);
        } finally {
          button.disabled = false;
        }
      },
    },
  }, label);
  return { button, status };
}

/** A file saved by the browser through the session (GET path), as a small inline control. */
export function downloadButton(path: string, name: string, label = '下载'): HTMLElement {
  const { button, status } = fileButton(label, () => download(path, name));
  return h('span', { class: 'dl' }, button, status);
}
