// Stock opinions a reviewer may pick and then edit (issue 22 point 4): clicking one adds it to the text, never sends.
import { h } from '../dom.js';

/** By the field they fill: an approval's opinion, a return's reason, an expert's opinion, the panel's conclusion. */
export const STOCK_OPINIONS: Record<string, readonly string[]> = {
  APPROVE: ['同意，进入下一阶段。', '报告内容完整，结论可信，同意。', '同意，请按专家意见完善后归档。'],
  RETURN: ['报告内容不完整，请补充：', '采样布点不足，请补充采样并重新检测：', '检测项目未覆盖 GB 36600-2018 表1 基本项目，请补充：', '结论依据不足，请补充说明：'],
  RECORD_EXPERT_OPINION: ['报告内容基本完整，同意通过。', '同意，建议补充地下水监测。', '修改完善后通过，意见如下：', '不同意通过，理由如下：'],
  CONCLUDE_PANEL: ['专家组同意通过。', '专家组同意修改完善后通过，修改意见见各专家意见。', '专家组不同意通过，理由见各专家意见。'],
};

/** The chips above a text field: each adds its text at the end of what is typed. */
export function stockPicker(type: string, textarea: HTMLTextAreaElement | HTMLInputElement | null | undefined): HTMLElement | null {
  const list = STOCK_OPINIONS[type];
  if (!list || !textarea) return null;
  return h('div', { class: 'stock-opinions', 'data-testid': 'stock-opinions', role: 'group', 'aria-label': '常用意见' },
    h('span', { class: 'muted small' }, '常用意见：'),
    list.map((text) => h('button', {
      type: 'button', class: 'chip chip-button',
      on: {
        click: () => {
          const now = textarea.value.trim();
          textarea.value = now ? `${now}${/[。：；]$/.test(now) ? '' : '。'}${text}` : text;
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
          textarea.focus();
        },
      },
    }, text)));
}
