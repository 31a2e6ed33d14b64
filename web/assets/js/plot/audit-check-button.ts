// 核验本地块审计链: a link from the plot page to the audit-check page with this plot chosen (it runs the check at once).
import { h } from '../dom.js';
import type { Me } from '../page.js';

const CHECKERS: readonly string[] = ['admin', 'eeb', 'land'];

/** The link, for the administrator and the bureaus; nothing for anyone else (GET /audit/verify would refuse them). */
export function auditCheckButton(plotId: string, me: Me | null | undefined): HTMLElement | null {
  if (!me || !CHECKERS.includes(me.role)) return null;
  return h('a', { class: 'btn btn-small', href: `/app/audit-check?plotId=${encodeURIComponent(plotId)}`, 'data-testid': 'audit-check-plot' }, '核验本地块审计链');
}
