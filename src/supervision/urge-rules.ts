import type { Principal } from '../auth/principal';
import { jurisdictionCovers } from '../common/jurisdiction';
import type { OwingParty, UrgeKind } from './supervision-reference';

export interface UrgedDuty {
  party: OwingParty;
  jurisdictionCode: string;
  daysLeft: number;
}

/**
 * Whether the caller may urge the duty (reference/supervision.json, urge.kinds): the reason it may not, in Chinese, or
 * null. 催办: a bureau whose jurisdiction covers the duty's; 督办: only once overdue. A duty a bureau owes is urged only
 * by a bureau above it — no bureau urges itself.
 */
export function urgeRefusal(me: Pick<Principal, 'role' | 'jurisdictionCode'>, duty: UrgedDuty, kind: UrgeKind): string | null {
  if (me.role !== 'eeb' && me.role !== 'land') return '只有生态环境、自然资源主管部门可以催办、督办';
  if (!jurisdictionCovers(me.jurisdictionCode, duty.jurisdictionCode)) return '该期限不在本部门管辖范围内';
  const above = me.jurisdictionCode !== duty.jurisdictionCode;
  if (duty.party === 'bureau' && !above) return '该期限由本级主管部门承担，须由上级主管部门催办、督办';
  if (kind === 'supervise' && duty.daysLeft >= 0) return '期限尚未届满，只能催办；逾期后方可督办';
  return null;
}
