import { readTextFile, referencePath } from '../reference/reference-files';
import type { DeadlineKind } from '../deadlines/deadline-rules';

export type OwingParty = 'holder' | 'bureau' | 'unit';
export type UrgeKind = 'urge' | 'supervise';

export interface OverdueBand {
  key: string;
  label: string;
  minOverdueDays?: number;
  maxOverdueDays?: number;
  maxDaysLeft?: number;
}

interface SupervisionReference {
  source: string;
  parties: Record<DeadlineKind, { party: OwingParty; basis: string; countedIn?: 'workingDays' }>;
  urge: { kinds: Record<UrgeKind, { label: string; rule: string }>; perDutyPerDay: number; messageMaxLength: number };
  bands: OverdueBand[];
}

// reference/supervision.json: who owes each kind of deadline, the rules of 催办 and 督办, the overdue bands of the figures.
export const SUPERVISION: SupervisionReference = JSON.parse(readTextFile(referencePath('supervision.json')));

export const PARTY_LABELS: Record<OwingParty, string> = { holder: '土地使用权人', bureau: '主管部门', unit: '重点监管单位' };

/** The stages of a plot (the state's first segment), and a key unit's duties as a stage of their own. */
export const STAGE_LABELS: Record<string, string> = {
  suspected: '疑似污染地块',
  investigation: '土壤污染状况调查',
  riskAssessment: '风险评估',
  listed: '纳入名录',
  released: '移出名录',
  cleared: '非污染地块 / 风险可接受',
  keyUnit: '重点监管单位',
};

export function partyOf(kind: DeadlineKind): OwingParty {
  return SUPERVISION.parties[kind]?.party ?? 'holder';
}

/** The deadline kinds a party owes. */
export function kindsOwedBy(party: OwingParty): DeadlineKind[] {
  return (Object.keys(SUPERVISION.parties) as DeadlineKind[]).filter((k) => SUPERVISION.parties[k].party === party);
}

/** The band of a duty by its days left (negative: days overdue). */
export function bandOf(daysLeft: number): string {
  for (const b of SUPERVISION.bands) {
    const overdue = -daysLeft;
    if (b.minOverdueDays !== undefined && overdue < b.minOverdueDays) continue;
    if (b.maxOverdueDays !== undefined && overdue > b.maxOverdueDays) continue;
    if (b.maxDaysLeft !== undefined && (daysLeft < 0 || daysLeft > b.maxDaysLeft)) continue;
    if (b.minOverdueDays === undefined && b.maxOverdueDays === undefined && daysLeft < 0) continue;
    return b.key;
  }
  return SUPERVISION.bands[SUPERVISION.bands.length - 1].key;
}
